/**
 * `uar-check new-control NAME`: scaffolds `<name>.rego` and `<name>_test.rego` in a policy directory with the next
 * free control id of the team's own prefix (ACME-001, ACME-002, …), refusing to overwrite anything. `UAR-` is
 * reserved for the built-in controls: a later release may ship any UAR- id, so a team's control never takes one.
 */
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { compareText } from '../shared/order.js';
import { controlRego, testRego } from './control-template.js';

export interface ScaffoldOptions {
  /** Other policy directories whose ids are taken too (the built-in `policies/`). */
  builtinDirs?: string[];
  /** One such directory (same as `builtinDirs: [dir]`). */
  builtinDir?: string;
  /** Id prefix, e.g. "ACME". Required; "UAR" only with `builtin`. */
  prefix?: string;
  /** Writing a built-in control (into this repository's policies/): the UAR prefix is allowed. */
  builtin?: boolean;
}

export const RESERVED_PREFIX = 'UAR';
const PREFIX = /^[A-Z][A-Z0-9]*$/;

const NAME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const ID_LINE = /^#\s+id:\s*["']?([A-Z][A-Z0-9]*)-(\d+)["']?\s*$/gm;

export async function scaffoldControl(
  dir: string,
  name: string,
  options: ScaffoldOptions = {},
): Promise<{ id: string; files: string[] }> {
  if (!NAME.test(name)) {
    throw new ConfigError(`new-control ${name}: use lower-case words joined by "-" or "_", e.g. contractor-admin`);
  }
  const module = name.replaceAll('-', '_');
  const kebab = name.replaceAll('_', '-');
  const prefix = options.prefix ?? (options.builtin ? RESERVED_PREFIX : undefined);
  if (!prefix) {
    throw new ConfigError(
      `new-control ${name}: choose your team's id prefix with --prefix ACME (or control_prefix: ACME in the config file)`,
    );
  }
  if (!PREFIX.test(prefix)) {
    throw new ConfigError(`--prefix ${prefix}: use capital letters and digits, starting with a letter, e.g. ACME`);
  }
  if (prefix === RESERVED_PREFIX && !options.builtin) {
    throw new ConfigError(
      `--prefix ${prefix}: UAR- ids are reserved for uar-check's built-in controls (a later release may ship the same id); use your own prefix, e.g. --prefix ACME`,
    );
  }
  const dirs = [dir, ...(options.builtinDir ? [options.builtinDir] : []), ...(options.builtinDirs ?? [])];
  const taken = new Set<number>();
  for (const d of dirs) {
    for (const file of await regoFiles(d)) {
      if (file.name === `${module}.rego`) {
        throw new ConfigError(`new-control ${name}: ${join(d, file.name)} already exists; choose another name`);
      }
      for (const m of file.text.matchAll(ID_LINE)) if (m[1] === prefix) taken.add(Number(m[2]));
    }
  }
  const next = Math.max(0, ...taken) + 1;
  const id = `${prefix}-${String(next).padStart(3, '0')}`;
  const values = { id, name: kebab, module };
  const files = [join(dir, `${module}.rego`), join(dir, `${module}_test.rego`)];
  for (const file of files) {
    if (await exists(file)) throw new ConfigError(`new-control ${name}: ${file} already exists; choose another name`);
  }
  await mkdir(dir, { recursive: true });
  const contents = [controlRego(values), testRego(values)];
  for (const [i, file] of files.entries()) {
    try {
      await writeFile(file, contents[i] as string, { flag: 'wx' });
    } catch (cause) {
      throw new ConfigError(`new-control ${name}: cannot write ${file} (it may already exist)`, { cause });
    }
  }
  return { id, files };
}

async function regoFiles(dir: string): Promise<{ name: string; text: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return []; // a directory that does not exist yet holds no ids
  }
  const rego = names.filter((n) => n.endsWith('.rego') && !n.endsWith('_test.rego')).sort(compareText);
  return Promise.all(rego.map(async (n) => ({ name: n, text: await readFile(join(dir, n), 'utf8') })));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
