/** Where things are by default: the built-in policies, the package version, the build cache. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../shared/child-env.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const BUILTIN_POLICIES = join(PACKAGE_ROOT, 'policies');
/** The helper library (`uar.lib`) and the test fixtures (`uar.tests.fixtures`): compiled in with any policy. */
export const BUILTIN_LIB = join(BUILTIN_POLICIES, 'lib');
/** The built-in policies, precompiled (`npm run build:policies`): running them needs neither OPA nor Go. */
export const BUILTIN_BUNDLE = join(PACKAGE_ROOT, 'bundle', 'builtin.tar.gz');

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The commit uar-check itself runs from, when it runs from a git checkout (a clone, or the Action's checkout);
 * null for an installed package or when git is not available.
 */
export function toolCommit(): string | null {
  if (!existsSync(join(PACKAGE_ROOT, '.git'))) return null;
  try {
    const out = execFileSync('git', ['-C', PACKAGE_ROOT, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
      env: childEnv(),
      timeout: 5_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

export function cacheDir(env: Record<string, string | undefined>): string {
  if (env.UAR_CACHE_DIR) return env.UAR_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uar-check');
}
