/**
 * Each built-in control that declares what it reads (METADATA `reads`) gives, on a document holding only that
 * (chunks.ts `projectedInput`: what a pass of that control alone gets), the same findings, unknown and population
 * as on the whole document. A member a control reads without declaring it would be missing from its slices, and
 * its findings could vanish on large documents only: this checks every declaration on documents where each
 * control finds something (the benchmark's 1,000 users, with and without `*_ns` times), on random documents
 * (nulls, no reviews, hostile text) and on hand-written users (ambiguous identity, names left out, "never").
 * Leaving out any one declared member of a user-scoped control changes its output on these documents, so the
 * comparison would see a member missing from a declaration.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchDocument } from '../../bench/document.mjs';
import { readBundle } from '../../src/engine/bundle-file.js';
import { projectedInput, projection } from '../../src/engine/chunks.js';
import { loadPolicies, type PolicySet } from '../../src/engine/index.js';
import type { ControlScope } from '../../src/engine/inspect.js';
import type { AccessDocument, User } from '../../src/model/document.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';
import { arbitraryDocument } from '../report/arbitrary-document.js';

const NOW = new Date('2026-11-28T00:00:00Z');
const PARAMS = { allowed_domains: ['acme.com'] };
const cacheDir = join(tmpdir(), 'uar-declared-reads-cache');
let policies: PolicySet;
let scopes: Record<string, ControlScope>;

beforeAll(async () => {
  policies = await loadPolicies({
    policyDirs: ['policies'],
    cacheDir,
    baseDir: process.cwd(),
    chunks: { chunkBytes: Number.POSITIVE_INFINITY, threads: 2 },
  });
  scopes = (await readBundle(policies.bundleFile)).metadata.scopes ?? {};
});

/** The controls that declare what they read. */
function declaring(): string[] {
  return policies.controls.map((c) => c.id).filter((id) => scopes[id]?.reads);
}

/** The document as a pass that reads only `reads` gets it, as an object again. */
function projected(document: AccessDocument, reads: string[]): AccessDocument {
  const keep = projection(['_'], { _: { reads } });
  return JSON.parse(new TextDecoder().decode(projectedInput(document, keep))) as AccessDocument;
}

/** Each declaring control's output on the document projected to its reads, against the whole document's. */
async function same(document: AccessDocument, params: Record<string, unknown> = PARAMS) {
  const whole = await policies.evaluate(document, params, NOW);
  for (const id of declaring()) {
    const part = await policies.evaluate(projected(document, scopes[id]?.reads as string[]), params, NOW);
    expect(part.errors.get(id), id).toBe(whole.errors.get(id));
    expect(part.outputs.get(id), id).toEqual(whole.outputs.get(id));
  }
  return whole;
}

/** Users the generated documents lack: ambiguous identity, resources without names, an empty name, "never". */
function handWritten(): AccessDocument {
  const identity = (over: Partial<NonNullable<User['identity']>>): User['identity'] => ({
    status: 'active',
    mfa: 'enrolled',
    last_sign_in: '2026-01-02T03:04:05Z',
    sources: [
      {
        source: 'okta',
        files: ['okta.csv'],
        record_id: '00u1',
        matched_by: 'primary',
        status: 'active',
        mfa: 'enrolled',
        last_sign_in: '2026-01-02T03:04:05Z',
      },
    ],
    ...over,
  });
  const users = [
    makeOwner('ann@acme.com', { identity: identity({ mfa: 'not_enrolled', last_sign_in: 'never' }), name: '' }),
    makeOwner('bo@acme.com', {
      identity: null,
      identity_ambiguous: [
        {
          source: 'okta',
          records: [
            { record_id: '00u2', origin: 'okta.csv:2' },
            { record_id: null, origin: 'okta.csv:3' },
          ],
        },
      ],
    }),
    makeUser('cy@gmail.com', {
      identity: identity({ status: 'inactive', mfa: 'unknown', last_sign_in: null }),
      hr: {
        employment_status: 'terminated',
        termination_date: null,
        employee_id: null,
        manager_email: null,
        worker_type: null,
        file: 'hr.csv',
      },
    }),
    makeUser('admin@acme.com', { identity: identity({ last_sign_in: '2025-01-01' }), is_admin: true }),
  ];
  const document = makeDocument({ users });
  document.coverage = { ...document.coverage, identity: true, identity_sources: ['okta'], hr: true };
  return document;
}

describe('a built-in control on a document holding only what it declares it reads', () => {
  it('declares reads, each naming a member of input or of its users', () => {
    expect(declaring().length).toBe(policies.controls.length);
    for (const id of declaring()) for (const path of scopes[id]?.reads ?? []) expect(path, id).toMatch(/^\w+(\.\w+)?$/);
  });

  for (const timeNs of [true, false]) {
    it(`gives what the whole document gives: the benchmark’s 1,000 users${timeNs ? '' : ', without *_ns times'}`, async () => {
      const whole = await same(benchDocument(1000, NOW, { timeNs }));
      expect(whole.errors.size).toBe(0);
      for (const [id, output] of whole.outputs) expect(output.findings.length, id).toBeGreaterThan(0);
    });
  }

  it('gives what the whole document gives: hand-written users (ambiguous identity, "never", no HR date)', async () => {
    const whole = await same(handWritten());
    expect(whole.outputs.get('UAR-007')?.unknown.length).toBeGreaterThan(0);
    await same(handWritten(), {});
    await same(makeDocument());
  });

  it('gives what the whole document gives: random documents', async () => {
    const documents = fc.sample(arbitraryDocument, { numRuns: 25, seed: 1414 });
    expect(documents.some((d) => d.users.length > 3 && d.reviews)).toBe(true);
    for (const document of documents) await same(document);
  }, 120_000);

  it('would tell a member left out: each declared member of a user changes the output when missing', async () => {
    const documents = [benchDocument(1000, NOW), handWritten()];
    const wholes = await Promise.all(documents.map((d) => policies.evaluate(d, PARAMS, NOW)));
    for (const id of declaring()) {
      if (scopes[id]?.scope !== 'user') continue;
      const reads = scopes[id]?.reads as string[];
      for (const member of reads.filter((path) => path.startsWith('users.'))) {
        const fewer = reads.filter((path) => path !== member);
        let changed = false;
        for (const [i, document] of documents.entries()) {
          const part = await policies.evaluate(projected(document, fewer), PARAMS, NOW);
          const whole = wholes[i];
          if (JSON.stringify(part.outputs.get(id)) !== JSON.stringify(whole?.outputs.get(id))) changed = true;
          if (changed) break;
        }
        expect(changed, `${id} without ${member}`).toBe(true);
      }
    }
  }, 120_000);
});
