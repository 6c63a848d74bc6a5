/**
 * One run per out-dir at a time: `<out-dir>/.uar-check.lock` is created exclusively and holds the owner's pid.
 * A second run that finds the lock of a live process stops with one line (exit 2); the lock of a process that
 * no longer exists (killed with SIGKILL, power loss) is taken over. Released when the run ends, however it ends.
 */
import { mkdir, open, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UarError } from '../errors.js';

export const LOCK_NAME = '.uar-check.lock';

export interface OutDirLock {
  release(): Promise<void>;
}

export async function lockOutDir(dir: string): Promise<OutDirLock> {
  // Directories made only to hold the lock are removed again if the run wrote nothing into them.
  const firstMade = await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      // One removal, however often it is asked for: an interrupted run's cleanup waits for the one the run
      // itself started (else the process could exit before the lock file is gone).
      let released: Promise<void> | undefined;
      const remove = async () => {
        await rm(path, { force: true });
        if (firstMade) await removeEmpty(resolve(dir), resolve(firstMade));
      };
      return {
        release: () => {
          released ??= remove();
          return released;
        },
      };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UarError(`cannot lock --out-dir ${dir}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, {
          cause,
        });
      }
      const text = await readFile(path, 'utf8').catch(() => '');
      const owner = Number.parseInt(text, 10);
      // an empty lock was just created by a run that is about to write its pid: it is alive
      if (text.trim() === '' || (Number.isInteger(owner) && owner > 0 && isAlive(owner))) {
        throw new UarError(
          `another uar-check run${Number.isInteger(owner) ? ` (pid ${owner})` : ''} is writing to ${dir}; wait for it to finish or choose another --out-dir`,
        );
      }
      await rm(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new UarError(`cannot lock --out-dir ${dir}: another run keeps taking the lock`);
}

async function removeEmpty(dir: string, upTo: string): Promise<void> {
  for (let path = dir; ; path = dirname(path)) {
    try {
      await rmdir(path);
    } catch {
      return; // not empty (the outputs are there) or gone
    }
    if (path === upTo || dirname(path) === path) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
