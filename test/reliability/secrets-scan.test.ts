/**
 * Secrets scan: a recognisable token is in the environment of every run, and pasted into the bad cell of every
 * bad-input corpus file (where an error message would quote it). Nothing printed (stdout, stderr) and no file
 * in the out-dir may contain it — on the success path, on every corpus error path, on an interrupted write.
 * Prints one count line at the end.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';
import { badInputs } from './bad-input-corpus.js';

const TOKEN = EXAMPLE_TOKEN; // recognisable: sgp_t0kenVALUEt0kenVALUE…
const root = mkdtempSync(join(tmpdir(), 'uar-secrets-'));
const outDir = join(root, 'out');
const snapshotFile = join(root, 'snapshot.json');
const env = { SEGMENT_PUBLIC_API_TOKEN: TOKEN };
let lookalike: Lookalike;
const tally = { runs: 0, scanned: 0, leaks: 0 };

beforeAll(async () => {
  lookalike = await startExample();
});
afterAll(async () => {
  await lookalike?.close();
  rmSync(root, { recursive: true, force: true });
  console.log(`secrets scan: ${tally.runs} runs, ${tally.scanned} outputs scanned, ${tally.leaks} leaks`);
});

function scan(label: string, text: string): void {
  tally.scanned++;
  if (text.includes(TOKEN) || text.includes(TOKEN.slice(4, 24))) {
    tally.leaks++;
    throw new Error(`${label} contains the token`);
  }
}

async function scanRun(args: string[]): Promise<number> {
  tally.runs++;
  const result = await runCli(args, { env });
  scan(`stdout of ${args.join(' ')}`, result.stdout);
  scan(`stderr of ${args.join(' ')}`, result.stderr);
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      scan(`${entry.name} after ${args.join(' ')}`, readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return result.code;
}

describe('secrets scan', () => {
  it('a live run and a fetch write and print no token', async () => {
    mkdirSync(outDir, { recursive: true });
    expect(await scanRun(['fetch', '--api-url', lookalike.url, '--out', snapshotFile])).toBe(0);
    scan('snapshot.json', readFileSync(snapshotFile, 'utf8'));
    const code = await scanRun([
      'run',
      '--api-url',
      lookalike.url,
      '--config',
      EXAMPLE_CONFIG,
      '--out-dir',
      outDir,
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(code).toBe(1);
  });

  it('no corpus error path prints the token, even when the bad cell holds it', async () => {
    const text = readFileSync(snapshotFile, 'utf8');
    const corpus = badInputs(text, JSON.parse(text).users[0]);
    const dir = join(root, 'corpus');
    mkdirSync(dir);
    for (const input of corpus) {
      const content =
        typeof input.content === 'string'
          ? input.content
              .replace(/ana@acme\.com|a@x\.com|ops@acme\.com/, TOKEN)
              .replace(/retired|sleeping|maybe|ZOMBIE/, TOKEN)
              .replace('\u001b[31mRED', TOKEN)
          : Buffer.concat([input.content, Buffer.from(TOKEN)]);
      const file = join(dir, input.name);
      writeFileSync(file, content);
      const args = ['run', '--out-dir', outDir, '--now', EXAMPLE_NOW, input.flag, file];
      if (input.flag !== '--snapshot') args.push('--snapshot', snapshotFile);
      expect(await scanRun(args)).toBe(2);
    }
    // and live: the config is refused before the API, with the token in it
    const config = join(dir, 'token-in-config.yaml');
    writeFileSync(
      config,
      `exceptions:\n  - control: UAR-011\n    subject: ops@acme.com\n    reason: r\n    approved_by: "${TOKEN}"\n    expires: 2027-01-01\n`,
    );
    expect(await scanRun(['run', '--api-url', lookalike.url, '--config', config, '--out-dir', outDir])).toBe(2);
  });
});
