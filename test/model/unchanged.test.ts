/**
 * The fast "zod would return it unchanged" check of the access document (src/model/unchanged.ts), against zod
 * itself: for documents generated from the schema (valid, in the schema's key order) and for mutations of them
 * (unknown keys, missing keys, keys reordered, wrong types, non-integers, bad days, Infinity…):
 *   - accepted ⇒ zod accepts, and its output equals the document, key order included;
 *   - every generated valid document is accepted (the check is not vacuous);
 *   - readSnapshot gives what zod alone gives: the same document (key order included) or the same error line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { AccessDocument, User } from '../../src/model/document.js';
import { safeParseUnchanged, UnsupportedSchemaError, unchangedCheck } from '../../src/model/unchanged.js';
import { jsonProblem } from '../../src/shared/text-input.js';
import { formatPath, readSnapshot } from '../../src/source/snapshot.js';

const RUNS = 300;
const check = unchangedCheck(AccessDocument);

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; format?: string } } }[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def; optin?: string } })._zod;

/** An arbitrary of the values `schema` accepts unchanged, written in the schema's key order. */
function valid(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema).def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'string':
      if (checks.some((c) => c.format === 'regex')) {
        return fc.constantFrom('2026-11-28', '2024-02-29', '1999-12-31', '0000-00-00');
      }
      return fc.oneof(
        fc.constantFrom('', 'a', 'never', '2026-11-28T12:00:00Z', 'Workspace Owner'),
        fc.string({ maxLength: 6 }),
      );
    case 'number':
      if (checks.length > 0) return fc.integer({ min: -5, max: 2 ** 40 });
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0));
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'nullable':
      return fc.option(valid(def.innerType!), { nil: null, freq: 3 });
    case 'optional':
      return valid(def.innerType!);
    case 'array':
      return fc.array(valid(def.element!), { maxLength: 2 });
    case 'union':
      return fc.oneof(...def.options!.map(valid));
    case 'object': {
      const keys = Object.keys(def.shape!);
      const optional = keys.filter((k) => defOf(def.shape![k]!).optin === 'optional');
      return fc.record(Object.fromEntries(keys.map((k) => [k, valid(def.shape![k]!)])), {
        requiredKeys: keys.filter((k) => !optional.includes(k)),
      });
    }
    default:
      throw new Error(`no arbitrary for ${def.type}`);
  }
}

/** Any JSON value (what a broken file may hold in any place). */
const anyJson = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1.5, -1, '', 'x', '2026-02-30', 2 ** 60, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

type Json = unknown;
/** A fresh copy as JSON.parse gives it (plain objects; never mutate what fast-check generated, it reuses it). */
const asRead = (value: Json): Json => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
/** Every (container, key) of a value, so a mutation can pick one. */
function places(value: Json, out: { parent: Record<string, Json> | Json[]; key: string | number }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      places(v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, Json>, key: k });
      places(v, out);
    }
  }
  return out;
}
const objects = (value: Json) =>
  [value, ...places(value).map((p) => (p.parent as never)[p.key])].filter(
    (v): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v),
  );

/** As JSON.parse sets a member: an own one, even when named __proto__. */
const setOwn = (target: object, key: string, value: Json) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

type Mutation = (doc: Json, pick: number, extra: Json) => void;
const MUTATIONS: Record<string, Mutation> = {
  replace: (doc, pick, extra) => {
    const all = places(doc);
    if (all.length === 0) return;
    const { parent, key } = all[pick % all.length]!;
    (parent as Record<string | number, Json>)[key] = extra;
  },
  remove: (doc, pick) => {
    const all = places(doc).filter((p) => !Array.isArray(p.parent));
    if (all.length === 0) return;
    const { parent, key } = all[pick % all.length]!;
    delete (parent as Record<string, Json>)[key];
  },
  addKey: (doc, pick, extra) => {
    const all = objects(doc);
    const target = all[pick % all.length]!;
    setOwn(target, ['extra', 'last_activity_ns', '__proto__', 'id', '1'][pick % 5]!, extra);
  },
  reorder: (doc, pick) => {
    const all = objects(doc).filter((o) => Object.keys(o).length > 1);
    if (all.length === 0) return;
    const target = all[pick % all.length]!;
    const entries = Object.entries(target);
    for (const [k] of entries) delete target[k];
    const rotated = [...entries.slice(1), entries[0]!];
    for (const [k, v] of rotated) setOwn(target, k, v);
  },
  number: (doc, pick) => {
    const all = places(doc).filter((p) => typeof (p.parent as never)[p.key] === 'number');
    if (all.length === 0) return;
    const { parent, key } = all[pick % all.length]!;
    (parent as Record<string | number, Json>)[key] = [0.5, Number.POSITIVE_INFINITY, 2 ** 60, Number.NaN, '1'][
      pick % 5
    ];
  },
};

