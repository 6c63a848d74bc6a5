/** Where things are by default: the built-in policies, the package version, the build cache. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
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
 * The commit uar-check itself runs from, when it runs from a git checkout (a clone, a worktree, or the Action's
 * checkout); null for an installed package or when git is not available. Read from the repository's files
 * (HEAD, the loose ref it names, packed-refs) so a run starts no process; anything else (e.g. another ref
 * storage) asks git.
 */
export function toolCommit(): string | null {
  return checkoutCommit(PACKAGE_ROOT);
}

/** The commit checked out in `root` (see toolCommit), or null. */
export function checkoutCommit(root: string): string | null {
  const dotGit = join(root, '.git');
  if (!existsSync(dotGit)) return null;
  try {
    const commit = headFromFiles(root, dotGit);
    if (commit) return commit;
  } catch {
    // an unusual layout: git itself knows
  }
  try {
    const out = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
      env: childEnv(),
      timeout: 5_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return COMMIT.test(out) ? out : null;
  } catch {
    return null;
  }
}

const COMMIT = /^[0-9a-f]{40,64}$/;

/** HEAD's commit from the files of `.git` (a directory, or a worktree's `gitdir:` file), or null. */
function headFromFiles(root: string, dotGit: string): string | null {
  const gitDir = statSync(dotGit).isDirectory()
    ? dotGit
    : resolve(root, /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim() ?? '');
  const common = existsSync(join(gitDir, 'commondir'))
    ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
    : gitDir;
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  if (COMMIT.test(head)) return head;
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (!ref) return null;
  for (const dir of [gitDir, common]) {
    const loose = join(dir, ref);
    if (existsSync(loose)) {
      const commit = readFileSync(loose, 'utf8').trim();
      return COMMIT.test(commit) ? commit : null;
    }
  }
  const packed = join(common, 'packed-refs');
  if (!existsSync(packed)) return null;
  for (const line of readFileSync(packed, 'utf8').split('\n')) {
    const [commit, name] = line.trim().split(' ');
    if (name === ref && commit && COMMIT.test(commit)) return commit;
  }
  return null;
}

export function cacheDir(env: Record<string, string | undefined>): string {
  if (env.UAR_CACHE_DIR) return env.UAR_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uar-check');
}
