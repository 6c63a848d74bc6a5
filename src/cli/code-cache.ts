/**
 * Runs a CommonJS file with V8's code cache, as Node 22's `module.enableCompileCache()` does for every module
 * (Node 20 has no such thing): the first start compiles the file and, when the process exits, keeps the code V8
 * compiled in the cache directory; later starts of the same file (same Node, same variant of the work, e.g. the
 * same command) take it from there and compile almost nothing. The cache only saves time: a missing, stale,
 * unreadable or rejected cache means compiling as usual, and a cache that cannot be written is left unwritten,
 * never an error and never a message. The cache directory is trusted like the rest of uar-check's cache (which
 * already names the OPA binary to run).
 */
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

export interface CodeCacheOptions {
  /** Where the cached code is kept (created when first written). */
  dir: string;
  /** What this start does (a command name): each variant keeps the code its own work compiled. */
  variant: string;
}

/** `require(file)`, with the file's compiled code taken from (or, on exit, kept in) `options.dir`. */
export function requireWithCodeCache(file: string, options: CodeCacheOptions): unknown {
  const bytes = readFileSync(file);
  // An ASCII file (what scripts/bundle-cli.mjs writes) becomes a one-byte string at the cost of a copy; UTF-8
  // decoding would take several times longer and, for any other character, make a string twice the size.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const variant = options.variant.replace(/[^a-z0-9-]/gi, '_');
  // V8 checks its version and flags itself, but identifies the source only by its length: the key holds all of it.
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(bytes).digest('hex');
  const name = `${variant}-${key.slice(0, 32)}.bin`;
  const cached = readOrUndefined(join(options.dir, name));
  // The wrapper Node gives a CommonJS module, on the file's first line so that line numbers stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    cachedData: cached,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cached || script.cachedDataRejected) process.once('exit', () => keep(script, options.dir, name, variant));
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the code compiled so far (everything this start ran), replacing this variant's older caches. */
function keep(script: Script, dir: string, name: string, variant: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const partial = join(dir, `${name}.${randomBytes(6).toString('hex')}.partial`);
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, join(dir, name));
    for (const old of readdirSync(dir))
      if (old.startsWith(`${variant}-`) && old !== name) rmSync(join(dir, old), { force: true });
  } catch {
    // an unwritable cache directory: the next start compiles again
  }
}
