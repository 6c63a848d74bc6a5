/** `uar-check schema`: every property explains itself, and the committed reference page is what --markdown prints. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PAGE_COMMAND } from '../../src/cli/commands/schema.js';
import { headingAnchor } from '../../src/cli/schema-markdown.js';
import { AccessDocument, documentJsonSchema } from '../../src/model/document.js';
import { runCli } from '../helpers/cli.js';
import { makeDocument } from '../report/fixtures.js';

type Schema = Record<string, unknown>;

/** Every property of every object in the schema, with its path and its description (if any). */
function properties(schema: unknown, path = 'input'): { path: string; description: unknown }[] {
  if (Array.isArray(schema)) return schema.flatMap((s) => properties(s, path));
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Schema;
  const out: { path: string; description: unknown }[] = [];
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, prop] of Object.entries(value as Record<string, Schema>)) {
        out.push({ path: `${path}.${name}`, description: prop.description });
        out.push(...properties(prop, `${path}.${name}`));
      }
    } else if (key === 'items') out.push(...properties(value, `${path}[]`));
    else if (key !== 'description') out.push(...properties(value, path));
  }
  return out;
}

describe('uar-check schema', () => {
  it('describes every property of the access document (meaning, units, what null or unknown means)', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    const all = properties(JSON.parse(run.stdout));
    expect(all.length).toBeGreaterThan(150); // inlined: a label counts once per place it appears
    const missing = all.filter((p) => typeof p.description !== 'string' || p.description.trim() === '');
    expect(
      missing.map((p) => p.path),
      'properties without a description in src/model/document.ts',
    ).toEqual([]);
  });

  it('descriptions do not change what validates: a document, and the same with a wrong type in a described field', () => {
    const doc = makeDocument();
    expect(AccessDocument.safeParse(doc).success).toBe(true);
    expect(AccessDocument.safeParse({ ...doc, complete: 'yes' }).success).toBe(false);
    const schema = documentJsonSchema() as { properties: Record<string, Schema> };
    expect(schema.properties.workspace?.description).toBe('the Segment workspace reviewed');
  });

  it('--markdown prints one table per object with property, type, required and description', async () => {
    const run = await runCli(['schema', '--markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# The access document \(version 1\)\n/);
    expect(run.stdout).toContain('| property | type | required | description |');
    expect(run.stdout).toContain('## `input.users[].permissions[].resources[]`');
    expect(run.stdout).toMatch(/\| `type` \| `"WORKSPACE"` .*\| yes \| what the role is granted on\. WORKSPACE: /);
    expect(run.stdout).toMatch(/\| `last_sign_in_ns` \| number \\\| null \| no \| .*nanoseconds since the Unix epoch/);
    // every link points at a heading of the page
    const anchors = new Set([...run.stdout.matchAll(/^## (.+)$/gm)].map((m) => headingAnchor(m[1] ?? '')));
    for (const [, target] of run.stdout.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors).toContain(target);
  });

  it('docs/access-document.md is what --markdown prints', async () => {
    const run = await runCli(['schema', '--markdown']);
    const committed = await readFile('docs/access-document.md', 'utf8');
    expect(committed, `docs/access-document.md is stale: regenerate it with \`${SCHEMA_PAGE_COMMAND}\``).toBe(
      run.stdout,
    );
  });
});
