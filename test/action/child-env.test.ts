/**
 * The processes the CLI starts (go, to find or build the pinned OPA; opa, to compile and test custom policies) run
 * without the Segment token in their environment, though the CLI itself reads it from there. A `go` first on PATH
 * and an `opa` it hands out record their environment, then run the real tools.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOpa } from '../../src/engine/index.js';
import { type Lookalike, loadWorkspace, startLookalike } from '../../src/lookalike/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'bin.js');
const TOKEN = `sgp_uarChildEnv${randomBytes(12).toString('hex')}`;
const TIMEOUT = 300_000;

let dir: string;
let lookalike: Lookalike;

/** A shell script that writes its environment to `record/<name>-<pid>.env`, then runs `real` with its arguments. */
function recorder(name: string, record: string, body: string): string {
  return `#!/usr/bin/env bash\nenv > '${record}/${name}-'$$'.env'\n${body}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uar-child-env-'));
  const record = join(dir, 'record');
  const bin = join(dir, 'bin');
  await mkdir(record);
  await mkdir(bin);
  const realOpa = (await findOpa()).path;
  const realGo = await new Promise<string>((resolve, reject) =>
    execFile('bash', ['-c', 'command -v go'], (error, out) => (error ? reject(error) : resolve(out.trim()))),
  );
  const opa = join(bin, 'opa-recording');
  await writeFile(opa, recorder('opa', record, `exec '${realOpa}' "$@"`));
  // `go tool -n opa` names the recording opa, `go tool opa …` runs it; anything else is the real go.
  await writeFile(
    join(bin, 'go'),
    recorder(
      'go',
      record,
      [
        `if [[ "$1 $2 $3" == "tool -n opa" ]]; then echo '${opa}'; exit 0; fi`,
        `if [[ "$1 $2" == "tool opa" ]]; then shift 2; exec '${opa}' "$@"; fi`,
        `exec '${realGo}' "$@"`,
      ].join('\n'),
    ),
  );
  await chmod(opa, 0o755);
  await chmod(join(bin, 'go'), 0o755);
  lookalike = await startLookalike({
    workspace: await loadWorkspace(join(ROOT, 'fixtures', 'example', 'segment-workspace.json')),
    token: TOKEN,
    port: 0,
    maxSeconds: 600,
  });
}, TIMEOUT);

afterAll(async () => {
  await lookalike?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(UAR_|SEGMENT_)/.test(key)) env[key] = value;
  Object.assign(env, {
    PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    SEGMENT_PUBLIC_API_TOKEN: TOKEN,
    UAR_CACHE_DIR: join(dir, 'cache'), // empty: the capabilities and the bundle are made by opa now
  });
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir, env, timeout: TIMEOUT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr });
    });
  });
}

describe('child processes of the CLI', () => {
  it(
    'go and opa run without SEGMENT_PUBLIC_API_TOKEN (run with a custom policy, then test)',
    async () => {
      const controls = join(dir, 'controls');
      expect((await cli(['new-control', '--dir', controls, '--prefix', 'ACME', 'child-env-check'])).code).toBe(0);
      const run = await cli([
        'run',
        '--api-url',
        lookalike.url,
        '--policy',
        join(ROOT, 'policies'),
        '--policy',
        controls,
        '--out-dir',
        join(dir, 'out'),
      ]);
      expect(run.code, run.output).toBeLessThan(2);
      const tested = await cli(['test', '--policy', controls]);
      expect(tested.code, tested.output).toBe(0);

      const records = (await readdir(join(dir, 'record'))).sort();
      expect(records.filter((f) => f.startsWith('go-')).length, 'go was run').toBeGreaterThan(0);
      expect(records.filter((f) => f.startsWith('opa-')).length, 'opa was run').toBeGreaterThan(1);
      for (const file of records) {
        const env = await readFile(join(dir, 'record', file), 'utf8');
        expect(env, `${file} is a real environment`).toMatch(/^PATH=/m);
        expect(env, file).not.toContain(TOKEN);
        expect(env, file).not.toMatch(/^SEGMENT_PUBLIC_API_TOKEN=/m);
      }
      expect(run.output + tested.output).not.toContain(TOKEN);
    },
    TIMEOUT,
  );
});
