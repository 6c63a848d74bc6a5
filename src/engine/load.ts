/**
 * The engine's entry: policy directories (built and cached) or a prebuilt bundle → a PolicySet that
 * knows its controls and evaluates them all (evaluate.ts: one pass, or slices of users for a large document).
 */

import type { AccessDocument } from '../model/document.js';
import type { ControlMeta } from '../model/result.js';
import { sortedBy } from '../shared/order.js';
import { buildCached } from './bundle-cache.js';
import { readBundle } from './bundle-file.js';
import { wasmCapabilitiesFile } from './capabilities.js';
import type { ChunkOptions } from './chunks.js';
import { type EvaluateOptions, type Evaluation, WasmPolicy } from './evaluate.js';
import { findOpa, type OpaBinary } from './opa-binary.js';
import { listPolicyFiles } from './policy-files.js';
import { strictCheck, withStrictErrors } from './strict-check.js';

export interface LoadPoliciesOptions {
  /** Policy directories (built into one bundle), or… */
  policyDirs?: string[];
  /** …a bundle written by `uar-check build`. */
  bundle?: string;
  cacheDir: string;
  baseDir: string;
  opa?: OpaBinary;
  /** How user-scoped controls are evaluated in chunks (chunks.ts); the tests make slices tiny. */
  chunks?: ChunkOptions;
}

export interface PolicySet {
  controls: ControlMeta[];
  opaVersion: string;
  bundleFile: string;
  bundleSha256: string;
  /** true when the bundle came from the cache (or was given prebuilt). */
  cached: boolean;
  policyFiles: { path: string; sha256: string }[];
  /**
   * A document of about this many bytes of JSON will be evaluated (e.g. a snapshot file's size): a document large
   * enough to be evaluated in a thread of its own has that thread started now, so starting it overlaps reading.
   */
  warmUp(jsonBytes: number): void;
  /**
   * Evaluates every control (one WASM pass, or user-scoped controls over slices of users: chunks.ts); a large
   * document (or after warmUp) in threads of their own, handed over before this returns its promise, so the
   * caller can do other work meanwhile.
   */
  evaluate(
    document: AccessDocument,
    params: Record<string, unknown>,
    now: Date,
    options?: EvaluateOptions,
  ): Promise<Evaluation>;
  /**
   * Evaluates these controls (a team's own) again with OPA's strict builtin errors (strict-check.ts): a runtime
   * error that WASM turned into "undefined" makes the control `error`. Needs OPA; costs one `opa eval`.
   */
  crossCheck(
    evaluation: Evaluation,
    document: AccessDocument,
    params: Record<string, unknown>,
    ids: string[],
  ): Promise<Evaluation>;
}

/** Builds (or reuses) the bundle for policy directories and returns its path. */
export async function buildPolicies(options: LoadPoliciesOptions & { policyDirs: string[] }) {
  const opa = options.opa ?? (await findOpa(process.env, options.cacheDir));
  const capabilitiesFile = await wasmCapabilitiesFile(opa, options.cacheDir);
  return buildCached({ ...options, opa, capabilitiesFile });
}

export async function loadPolicies(options: LoadPoliciesOptions): Promise<PolicySet> {
  let bundleFile = options.bundle;
  let cached = true;
  if (!bundleFile) {
    const built = await buildPolicies({ ...options, policyDirs: options.policyDirs ?? [] });
    bundleFile = built.file;
    cached = built.cached;
  }
  const bundle = await readBundle(bundleFile);
  const policy = await WasmPolicy.load(
    bundle.wasm,
    bundle.data,
    bundle.metadata.controls,
    bundle.metadata.problems,
    bundle.metadata.rules,
    bundle.metadata.scopes,
    options.chunks,
  );
  return {
    controls: bundle.metadata.controls,
    opaVersion: bundle.metadata.opa_version,
    bundleFile,
    bundleSha256: bundle.sha256,
    cached,
    policyFiles: bundle.metadata.policy_files,
    warmUp: (bytes) => policy.warmUp(bytes),
    evaluate: (document, params, now, options) => policy.evaluate(document, params, now, options),
    async crossCheck(evaluation, document, params, ids) {
      // Only controls that produced a result can hide a runtime error; the others are `error` already.
      const controls = bundle.metadata.controls.filter((c) => ids.includes(c.id) && evaluation.outputs.has(c.id));
      if (controls.length === 0) return evaluation;
      const opa = options.opa ?? (await findOpa(process.env, options.cacheDir));
      const strict = await strictCheck({ opa, bundleFile, data: bundle.data, params, document, controls });
      return withStrictErrors(evaluation, strict);
    },
  };
}

/**
 * True when a prebuilt bundle was built from exactly the policy files now in these directories (same paths and
 * contents), so it can be used without compiling (and without OPA).
 */
export async function bundleMatches(bundleFile: string, policyDirs: string[], baseDir: string): Promise<boolean> {
  let bundle: Awaited<ReturnType<typeof readBundle>>;
  try {
    bundle = await readBundle(bundleFile);
  } catch {
    return false;
  }
  const files = (await listPolicyFiles(policyDirs, baseDir)).filter(
    (f) => f.path.endsWith('.rego') && !f.path.endsWith('_test.rego'),
  );
  const key = (list: { path: string; sha256: string }[]) =>
    JSON.stringify(sortedBy(list, (f) => [f.path, f.sha256]).map((f) => [f.path, f.sha256]));
  return key(files) === key(bundle.metadata.policy_files);
}
