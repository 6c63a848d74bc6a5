/**
 * The capabilities file `opa build` and `opa check` use: OPA's own capabilities for the pinned version,
 * restricted to builtins that can run in WASM — the ones compiled into the module, the ones the opa-wasm SDK
 * implements, and the ones this runner provides (builtins/) — and keeping OPA's `features` (rego_v1).
 * A policy calling anything else fails at build time with its file and line.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ToolError } from '../errors.js';
import { childEnv } from '../shared/child-env.js';
import { compareText } from '../shared/order.js';
import { RUNNER_BUILTINS } from './builtins/index.js';
import type { OpaBinary } from './opa-binary.js';

const run = promisify(execFile);

/** Compiled into policy.wasm by OPA v1.22.3 (internal/compiler/wasm/wasm.go, builtinsFunctions). */
export const WASM_NATIVE_BUILTINS = [
  'abs',
  'all',
  'and',
  'any',
  'array.concat',
  'array.flatten',
  'array.reverse',
  'array.slice',
  'assign',
  'base64.decode',
  'base64.encode',
  'base64.is_valid',
  'base64url.decode',
  'base64url.encode',
  'bits.and',
  'bits.negate',
  'bits.or',
  'bits.lsh',
  'bits.rsh',
  'bits.xor',
  'ceil',
  'concat',
  'contains',
  'count',
  'div',
  'endswith',
  'equal',
  'eq',
  'floor',
  'format_int',
  'glob.match',
  'gt',
  'gte',
  'indexof',
  'internal.template_string',
  'intersection',
  'is_array',
  'is_boolean',
  'is_null',
  'is_number',
  'is_object',
  'is_set',
  'is_string',
  'json.filter',
  'json.is_valid',
  'json.marshal',
  'json.remove',
  'json.unmarshal',
  'lt',
  'lte',
  'lower',
  'max',
  'internal.member_2',
  'internal.member_3',
  'min',
  'minus',
  'mul',
  'net.cidr_contains',
  'net.cidr_intersects',
  'net.cidr_overlap',
  'neq',
  'numbers.range',
  'object.filter',
  'object.get',
  'object.keys',
  'object.remove',
  'object.union',
  'object.union_n',
  'or',
  'plus',
  'product',
  'graph.reachable',
  'regex.find_all_string_submatch_n',
  'regex.is_valid',
  'regex.match',
  're_match',
  'rem',
  'replace',
  'strings.replace_n',
  'round',
  'set_diff',
  'sort',
  'split',
  'startswith',
  'strings.reverse',
  'substring',
  'sum',
  'to_number',
  'trim',
  'trim_left',
  'trim_prefix',
  'trim_right',
  'trim_space',
  'trim_suffix',
  'type_name',
  'union',
  'upper',
  'walk',
  // Rewritten to constants at compile time; print() is erased from WASM builds.
  'rego.metadata.rule',
  'rego.metadata.chain',
  'print',
  'internal.print',
] as const;

/** Implemented by @open-policy-agent/opa-wasm 1.10 itself. */
export const WASM_SDK_BUILTINS = ['sprintf', 'regex.split', 'yaml.marshal', 'yaml.unmarshal', 'yaml.is_valid'] as const;

export function allowedBuiltins(): Set<string> {
  return new Set<string>([...WASM_NATIVE_BUILTINS, ...WASM_SDK_BUILTINS, ...Object.keys(RUNNER_BUILTINS)]);
}

interface Capabilities {
  builtins: { name: string }[];
  [key: string]: unknown;
}

/** Writes (once per OPA version and builtin list) the restricted capabilities file into cacheDir; returns its path. */
export async function wasmCapabilitiesFile(opa: OpaBinary, cacheDir: string): Promise<string> {
  const allowed = createHash('sha256')
    .update([...allowedBuiltins()].sort(compareText).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const file = join(cacheDir, `capabilities-opa-${opa.version}-${allowed}.json`);
  if (existsSync(file) && (await readable(file))) return file; // else truncated or corrupt: written again
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  await writeFile(partial, JSON.stringify(await restrictedCapabilities(opa)));
  await rename(partial, file);
  return file;
}

async function readable(file: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Capabilities>;
    return Array.isArray(parsed.builtins);
  } catch {
    return false;
  }
}

export async function restrictedCapabilities(opa: OpaBinary): Promise<Capabilities> {
  let current: Capabilities;
  try {
    const { stdout } = await run(opa.path, ['capabilities', '--current'], {
      env: childEnv(),
      maxBuffer: 64 << 20,
    });
    current = JSON.parse(stdout) as Capabilities;
  } catch (cause) {
    throw new ToolError(`cannot read OPA's capabilities (${opa.path} capabilities --current)`, { cause });
  }
  const allowed = allowedBuiltins();
  return { ...current, builtins: current.builtins.filter((b) => allowed.has(b.name)) };
}
