/**
 * A fast yes/no for one question: would `schema.safeParse(value)` succeed and return the value exactly as given
 * (no unknown key to strip, no default to fill, no transform, members in the schema's order)? Then the parse,
 * which copies every object and array of the value, can be skipped and the value used as it is. "No" means
 * "ask zod" (invalid, or valid but changed by parsing), so zod stays the one judge of validity and the one
 * author of every message.
 *
 * Derived once from the zod schema's own definition (zod 4's `_zod.def`), so the schema stays the one schema of
 * the document. Only what this file knows is sure to leave a value unchanged is derived; anything else (a
 * transform, a default, a catchall, a coercion…) throws at derivation, so a schema change that this file does not
 * understand fails the tests (test/model/unchanged.test.ts) instead of quietly taking the slow path or a wrong one.
 */
import type { z } from 'zod';

/** True only when zod would accept `value` and give it back unchanged. */
export type UnchangedCheck = (value: unknown) => boolean;

/** What this file reads of a zod 4 schema (internal, but stable across zod 4: the JSON Schema export reads it too). */
interface Internals {
  _zod: {
    def: {
      type: string;
      checks?: unknown[];
      coerce?: boolean;
      shape?: Record<string, Schema>;
      catchall?: Schema;
      element?: Schema;
      innerType?: Schema;
      options?: Schema[];
      discriminator?: string;
      unionFallback?: boolean;
      inclusive?: boolean;
    };
    traits: Set<string>;
    values?: Set<unknown>;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
    propValues?: Record<string, Set<unknown>>;
    run: (
      payload: { value: unknown; issues: unknown[] },
      ctx: { async: false },
    ) => { value: unknown; issues: unknown[] };
  };
}
type Schema = Internals | z.ZodType;

export class UnsupportedSchemaError extends Error {}

export function unchangedCheck(schema: z.ZodType): UnchangedCheck {
  return derive(schema, '(root)');
}

/**
 * `schema.safeParse`, without its copy when the value would come back unchanged: the same success (the value
 * itself, which zod would have returned equal, key order included) or zod's own failure. The check is derived
 * on the first call, not at import.
 */
export function safeParseUnchanged<S extends z.ZodType>(
  schema: S,
): (value: unknown) => z.ZodSafeParseResult<z.output<S>> {
  let check: UnchangedCheck | undefined;
  return (value) => {
    check ??= unchangedCheck(schema);
    return check(value) ? { success: true, data: value as z.output<S> } : schema.safeParse(value);
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function derive(schema: Schema, at: string): UnchangedCheck {
  const zod = (schema as Internals)._zod;
  const def = zod.def;
  const unsupported = (why: string) => new UnsupportedSchemaError(`${at}: ${def.type} ${why}`);
  const plain = !def.coerce && !(def.checks?.length ?? 0) && !zod.traits.has('$ZodCheck');
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'literal':
    case 'enum':
    case 'null':
      return plain ? plainLeaf(def.type, zod.values) : checkedLeaf(zod);
    case 'nullable': {
      const inner = derive(def.innerType!, at);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      if (zod.optin !== 'optional') throw unsupported('with a default inside');
      const inner = derive(def.innerType!, at);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      if (!plain) throw unsupported('with checks');
      const element = derive(def.element!, `${at}[]`);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      if (!plain) throw unsupported('with checks');
      if (def.catchall) throw unsupported('with a catchall');
      return objectCheck(def.shape!, at);
    case 'union':
      if (zod.traits.has('$ZodDiscriminatedUnion')) {
        if (def.unionFallback) throw unsupported('with unionFallback');
        return discriminated(def.discriminator!, def.options!, at);
      }
      if (def.inclusive === false) throw unsupported('that is exclusive');
      return anyLeaf(def.options!, at);
    default:
      throw unsupported('is not supported');
  }
}

/** A leaf without checks or coercion: zod's parse only tests the type or the value, and returns it as given. */
function plainLeaf(type: string, values: Set<unknown> | undefined): UnchangedCheck {
  switch (type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v); // zod rejects NaN and ±Infinity (JSON's 1e999)
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    default: {
      const allowed = values!; // literal, enum: zod tests membership of this very set
      return (v) => allowed.has(v);
    }
  }
}

/** A leaf with checks (a pattern, an integer range…): zod itself runs it; unchanged when it passes with the same value. */
function checkedLeaf(zod: Internals['_zod']): UnchangedCheck {
  const ctx = { async: false } as const;
  return (v) => {
    const result = zod.run({ value: v, issues: [] }, ctx);
    return result.issues.length === 0 && result.value === v;
  };
}

/**
 * zod's object parse builds a new object with the shape's keys in the shape's order (absent optional keys left
 * out) and drops unknown keys. So the value is unchanged when its own keys are exactly the shape's, in that
 * order, each optional one present or not, and every member is itself unchanged.
 */
function objectCheck(shape: Record<string, Schema>, at: string): UnchangedCheck {
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) throw new UnsupportedSchemaError(`${at}: an object with a __proto__ member`);
  const optional = keys.map((k) => {
    const member = (shape[k] as Internals)._zod;
    if (member.optin === undefined && member.optout === undefined) return false;
    if (member.optin === 'optional' && member.optout === 'optional') return true;
    throw new UnsupportedSchemaError(`${at}.${k}: optional in or out only (a default or a transform)`);
  });
  const members = keys.map((k) => derive(shape[k]!, `${at}.${k}`));
  const n = keys.length;
  return (v) => {
    if (!isObject(v)) return false;
    let i = 0;
    for (const k in v) {
      while (i < n && keys[i] !== k) {
        if (!optional[i]) return false; // a required key is missing here, or the keys are in another order
        i++;
      }
      if (i === n || !members[i]!(v[k])) return false; // an unknown key (zod strips it), or a changed member
      i++;
    }
    for (; i < n; i++) if (!optional[i]) return false;
    return true;
  };
}

/** zod picks the one option whose discriminator value matches, and parses with it alone. */
function discriminated(key: string, options: Schema[], at: string): UnchangedCheck {
  const byValue = new Map<unknown, UnchangedCheck>();
  options.forEach((option, i) => {
    const check = derive(option, `${at}|${i}`);
    for (const value of (option as Internals)._zod.propValues?.[key] ?? []) byValue.set(value, check);
  });
  return (v) => {
    if (!isObject(v)) return false;
    const check = byValue.get(v[key]);
    return check?.(v) === true;
  };
}

/**
 * zod returns the first option that accepts. Supported only when every option is a plain leaf (returned as
 * given whenever it accepts): then any accepting option means zod accepts the value unchanged.
 */
function anyLeaf(options: Schema[], at: string): UnchangedCheck {
  const checks = options.map((option, i) => {
    const zod = (option as Internals)._zod;
    const plain = !zod.def.coerce && !(zod.def.checks?.length ?? 0) && !zod.traits.has('$ZodCheck');
    if (!plain || !['string', 'number', 'boolean', 'literal', 'enum', 'null'].includes(zod.def.type)) {
      throw new UnsupportedSchemaError(`${at}|${i}: a union option that is not a plain leaf`);
    }
    return plainLeaf(zod.def.type, zod.values);
  });
  return (v) => checks.some((check) => check(v));
}
