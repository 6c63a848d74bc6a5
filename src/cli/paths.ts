/** Where things are by default: the built-in policies, the package version, the build cache. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const BUILTIN_POLICIES = join(PACKAGE_ROOT, 'policies');

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function cacheDir(env: Record<string, string | undefined>): string {
  if (env.UAR_CACHE_DIR) return env.UAR_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uar-check');
}
