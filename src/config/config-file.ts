/**
 * Loads the config file: YAML (node positions kept) → zod → ConfigFile. Every problem becomes one line,
 * "file:line: path: message", naming the line of the offending YAML node (or of the nearest node that exists,
 * for a missing key). The first few problems are joined into ONE ConfigError.
 */
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { readTextOr } from '../shared/read-file.js';
import { ConfigFile } from './config-schema.js';
import { checkSelfApproval } from './self-approval.js';

const SHOWN = 3;

export async function loadConfig(file: string): Promise<ConfigFile> {
  const text = await readTextOr(
    file,
    (reason, cause) => new ConfigError(`${file}: cannot read the config file: ${reason}`, { cause }),
  );
  return parseConfig(text, file);
}

/** Parses config text; `file` only names it in messages. */
export function parseConfig(text: string, file: string): ConfigFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: ${firstLine(e.message)}`);
    throw new ConfigError(summarize(problems));
  }
  let value: unknown;
  try {
    value = doc.toJS() ?? {};
  } catch (cause) {
    // the yaml library refuses alias chains that expand without bound ("billion laughs")
    throw new ConfigError(
      `${file}: YAML aliases expand too far (${firstLine((cause as Error).message)}); write the values out instead of nesting *aliases`,
      { cause },
    );
  }
  const parsed = ConfigFile.safeParse(value);
  if (parsed.success) {
    checkSelfApproval(parsed.data.exceptions, file);
    return parsed.data;
  }
  const problems = parsed.error.issues.flatMap((issue) => describe(issue, doc, lines, file));
  throw new ConfigError(summarize(problems), { cause: parsed.error });
}

function describe(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): string[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const line = lines.linePos(keyOffset(doc, path, key) ?? nearestOffset(doc, path)).line;
      const allowed = allowedKeys(path);
      const hint = allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
      return `${file}:${line}: ${formatPath([...path, key])}: unknown key${hint}`;
    });
  }
  const line = lines.linePos(nearestOffset(doc, path)).line;
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  return [`${file}:${line}: ${where}${issue.message}`];
}

/** Internal shape of a zod schema definition, enough to walk objects, arrays, records and wrappers. */
interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  element?: { _zod: { def: SchemaDef } };
  valueType?: { _zod: { def: SchemaDef } };
  innerType?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
}

/** The keys the config schema allows in the map at `path` (walking through arrays, records and defaults). */
export function allowedKeys(path: (string | number)[]): string[] {
  let def: SchemaDef | undefined = (ConfigFile as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const unwrap = (d: SchemaDef | undefined): SchemaDef | undefined => {
    let current = d;
    while (current && (current.innerType || (current.type === 'pipe' && current.in))) {
      current = (current.innerType ?? current.in)?._zod.def;
    }
    return current;
  };
  for (const step of path) {
    def = unwrap(def);
    if (!def) return [];
    if (def.type === 'object') def = def.shape?.[String(step)]?._zod.def;
    else if (def.type === 'array') def = def.element?._zod.def;
    else if (def.type === 'record') def = def.valueType?._zod.def;
    else return [];
  }
  def = unwrap(def);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Start offset of the node at `path`, or of its nearest existing ancestor (a missing key → its parent map). */
function nearestOffset(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

/** Start offset of the key `key` in the map at `path`. */
function keyOffset(doc: Document, path: (string | number)[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

/** exceptions[0].approved_by, controls.UAR-010.enabled */
function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function summarize(problems: string[]): string {
  const more = problems.length - SHOWN;
  return problems.slice(0, SHOWN).join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
}
