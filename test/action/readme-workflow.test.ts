/**
 * The README's scheduled-workflow example is the workflow this repository ships: the first ```yaml block of the
 * README's "Run it on a schedule" section must be exactly .github/workflows/uar-review.yml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEADING = '## Run it on a schedule';
const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'uar-review.yml'), 'utf8');

/** The section from its heading to the next heading of the same level (or the end). */
function section(markdown: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start < 0) return undefined;
  let fence = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!fence && /^#{1,2} /.test(line)) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

/** Contents of the first ```yaml fenced block, with its closing fence's indentation. */
function firstYamlBlock(markdown: string): string | undefined {
  const match = /^```ya?ml[ \t]*\n([\s\S]*?)^```[ \t]*$/m.exec(markdown);
  return match?.[1];
}

const documents = [{ file: 'README.md', required: true }];

describe('the "Run it on a schedule" example', () => {
  for (const { file, required } of documents) {
    const path = join(ROOT, file);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const part = text === undefined ? undefined : section(text);
    if (!required && part === undefined) {
      it.skip(`${file} has no "${HEADING}" section yet`, () => {});
      continue;
    }

    it(`${file}: the first yaml block of the section is .github/workflows/uar-review.yml, byte for byte`, () => {
      expect(text, `${file} is missing`).toBeDefined();
      expect(part, `${file} has no "${HEADING}" heading`).toBeDefined();
      const block = firstYamlBlock(part ?? '');
      expect(block, `no \`\`\`yaml block in the section of ${file}`).toBeDefined();
      expect(block).toBe(workflow);
    });

    it(`${file}: the section covers the token, the secret, alerts, own policies and private repositories`, () => {
      const body = part ?? '';
      expect(body).toContain('Settings → Access Management → Tokens');
      expect(body).toContain('Public API');
      expect(body).toContain('Workspace Owner');
      expect(body).toMatch(/gh secret set SEGMENT_TOKEN --env uar-[\w-]+/);
      expect(body).toMatch(/one environment per workspace/i);
      expect(body).toContain('deployment-branch-policies');
      expect(body).toMatch(/fingerprint/i);
      expect(body).toMatch(/category per workspace/i);
      expect(body).toMatch(/closes the alert as \*fixed\*/);
      expect(body).toMatch(/policy:\s*\|\s*\n\s*builtin\s*\n\s*controls\//);
      expect(body).toContain('GitHub Code Security');
      expect(body).toMatch(/evidence artifact[^.]*work everywhere/i);
    });
  }

  it('the workflow the docs show uses one environment (and its one secret) and a category per workspace', () => {
    expect(workflow).toContain('environment: uar-${{ matrix.workspace }}');
    expect(workflow).toContain('token: ${{ secrets.SEGMENT_TOKEN }}');
    expect(workflow).toContain('sarif-category: uar-check/${{ matrix.workspace }}/');
  });
});
