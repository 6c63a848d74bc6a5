/**
 * Write the output files as one set: the out-dir holds either the previous complete set or the new one, never a
 * mix, whatever fails and whenever the run is interrupted.
 *   1. Refuse up front when a target exists but is not a regular file (e.g. `summary.md` is a directory).
 *   2. Write every file to a temporary `.<name>.<uuid>.tmp` beside it (same file system) and fsync it, all the
 *      files at once; when one fails, the others are waited for (then removed).
 *   3. Move each existing target aside to `.<name>.<uuid>.old`, then rename the temporary file over it.
 *   4. If any step of 2–3 fails, or `signal` aborts before the last rename, undo: put every moved target back,
 *      remove targets that did not exist before, remove the temporary files. Then throw.
 *   5. After the last rename, fsync the directory and remove the `.old` copies.
 * `retire` names files of the previous set that the new set does not hold (e.g. `report.html` when this run writes
 * only JSON): they are moved aside first in step 3, put back by step 4, and removed in step 5, so the out-dir never
 * holds a file of another run's set.
 * `ops` replaces the file-system calls in tests (to fail or interrupt at any step).
 */
import { randomUUID } from 'node:crypto';
import { type FileHandle, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UarError } from '../errors.js';
import { type HashedText, scratchBuffer, utf8Runs } from '../shared/hashed-text.js';
import { compareText } from '../shared/order.js';

/** Text (written as UTF-8; one string or chunks one after another), or bytes written as they are. */
export type FileData = string | Uint8Array | HashedText;

export interface WriteOps {
  writeFile(path: string, data: FileData): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const FS_OPS: WriteOps = {
  async writeFile(path, data) {
    const handle = await open(path, 'wx', 0o644);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array)
        await handle.writeFile(data, 'utf8'); // text only
      else {
        const scratch = scratchBuffer(); // this file's own: it is written from while other work goes on
        for (const bytes of utf8Runs(data.chunks, scratch)) await writeAll(handle, bytes);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  remove: (path) => rm(path, { force: true }),
};

/** All of the bytes (a short write goes on from where it stopped). */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/** The run was interrupted (SIGINT/SIGTERM) during the write; the previous set is in place. */
export class WriteInterrupted extends UarError {}

export interface WriteOptions {
  signal?: AbortSignal;
  /** File names of the previous set to remove with the swap (see above); names in `files` are ignored. */
  retire?: readonly string[];
  ops?: WriteOps;
}

export async function writeFilesAtomically(
  dir: string,
  files: ReadonlyMap<string, FileData>,
  options: WriteOptions = {},
): Promise<string[]> {
  const ops = options.ops ?? FS_OPS;
  for (const name of files.keys()) {
    if (name !== basename(name) || name.startsWith('.'))
      throw new UarError(`refusing to write ${name}: not a plain file name`);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new UarError(`cannot create --out-dir ${dir}: ${code(cause)}`, { cause });
  }
  const plan: { temp: string; target: string; backup: string; existed: boolean }[] = [];
  for (const name of [...files.keys()].sort(compareText)) {
    const target = join(dir, name);
    const existed = await kindOf(target);
    if (existed !== 'none' && existed !== 'file')
      throw new UarError(`cannot replace ${target}: it is a ${existed}, not a file; move it away and run again`);
    const id = randomUUID();
    plan.push({
      temp: join(dir, `.${name}.${id}.tmp`),
      target,
      backup: join(dir, `.${name}.${id}.old`),
      existed: existed === 'file',
    });
  }

  const retiring: typeof plan = [];
  for (const name of [...new Set(options.retire ?? [])].sort(compareText)) {
    if (files.has(name) || name !== basename(name) || name.startsWith('.')) continue;
    const target = join(dir, name);
    if ((await kindOf(target)) !== 'file') continue;
    retiring.push({ temp: '', target, backup: join(dir, `.${name}.${randomUUID()}.old`), existed: true });
  }

  const written: typeof plan = []; // temporary files that exist
  const moved: typeof plan = []; // targets moved aside
  const placed: typeof plan = []; // new files in place
  const checkSignal = () => {
    if (options.signal?.aborted)
      throw new WriteInterrupted(`interrupted (${String(options.signal.reason ?? 'signal')}) while writing ${dir}`);
  };
  try {
    checkSignal();
    written.push(...plan);
    // All at once: one file's write and fsync wait on the disk while another's text is encoded.
    const writes = await Promise.allSettled(
      plan.map((step) => ops.writeFile(step.temp, files.get(basename(step.target)) ?? '')),
    );
    const failed = writes.find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
    for (const step of retiring) {
      checkSignal();
      await ops.rename(step.target, step.backup);
      moved.push(step);
    }
    for (const step of plan) {
      checkSignal();
      if (step.existed) {
        await ops.rename(step.target, step.backup);
        moved.push(step);
        checkSignal();
      }
      await ops.rename(step.temp, step.target);
      placed.push(step);
    }
  } catch (cause) {
    await undo(ops, written, moved, placed);
    if (cause instanceof UarError) throw cause;
    throw new UarError(
      `cannot write the outputs to ${dir}: ${code(cause)}; the previous outputs were kept (check --out-dir is writable)`,
      { cause },
    );
  }
  await syncDir(dir);
  for (const step of moved) await ops.remove(step.backup).catch(() => undefined);
  return plan.map((s) => s.target);
}

/** Put back what was moved aside, remove what was placed new, remove every temporary file. Best effort. */
async function undo(ops: WriteOps, written: Step[], moved: Step[], placed: Step[]): Promise<void> {
  const wasMoved = new Set(moved);
  for (const step of placed) if (!wasMoved.has(step)) await ops.remove(step.target).catch(() => undefined);
  for (const step of [...moved].reverse()) await ops.rename(step.backup, step.target).catch(() => undefined);
  for (const step of written) await ops.remove(step.temp).catch(() => undefined);
}

type Step = { temp: string; target: string; backup: string; existed: boolean };

async function kindOf(path: string): Promise<'none' | 'file' | 'directory' | 'special file'> {
  try {
    const s = await lstat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'special file';
  } catch {
    return 'none';
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a directory; the renames are done either way.
  }
}

function code(cause: unknown): string {
  return (cause as NodeJS.ErrnoException).code ?? String(cause);
}
