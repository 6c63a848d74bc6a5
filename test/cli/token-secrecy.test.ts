/** The token never appears in stdout, stderr or any file written — on success and on every error path. */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

let healthy: Lookalike;
let broken: Lookalike;
let tmp: string;

beforeAll(async () => {
  healthy = await startExample();
  broken = await startExample({
    faults: { errorRate: 1, maxPerRequest: Number.POSITIVE_INFINITY, endpoints: ['GET /users/{id}'] },
  });
  tmp = await mkdtemp(join(tmpdir(), 'uar-secret-'));
});
afterAll(async () => {
  await Promise.all([healthy.close(), broken.close()]);
});

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return names.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

const OTHER_TOKEN = `sgp_${'OtherSecret'.repeat(5)}abcdefghi`;

describe('the Segment token is never printed or written', () => {
  const out = () => join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const cases: [string, (dir: string) => string[], { env?: Record<string, string>; stdin?: string }, number][] = [
    [
      'run (success)',
      (d) => ['run', '--api-url', healthy.url, '--config', EXAMPLE_CONFIG, '--out-dir', d],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
      1,
    ],
    [
      'fetch (success)',
      (d) => ['fetch', '--api-url', healthy.url, '--out', join(d, 'snap.json')],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
      0,
    ],
    [
      'fetch with --token-file -',
      (d) => ['fetch', '--api-url', healthy.url, '--token-file', '-', '--out', join(d, 'snap.json')],
      { stdin: `${EXAMPLE_TOKEN}\n` },
      0,
    ],
    [
      'run with a rejected token (401)',
      (d) => ['run', '--api-url', healthy.url, '--out-dir', d],
      { env: { SEGMENT_PUBLIC_API_TOKEN: OTHER_TOKEN } },
      2,
    ],
    [
      'run when the API keeps failing (5xx)',
      (d) => ['run', '--api-url', broken.url, '--out-dir', d],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
      2,
    ],
    [
      'fetch from an unreachable host',
      (d) => ['fetch', '--api-url', 'http://127.0.0.1:9', '--out', join(d, 's.json')],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
      2,
    ],
    [
      'run with a token containing whitespace',
      (d) => ['run', '--api-url', healthy.url, '--out-dir', d],
      { env: { SEGMENT_PUBLIC_API_TOKEN: `${EXAMPLE_TOKEN} x` } },
      2,
    ],
  ];

  it.each(cases)('%s', async (_name, args, options, code) => {
    const dir = out();
    const run = await runCli(args(dir), options);
    expect(run.code).toBe(code);
    const secrets = [EXAMPLE_TOKEN, OTHER_TOKEN, EXAMPLE_TOKEN.slice(4, 30)];
    for (const text of [run.stdout, run.stderr]) for (const s of secrets) expect(text).not.toContain(s);
    for (const file of await filesUnder(dir)) {
      const content = await readFile(file, 'utf8');
      for (const s of secrets) expect(content, file).not.toContain(s);
    }
  });

  it('reads the token from --token-file and still never writes it', async () => {
    const tokenFile = join(tmp, 'token.txt');
    await writeFile(tokenFile, `${EXAMPLE_TOKEN}\n`);
    const dir = out();
    const run = await runCli(['run', '--api-url', healthy.url, '--token-file', tokenFile, '--out-dir', dir]);
    expect(run.code).toBe(1);
    const everything = [
      run.stdout,
      run.stderr,
      ...(await Promise.all((await filesUnder(dir)).map((f) => readFile(f, 'utf8')))),
    ];
    for (const text of everything) expect(text).not.toContain(EXAMPLE_TOKEN);
  });
});