/** zod's own verdict, as readSnapshot words it. */
function zodOutcome(value: unknown): { data: unknown } | { message: string } {
  const parsed = AccessDocument.safeParse(value);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  return { message: `${formatPath(issue?.path ?? [])}: ${issue?.message}` };
}

const counts = { accepted: 0, fallback: 0 };
afterAll(() => console.log(`unchanged check: ${counts.accepted} accepted, ${counts.fallback} left to zod`));

describe('the unchanged check of the access document', () => {
  it('is derived from the whole schema (a construct it does not know would throw here)', () => {
    expect(typeof unchangedCheck(AccessDocument)).toBe('function');
    expect(() => unchangedCheck(User.extend({ x: defOf(User).def.shape!.id!.default('d') } as never))).toThrow(
      UnsupportedSchemaError,
    );
  });

  it('accepts a snapshot as uar-check writes it (the report golden), unchanged by zod', () => {
    const doc = JSON.parse(readFileSync(new URL('../report/__golden__/snapshot.json', import.meta.url), 'utf8'));
    expect(check(doc)).toBe(true);
    expect(JSON.stringify(AccessDocument.parse(doc))).toBe(JSON.stringify(doc));
  });

  it('accepts every valid document written in the schema order, and zod returns it unchanged', () => {
    fc.assert(
      fc.property(valid(AccessDocument).map(asRead), (doc) => {
        expect(check(doc)).toBe(true);
        const parsed = AccessDocument.parse(doc);
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('on mutated documents: accepted ⇒ zod accepts the very same document; else zod decides', () => {
    const mutated = fc
      .tuple(
        valid(AccessDocument),
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), anyJson), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([generated, steps]) => {
        const doc = asRead(generated);
        for (const [name, pick, extra] of steps) MUTATIONS[name]!(doc, pick, asRead(extra));
        return doc;
      });
    fc.assert(
      fc.property(mutated, (doc) => {
        const before = JSON.stringify(doc);
        const accepted = check(doc);
        expect(JSON.stringify(doc)).toBe(before); // the check never changes what it looks at
        const outcome = zodOutcome(doc);
        // what snapshot.ts and baseline.ts call: zod's result, success or failure, the same either way
        const fast = safeParseUnchanged(AccessDocument)(doc);
        const slow = AccessDocument.safeParse(doc);
        expect(fast.success).toBe(slow.success);
        if (fast.success && slow.success) expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
        else expect(fast.error?.issues).toEqual(slow.error?.issues);
        if (accepted) {
          counts.accepted++;
          expect(outcome).toHaveProperty('data');
          expect(JSON.stringify((outcome as { data: unknown }).data)).toBe(before);
          expect((outcome as { data: unknown }).data).toStrictEqual(doc);
        } else counts.fallback++;
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('readSnapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uar-unchanged-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives what zod alone gives: the same document in the same key order, or the same one-line error', async () => {
    const mutated = fc
      .tuple(
        valid(AccessDocument),
        fc.option(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), anyJson)),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.option(fc.nat(), { freq: 4 }),
      )
      .map(([generated, step, lineEnd, cut]) => {
        const doc = asRead(generated);
        if (step) MUTATIONS[step[0]]!(doc, step[1], asRead(step[2]));
        const text = JSON.stringify(doc, null, 2).replace(/\n/g, lineEnd);
        return cut === null ? text : text.slice(0, cut % text.length); // cut: not JSON any more
      });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const file = join(dir, `s${n++}.json`);
        writeFileSync(file, text);
        const expected = before(file, text);
        const got = await readSnapshot(file).then(
          (data) => ({ data }),
          (e: unknown) => e,
        );
        if ('data' in expected) {
          expect(JSON.stringify((got as { data: unknown }).data)).toBe(JSON.stringify(expected.data));
        } else {
          expect(got).toBeInstanceOf(InputError);
          expect((got as Error).message).toBe(expected.message);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** readSnapshot as it was before the unchanged check (line ends made LF first, then zod for every document). */
function before(file: string, text: string): { data: unknown } | { message: string } {
  const lf = text.replace(/\r\n?/g, '\n');
  let json: unknown;
  try {
    json = JSON.parse(lf);
  } catch (cause) {
    const { reason, line, column } = jsonProblem(lf, cause);
    return {
      message: new InputError(file, `not valid JSON (${reason}); expected a snapshot written by \`uar-check fetch\``, {
        line,
        column,
      }).message,
    };
  }
  const version = (json as { document_version?: unknown } | null)?.document_version;
  if (version !== 1) {
    const shown = JSON.stringify(version) ?? 'missing';
    const short = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
    return {
      message: `${file}: not an access document v1 (document_version is ${short}); write one with \`uar-check fetch\``,
    };
  }
  const outcome = zodOutcome(json);
  if ('data' in outcome) return outcome;
  return {
    message: `${file}: ${outcome.message}; the file does not match the access document schema (\`uar-check schema\`)`,
  };
}
