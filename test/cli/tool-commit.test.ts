/** The commit uar-check runs from, read from git's files without starting git: same answer as `git rev-parse HEAD`. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutCommit } from '../../src/cli/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'uar-tool-commit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 10_000,
  }).trim();

describe('checkoutCommit', () => {
  const repo = join(tmp, 'repo');
  git(tmp, 'init', '-q', '-b', 'main', repo);
  writeFileSync(join(repo, 'a.txt'), 'a\n');
  git(repo, 'add', 'a.txt');
  git(repo, 'commit', '-q', '-m', 'one');
  const head = () => git(repo, 'rev-parse', 'HEAD');

  it('reads a branch (loose ref), packed refs, a detached HEAD and a worktree', () => {
    expect(checkoutCommit(repo)).toBe(head());
    git(repo, 'pack-refs', '--all');
    expect(checkoutCommit(repo)).toBe(head());
    writeFileSync(join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-q', '-m', 'two');
    expect(checkoutCommit(repo)).toBe(head());
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(checkoutCommit(repo)).toBe(head());
    const tree = join(tmp, 'tree');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', tree, 'main');
    expect(checkoutCommit(tree)).toBe(git(tree, 'rev-parse', 'HEAD'));
  });

  it('is null outside a checkout', () => {
    expect(checkoutCommit(join(tmp, 'nowhere'))).toBeNull();
  });
});
