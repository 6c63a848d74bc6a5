/**
 * The one function that finds the `opa` binary for everything else:
 *   1. `UAR_OPA` if set;
 *   2. the pinned tool (tools/opa/go.mod, `go tool opa`), built once by Go, then served from Go's build cache;
 *   3. an `opa` on PATH whose version matches the pin;
 * otherwise a ToolError that says how to install it.
 * With a cache directory, where `go` put the pinned tool is remembered (keyed by tools/opa's go.mod and go.sum,
 * checked against the binary's size and time), so a run with a cached bundle starts no `go` process.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ToolError } from '../errors.js';
import { childEnv } from '../shared/child-env.js';

const run = promisify(execFile);

export const PINNED_OPA_VERSION = '1.22.3';
/** tools/opa relative to this file (src/engine or dist/engine). */
const TOOL_MODULE = fileURLToPath(new URL('../../tools/opa/', import.meta.url));

export interface OpaBinary {
  path: string;
  version: string;
}

let found: Promise<OpaBinary> | undefined;

export function findOpa(env: NodeJS.ProcessEnv = process.env, cacheDir?: string): Promise<OpaBinary> {
  if (env.UAR_OPA) return describe(env.UAR_OPA, 'UAR_OPA');
  found ??= (cacheDir ? remembered(env, cacheDir) : locate(env)).catch((error: unknown) => {
    found = undefined;
    throw error;
  });
  return found;
}

async function locate(env: NodeJS.ProcessEnv): Promise<OpaBinary> {
  const pinned = await pinnedTool(env);
  if (pinned) return describe(pinned, 'the pinned Go tool');
  const onPath = await describe('opa', 'PATH').catch(() => undefined);
  if (onPath?.version === PINNED_OPA_VERSION) return onPath;
  const seen = onPath ? ` (found opa ${onPath.version} on PATH, which does not match)` : '';
  throw new ToolError(
    `OPA v${PINNED_OPA_VERSION} is needed to compile custom policies and for \`uar-check test\`, and was not found${seen}: ` +
      `download opa v${PINNED_OPA_VERSION} from https://github.com/open-policy-agent/opa/releases/tag/v${PINNED_OPA_VERSION} ` +
      'and set UAR_OPA to it, or install Go ≥ 1.26 (uar-check then builds the pinned OPA itself, once). ' +
      'The built-in controls alone need neither.',
  );
}

/** Builds the pinned tool if needed and returns the cached binary's path, or undefined without Go. */
async function pinnedTool(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!existsSync(`${TOOL_MODULE}go.mod`)) return undefined;
  const options = { cwd: TOOL_MODULE, env: childEnv(env), maxBuffer: 1 << 20 };
  const cachedPath = async () => {
    const { stdout } = await run('go', ['tool', '-n', 'opa'], options);
    const path = stdout.trim().split('\n').pop();
    return path && existsSync(path) ? path : undefined;
  };
  try {
    const path = await cachedPath();
    if (path) return path;
    await run('go', ['tool', 'opa', 'version'], options); // builds and caches it (a few minutes, once)
    return await cachedPath();
  } catch {
    return undefined;
  }
}

interface Memo extends OpaBinary {
  size: number;
  mtimeMs: number;
}

/** locate(), skipped when the pinned tool it found last time is still the same file. */
async function remembered(env: NodeJS.ProcessEnv, cacheDir: string): Promise<OpaBinary> {
  if (!existsSync(`${TOOL_MODULE}go.mod`)) return locate(env);
  const key = createHash('sha256');
  for (const name of ['go.mod', 'go.sum'])
    key.update(existsSync(TOOL_MODULE + name) ? readFileSync(TOOL_MODULE + name) : '');
  const file = join(cacheDir, `opa-tool-${key.digest('hex').slice(0, 16)}.json`);
  try {
    const memo = JSON.parse(await readFile(file, 'utf8')) as Memo;
    const now = await stat(memo.path);
    if (now.size === memo.size && now.mtimeMs === memo.mtimeMs) return { path: memo.path, version: memo.version };
  } catch {
    // no memo yet, or the binary moved (Go's cache was cleaned): locate it again
  }
  const opa = await locate(env);
  if (!opa.path.includes('/')) return opa; // an `opa` found on PATH: nothing to remember
  const { size, mtimeMs } = await stat(opa.path);
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(partial, JSON.stringify({ ...opa, size, mtimeMs } satisfies Memo));
  await rename(partial, file);
  return opa;
}

async function describe(path: string, origin: string): Promise<OpaBinary> {
  try {
    const { stdout } = await run(path, ['version'], { env: childEnv() });
    const version = /^Version:\s*v?(\S+)/m.exec(stdout)?.[1];
    if (!version) throw new Error(`unexpected output of "${path} version"`);
    return { path, version };
  } catch (cause) {
    throw new ToolError(`cannot run OPA from ${origin} (${path}): check the path, or unset it to use the pinned tool`, {
      cause,
    });
  }
}
