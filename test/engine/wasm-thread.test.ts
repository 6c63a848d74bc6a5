/**
 * The evaluation thread (src/engine/wasm-thread.ts, wasm-worker.ts): what it returns equals what the opa-wasm
 * SDK returns when called in this thread on the same module, data, input and time (the built-in bundle on the
 * realistic benchmark document, and a fixture using the time builtins); and whatever goes wrong in the thread
 * (a module that does not load, a thread that stops) is a PolicyError with one line — never a result.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDocument } from '../../bench/document.mjs';
import { controlModule } from '../../src/engine/build.js';
import { runnerBuiltins } from '../../src/engine/builtins/index.js';
import { readBundle } from '../../src/engine/bundle-file.js';
import { mergeOutputs } from '../../src/engine/chunks.js';
import { THREAD_MIN_BYTES, WasmPolicy } from '../../src/engine/evaluate.js';
import { findOpa, loadPolicies, type PolicySet } from '../../src/engine/index.js';
import { MAIN_ENTRYPOINT } from '../../src/engine/main-rego.js';
import { MAX_PAGES } from '../../src/engine/wasm-protocol.js';
import { WasmThread } from '../../src/engine/wasm-thread.js';
import { PolicyError } from '../../src/errors.js';
import type { AccessDocument } from '../../src/model/document.js';
import { PolicyOutput } from '../../src/model/result.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';

type OpaWasm = typeof import('@open-policy-agent/opa-wasm');
/** Node's WebAssembly global (the project's TypeScript lib does not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
  .WebAssembly;
const FIXTURES = join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-11-28T00:00:00Z');
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'uar-thread-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** The one pass, evaluated here with the SDK directly, as the engine did before it had a thread. */
async function inThisThread(policies: PolicySet, document: AccessDocument, params: Record<string, unknown>) {
  const bundle = await readBundle(policies.bundleFile);
  const opa = (await import('@open-policy-agent/opa-wasm')) as unknown as { default: OpaWasm };
  const { loadPolicySync } = opa.default;
  const policy = loadPolicySync(
    bundle.wasm,
    { initial: 1024, maximum: MAX_PAGES },
    runnerBuiltins(() => NOW),
  );
  policy.setData({ ...bundle.data, params });
  const [{ result }] = policy.evaluate(document, MAIN_ENTRYPOINT) as [
    { result: { results: Record<string, Record<string, unknown[]>>; params: Record<string, unknown> } },
  ];
  const outputs = new Map(
    policies.controls.map((c) => {
      const s = result.results[controlModule(c) as string] as Record<string, unknown[]>;
      const output = { findings: s.findings?.[0], unknown: s.unknown?.[0] ?? [], population: s.population?.[0] };
      return [c.id, mergeOutputs([PolicyOutput.parse(output)])]; // the engine's one order (chunks.ts)
    }),
  );
  return { params: result.params, outputs, errors: new Map() };
}

