/**
 * Checks that run before the Segment API is called, so a typo costs a second, not a whole collection: every
 * input file exists and is a file, the cache directory and the out-dir can be directories, and config entries
 * that name a control nobody loaded are said on the terminal (they would otherwise do nothing, silently), a team's
 * own control with a reserved `UAR-` id is refused, and `--sarif-anchor` names a file of the repository.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ConfigFile } from '../config/config-schema.js';
import { ConfigError, InputError, PolicyError } from '../errors.js';
import { compareText } from '../shared/order.js';

export interface NamedFile {
  /** The flag (or config key) that named the file, e.g. "--baseline". */
  flag: string;
  file: string;
}

/** Every named input must be an existing, readable regular file. */
export async function checkInputFiles(files: readonly NamedFile[]): Promise<void> {
  for (const { flag, file } of files) {
    let kind: 'file' | 'directory' | 'other';
    try {
      const s = await stat(file);
      kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : `cannot read (${code ?? 'error'})`;
      throw new InputError(file, `${why}; check the path given to ${flag}`, { cause });
    }
    if (kind === 'directory') throw new InputError(file, `is a directory; ${flag} expects a file`);
    if (kind === 'other') throw new InputError(file, `is not a regular file; ${flag} expects a file`);
  }
}

/**
 * A directory that will be created if missing: refused when it, or the nearest existing ancestor, is a file.
 * `what` names it for the message ("UAR_CACHE_DIR", "--out-dir").
 */
export async function checkDirectory(dir: string, what: string): Promise<void> {
  let path = resolve(dir);
  for (;;) {
    try {
      const s = await stat(path);
      if (s.isDirectory()) return;
      const where = path === resolve(dir) ? `${dir} is a file` : `${path} (in ${dir}) is a file`;
      throw new ConfigError(`${what} ${dir}: ${where}, not a directory; point ${what} at a directory`);
    } catch (cause) {
      if (cause instanceof ConfigError) throw cause;
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new ConfigError(`${what} ${dir}: cannot use it (${code ?? 'error'})`, { cause });
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/** Lines about config entries (exceptions, `controls:`) that name a control which is not loaded. */
export function unknownControlWarnings(config: ConfigFile, loaded: readonly string[], file: string): string[] {
  const known = new Set(loaded);
  const lines: string[] = [];
  config.exceptions.forEach((exception, index) => {
    if (!known.has(exception.control))
      lines.push(
        `${file}: exceptions[${index}]: control ${exception.control} is not a loaded control; this exception is never used`,
      );
  });
  for (const id of Object.keys(config.controls).sort(compareText)) {
    if (!known.has(id))
      lines.push(`${file}: controls.${id}: ${id} is not a loaded control; this entry changes nothing`);
  }
  return lines;
}

/**
 * A team's own control may not take a `UAR-` id: the prefix is reserved for the built-in controls, and a later
 * release may ship the same id (both would then refuse to load). Read from the files' package-level METADATA
 * blocks, without OPA, so the refusal comes before any build and any API call. `dirs` are the team's own policy
 * directories; files inside the built-in folder are skipped.
 */
export async function checkCustomControlIds(dirs: readonly string[], cwd: string, builtinDir: string): Promise<void> {
  const builtin = await realpath(builtinDir).catch(() => resolve(builtinDir));
  for (const dir of dirs) {
    const root = resolve(cwd, dir);
    let names: string[];
    try {
      names = await readdir(root, { recursive: true });
    } catch {
      continue; // the policy loader says what is wrong with the directory
    }
    const files = names.filter((n) => n.endsWith('.rego') && !n.endsWith('_test.rego')).sort(compareText);
    for (const name of files) {
      const real = await realpath(join(root, name)).catch(() => join(root, name));
      if (real.startsWith(builtin + sep)) continue; // the built-in folder, inside a wider --policy directory
      const text = await readFile(real, 'utf8').catch(() => '');
      const found = reservedId(text);
      if (!found) continue;
      const file = relative(cwd, join(root, name)).split(sep).join('/');
      throw new PolicyError(
        `${file}:${found.line}: custom.id ${found.id}: the UAR- prefix is reserved for uar-check's built-in controls ` +
          '(a later release may ship the same id); give your control your own prefix, e.g. ACME-001 ' +
          '(`uar-check new-control NAME --prefix ACME` picks the next free id)',
      );
    }
  }
}

/** The first package-level METADATA block of a Rego file whose custom.id starts with `UAR-`: the id and its line. */
export function reservedId(text: string): { id: string; line: number } | undefined {
  const lines = text.split(/\r?\n/);
  const packageLine = lines.findIndex((l) => /^\s*package\s/.test(l));
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*#\s*METADATA\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && /^\s*#/.test(lines[end] ?? '')) end++;
    const block = lines.slice(start, end).map((l) => l.replace(/^\s*# ?/, ''));
    i = end - 1;
    let meta: unknown;
    try {
      meta = parseYaml(block.join('\n'));
    } catch {
      continue; // OPA reports a broken METADATA block with its own words
    }
    if (!meta || typeof meta !== 'object') continue;
    const { scope, custom } = meta as { scope?: unknown; custom?: { id?: unknown } };
    const packageScoped =
      scope === 'package' || scope === 'subpackages' || (scope === undefined && start <= packageLine);
    const id = custom && typeof custom === 'object' ? custom.id : undefined;
    if (!packageScoped || typeof id !== 'string' || !id.startsWith('UAR-')) continue;
    const offset = block.findIndex((l) => /^\s*id\s*:/.test(l));
    return { id, line: start + Math.max(offset, 0) + 1 };
  }
  return undefined;
}

/** `--sarif-anchor FILE` must be a file of the repository the review runs in (alerts link to it). */
export async function checkSarifAnchor(file: string | undefined, cwd: string): Promise<void> {
  if (file === undefined) return;
  const path = relative(cwd, resolve(cwd, file));
  if (path === '' || path.startsWith('..') || isAbsolute(path))
    throw new ConfigError(
      `--sarif-anchor ${file}: not a file inside the repository (${cwd}); name a file of the repository that runs the review, e.g. README.md`,
    );
  const s = await stat(resolve(cwd, file)).catch(() => undefined);
  if (!s?.isFile())
    throw new ConfigError(
      `--sarif-anchor ${file}: ${s ? 'not a regular file' : 'no such file'} in the repository; name an existing file of it, e.g. README.md`,
    );
}
