/**
 * Validate emitted files against their published schemas: evidence.json against
 * schemas/evidence.v1.schema.json, results.sarif against the vendored OASIS SARIF 2.1.0 schema (draft-07).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';

// ajv is loaded on first use, not when the report stage is imported (a run never validates: 0.1 s of start-up).
const require = createRequire(import.meta.url);

export interface Validation {
  valid: boolean;
  /** "instancePath: message" lines, empty when valid. */
  errors: string[];
}

const schemaUrl = (name: string) => new URL(`../../schemas/${name}`, import.meta.url);
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
type FormatsPlugin = (ajv: Ajv) => Ajv;

function compile(file: string, strict: boolean): ValidateFunction {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const formatsModule = require('ajv-formats') as unknown as { default?: FormatsPlugin } & FormatsPlugin;
  const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;
  const ajv = new AjvClass({ allErrors: true, strict });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaUrl(file), 'utf8')) as object);
}

let evidenceValidator: ValidateFunction | undefined;
let sarifValidator: ValidateFunction | undefined;

function run(validate: ValidateFunction, input: unknown): Validation {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { valid: false, errors: [`not JSON: ${(e as Error).message}`] };
    }
  }
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  return { valid, errors: valid ? [] : errors };
}

/** Validate evidence.json text (or its parsed object) against schemas/evidence.v1.schema.json. */
export function validateEvidence(input: string | unknown): Validation {
  evidenceValidator ??= compile('evidence.v1.schema.json', true);
  return run(evidenceValidator, input);
}

/** Validate a SARIF log (text or object) against the official SARIF 2.1.0 schema. */
export function validateSarif(input: string | unknown): Validation {
  // The OASIS schema lists `required` properties it does not define in anyOf branches: not strict-clean.
  sarifValidator ??= compile('sarif-2.1.0.schema.json', false);
  return run(sarifValidator, input);
}