describe('the evaluation thread', () => {
  it('gives the same evaluation as the SDK in this thread: built-in controls, realistic document', async () => {
    const policies = await loadPolicies({ bundle: 'bundle/builtin.tar.gz', cacheDir, baseDir: '.' });
    const document = benchDocument(300, NOW) as AccessDocument;
    expect(JSON.stringify(document).length).toBeLessThan(THREAD_MIN_BYTES); // small: evaluated without a thread…
    const params = { allowed_domains: ['acme.com'] };
    policies.warmUp(THREAD_MIN_BYTES); // …unless a thread was started for it
    const evaluation = await policies.evaluate(document, params, NOW);
    expect(evaluation.errors).toEqual(new Map());
    expect(evaluation.outputs.size).toBe(policies.controls.length);
    expect([...evaluation.outputs.values()].some((o) => o.findings.length > 0)).toBe(true);
    expect(evaluation).toEqual(await inThisThread(policies, document, params));
    // Without a thread, and in a second thread (each evaluates once), the same again.
    expect(await policies.evaluate(document, params, NOW)).toEqual(evaluation);
    policies.warmUp(THREAD_MIN_BYTES);
    expect(await policies.evaluate(document, params, NOW)).toEqual(evaluation);
  });

  it('gives the same evaluation with the time builtins and the injected time (fixture)', async () => {
    const opa = await findOpa();
    const policies = await loadPolicies({ policyDirs: ['valid'], cacheDir, baseDir: FIXTURES, opa });
    const document = makeDocument({
      users: [
        makeOwner('old@acme.com', {
          identity: { status: 'active', mfa: 'enrolled', last_sign_in: '2026-01-01T00:00:00Z', sources: [] },
        }),
        makeOwner('new@acme.com'),
        makeUser('nobody@acme.com'),
      ],
    });
    policies.warmUp(THREAD_MIN_BYTES);
    const evaluation = await policies.evaluate(document, { stale_days: 90 }, NOW);
    expect(evaluation.outputs.get('TST-001')?.findings[0]?.message).toBe('old@acme.com last signed in 331 days ago');
    expect(evaluation).toEqual(await inThisThread(policies, document, { stale_days: 90 }));
    expect(await policies.evaluate(document, { stale_days: 90 }, NOW)).toEqual(evaluation); // without a thread
  });

  it.each([
    ['in a thread', true],
    ['without one', false],
  ])('a module that compiles but does not load is a PolicyError, not a result (%s)', async (_, thread) => {
    const empty = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // a valid, empty WASM module
    const control = { id: 'TST-001', file: 'x.rego', line: 1, package: 'uar.controls.x' };
    const policy = await WasmPolicy.load(empty, {}, [control as never]);
    if (thread) policy.warmUp(THREAD_MIN_BYTES);
    const error = await policy.evaluate(makeDocument({ users: [] }), {}, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toMatch(/^cannot load the policy bundle: /);
    expect((error as Error).message).not.toContain('\n');
  });

  it('answers requests sent before the previous one is answered, each its own, in order', async () => {
    const bundle = await readBundle('bundle/builtin.tar.gz');
    const module = await wasmApi.compile(bundle.wasm);
    const request = (document: AccessDocument) => ({
      input: new TextEncoder().encode(JSON.stringify(document)).buffer,
      params: { allowed_domains: ['acme.com'] },
      now: NOW.getTime(),
      main: MAIN_ENTRYPOINT,
      controls: [],
      params_entrypoint: 'uar/main/params',
    });
    const documents = [benchDocument(30, NOW), makeDocument(), benchDocument(5, NOW)] as AccessDocument[];
    const one = async (document: AccessDocument) => {
      const thread = new WasmThread({ module, data: bundle.data });
      return thread.evaluate(request(document));
    };
    const alone = [];
    for (const document of documents) alone.push(await one(document));
    const thread = new WasmThread({ module, data: bundle.data });
    try {
      const answers = await Promise.all(documents.map((d) => thread.ask(request(d))));
      expect(answers).toEqual(alone);
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(3);
    } finally {
      await thread.end();
    }
  });

  it('a thread that stops while evaluating is a PolicyError, not a hang or a result', async () => {
    const bundle = await readBundle('bundle/builtin.tar.gz');
    const module = await wasmApi.compile(bundle.wasm);
    const thread = new WasmThread({ module, data: bundle.data });
    const input = new TextEncoder().encode(JSON.stringify(benchDocument(2000, NOW)));
    const evaluating = thread.evaluate({
      input: input.buffer,
      params: {},
      now: NOW.getTime(),
      main: MAIN_ENTRYPOINT,
      controls: [],
      params_entrypoint: 'uar/main/params',
    });
    expect(input.byteLength).toBe(0); // transferred, not copied
    await thread.end();
    const error = await evaluating.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toMatch(
      /^the evaluation thread (was ended|stopped \(exit code \d+\) before answering)/,
    );
  });

  it('an evaluation whose answer is no longer wanted (its signal aborts) ends its thread and rejects', async () => {
    const policies = await loadPolicies({ bundle: 'bundle/builtin.tar.gz', cacheDir, baseDir: '.' });
    const abandon = new AbortController();
    policies.warmUp(THREAD_MIN_BYTES);
    const evaluating = policies.evaluate(benchDocument(2000, NOW) as AccessDocument, {}, NOW, {
      signal: abandon.signal,
    });
    abandon.abort();
    await expect(evaluating).rejects.toThrow(/^the evaluation thread (was ended|stopped \(exit code \d+\))/);
  });
});
