/**
 * Chunked evaluation gives exactly the Evaluation of one pass (the real policies, compiled by real OPA, in real
 * WASM threads): with slices of one to three users (each user's compact JSON, or cut from the snapshot file's
 * text as `run` does), on every document the tests have — the example workspace as `run` evaluates it (with and
 * without identity data), the benchmark's 1,000-user document, the generated 400-user workspace and random
 * documents (duplicate email keys, hostile text, with and without reviews). One pass agrees with `opa eval`
 * (test/bench, test/engine/differential), so chunks do too.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDocument } from '../../bench/document.mjs';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { loadConfig } from '../../src/config/config-file.js';
import { canonicalText, mergeOutputs, projectedInput, projection, UserSlices } from '../../src/engine/chunks.js';
import { type Evaluation, loadPolicies, type PolicySet } from '../../src/engine/index.js';
import type { Lookalike } from '../../src/lookalike/index.js';
import type { AccessDocument } from '../../src/model/document.js';
import { runReview } from '../../src/review.js';
import { HashedJsonText } from '../../src/shared/hashed-json-text.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, exampleEnrich, startExample } from '../helpers/example.js';
import { arbitraryDocument } from '../report/arbitrary-document.js';

const NOW = new Date('2026-11-28T00:00:00Z');
const PARAMS = { allowed_domains: ['acme.com'] };
const cacheDir = join(tmpdir(), 'uar-chunks-cache');
let onePass: PolicySet;
let oneUser: PolicySet;
let threeUsers: PolicySet;

beforeAll(async () => {
  const options = { policyDirs: ['policies'], cacheDir, baseDir: process.cwd() };
  onePass = await loadPolicies({ ...options, chunks: { chunkBytes: Number.POSITIVE_INFINITY, threads: 2 } });
  oneUser = await loadPolicies({ ...options, chunks: { chunkBytes: 1, threads: 2 } });
  // The benchmark's users take ~1.1 kB of compact JSON each: three per slice.
  threeUsers = await loadPolicies({ ...options, chunks: { chunkBytes: 2200, threads: 2 } });
});

/** Everything an Evaluation holds, in its order. */
function text(evaluation: Evaluation): string {
  return JSON.stringify({
    params: evaluation.params,
    outputs: [...evaluation.outputs],
    errors: [...evaluation.errors],
  });
}

/** Chunks agree with one pass, with slices of each user's compact JSON and cut from the snapshot's text. */
async function same(document: AccessDocument, chunked: PolicySet, params: Record<string, unknown> = PARAMS) {
  const whole = await onePass.evaluate(document, params, NOW);
  const chunks = await chunked.evaluate(document, params, NOW);
  expect(text(chunks)).toBe(text(whole));
  const usersText = new HashedJsonText(document, 'users', 2).elements();
  expect(text(await chunked.evaluate(document, params, NOW, { usersText }))).toBe(text(whole));
  return whole;
}

describe('chunked evaluation equals one pass', () => {
  it('on the benchmark’s 1,000-user document, three users per slice', async () => {
    const whole = await same(benchDocument(1000, NOW), threeUsers);
    expect(whole.errors.size).toBe(0);
    for (const [id, output] of whole.outputs) expect(output.findings.length, id).toBeGreaterThan(0);
  });

  it('on the generated 400-user workspace, one user per slice', async () => {
    await same(syntheticDocument(400, NOW), oneUser);
  });

  it('on small documents: no users, one user, without reviews or identity data', async () => {
    await same(makeDocument(), oneUser);
    await same(makeDocument({ users: [makeOwner('ann@acme.com')] }), oneUser);
    const users = [makeOwner('ann@acme.com'), makeUser('info@gmail.com'), makeOwner('bo@acme.com')];
    await same(makeDocument({ users }), oneUser, {});
  });

  it('on random documents', async () => {
    const documents = fc.sample(arbitraryDocument, { numRuns: 30, seed: 14 });
    expect(documents.some((d) => d.users.length > 3 && d.reviews)).toBe(true);
    for (const document of documents) await same(document, oneUser);
  }, 120_000);

  describe('on the example workspace as `run` evaluates it', () => {
    let lookalike: Lookalike;
    beforeAll(async () => {
      lookalike = await startExample();
    });
    afterAll(async () => {
      await lookalike.close();
    });

    for (const withIdentity of [true, false]) {
      it(withIdentity ? 'with identity and HR data' : 'without them', async () => {
        const config = await loadConfig(EXAMPLE_CONFIG);
        let evaluated: AccessDocument | null = null;
        await runReview({
          source: { kind: 'api', baseUrl: lookalike.url, token: EXAMPLE_TOKEN },
          policies: {
            ...onePass,
            evaluate: (document, params, now) => {
              evaluated = document;
              return onePass.evaluate(document, params, now);
            },
          },
          config,
          enrich: exampleEnrich(config, withIdentity),
          now: new Date(EXAMPLE_NOW),
          toolVersion: '0.0.0-test',
        });
        const document = evaluated as AccessDocument | null;
        expect(document?.users.length).toBeGreaterThan(3);
        await same(document as AccessDocument, oneUser, config.params);
      });
    }
  });
});

describe('controls of a team (test/engine/fixtures/chunked)', () => {
  const document = makeDocument({
    users: [makeUser('ann@acme.com'), makeUser('bad@acme.com'), makeUser('cy@gmail.com')],
  });
  let team: { whole: Evaluation; chunks: Evaluation };
  beforeAll(async () => {
    const options = {
      policyDirs: ['policies/lib', 'test/engine/fixtures/chunked'],
      cacheDir,
      baseDir: process.cwd(),
    };
    const whole = await loadPolicies({ ...options, chunks: { chunkBytes: Number.POSITIVE_INFINITY, threads: 2 } });
    const chunks = await loadPolicies({ ...options, chunks: { chunkBytes: 1, threads: 2 } });
    team = { whole: await whole.evaluate(document, {}, NOW), chunks: await chunks.evaluate(document, {}, NOW) };
  });

  it('an error in one slice makes the control `error`, with the line one pass gives: never a pass', () => {
    for (const id of ['TST-101', 'TST-102']) {
      expect(team.chunks.outputs.has(id), id).toBe(false);
      expect(team.chunks.errors.get(id), id).toBe(team.whole.errors.get(id));
    }
    expect(team.whole.errors.get('TST-101')).toMatch(/slice_error\.rego:\d+: `population` is undefined/);
    expect(team.whole.errors.get('TST-102')).toMatch(/wrong_shape\.rego:\d+: result has the wrong shape/);
  });

  it('a control evaluated whole reads what it declares (reads), with the same result', () => {
    expect(team.chunks.outputs.get('TST-104')).toEqual(team.whole.outputs.get('TST-104'));
    expect(team.whole.outputs.get('TST-104')?.findings[0]?.message).toBe('2 acme.com users');
  });

  it('a control that breaks its promise (scope: user, population 1) gets the sum over slices: the team’s bug', () => {
    expect(team.whole.outputs.get('TST-103')?.population).toBe(1);
    expect(team.chunks.outputs.get('TST-103')?.population).toBe(3);
  });

  it('one pass when a control evaluated whole does not declare what it reads (it would get the whole document)', async () => {
    const undeclared = await loadPolicies({
      policyDirs: ['policies/lib', 'test/engine/fixtures/chunked', 'test/engine/fixtures/bad-shape'],
      cacheDir,
      baseDir: process.cwd(),
      chunks: { chunkBytes: 1, threads: 2 },
    });
    const evaluation = await undeclared.evaluate(document, {}, NOW);
    expect(evaluation.outputs.get('TST-103')?.population).toBe(1); // not sliced
  });
});

describe('the slices', () => {
  it('are the whole document, byte for byte, when the users fit in one', () => {
    const document = benchDocument(20, NOW);
    const slices = new UserSlices(document, Number.POSITIVE_INFINITY);
    expect(new TextDecoder().decode(slices.take() as Uint8Array)).toBe(JSON.stringify(document));
    expect(slices.done).toBe(true);
    expect(slices.take()).toBeNull();
  });

  it.each(['compact', 'snapshot text'])(
    'hold every user once, in order, with the decisions about them and the rest unchanged (%s)',
    (kind) => {
      const document = benchDocument(50, NOW);
      const texts = kind === 'compact' ? undefined : new HashedJsonText(document, 'users', 1).elements();
      const slices = new UserSlices(document, kind === 'compact' ? 2200 : 4000, undefined, texts);
      const seen: unknown[] = [];
      const decisions: unknown[] = [];
      for (let input = slices.take(); input; input = slices.take()) {
        const part = JSON.parse(new TextDecoder().decode(input)) as AccessDocument;
        expect(part.users.length).toBeGreaterThan(0);
        expect(part.users.length).toBeLessThanOrEqual(4);
        const keys = new Set(part.users.map((u) => u.email_key));
        const campaign = part.reviews?.campaigns[0];
        expect(campaign?.decisions.every((d) => keys.has(d.subject_key))).toBe(true);
        seen.push(...part.users);
        decisions.push(...(campaign?.decisions ?? []));
        expect(Object.keys(part)).toEqual(Object.keys(document));
        const { users, reviews, ...rest } = part;
        const { users: allUsers, reviews: allReviews, ...allRest } = document;
        expect(rest).toEqual(allRest);
        expect({ ...reviews, campaigns: [] }).toEqual({ ...allReviews, campaigns: [] });
      }
      expect(seen).toEqual(document.users);
      const all = document.reviews?.campaigns[0]?.decisions ?? [];
      const users = new Set(document.users.map((u) => u.email_key));
      expect(decisions.length).toBe(all.filter((d) => users.has(d.subject_key)).length);
    },
  );

  it('tell about how many are left, at the size of those taken', () => {
    const slices = new UserSlices(benchDocument(30, NOW), 2200);
    expect(slices.left()).toBe(Number.POSITIVE_INFINITY);
    slices.take();
    expect(slices.left()).toBeGreaterThan(5);
    while (!slices.done) slices.take();
    expect(slices.left()).toBe(0);
  });

  it('hold, in file order, each decision about one of their users, also when users share an email key', () => {
    const document = benchDocument(40, NOW);
    const campaign = document.reviews?.campaigns[0];
    if (!campaign) throw new Error('the benchmark document has a review campaign');
    campaign.decisions.reverse(); // not in the users' order
    const first = document.users[0];
    const last = document.users[39];
    if (!first || !last) throw new Error('40 users');
    last.email_key = first.email_key; // one key, users in two slices
    campaign.decisions.push({ ...(campaign.decisions[0] as (typeof campaign.decisions)[number]) });
    const slices = new UserSlices(document, 2200);
    let count = 0;
    for (let input = slices.take(); input; input = slices.take()) {
      const part = JSON.parse(new TextDecoder().decode(input)) as AccessDocument;
      const keys = new Set(part.users.map((u) => u.email_key));
      expect(part.reviews?.campaigns[0]?.decisions).toEqual(campaign.decisions.filter((d) => keys.has(d.subject_key)));
      count++;
    }
    expect(count).toBeGreaterThan(10);
  });

  it('are the compact JSON of their part, byte for byte, whatever the text (UTF-8 of two to four bytes, escapes)', () => {
    const names = ['Zoë', '名前', '😀 "quoted" \\ \n', 'x'.repeat(70_000)];
    const users = names.map((name, i) => makeUser(`u${i}@acme.com`, { name }));
    const document = makeDocument({ users });
    for (const keep of [
      projection(['ACME-001'], {}),
      { members: new Set(['users', 'workspace']), userFields: new Set(['name']) },
    ]) {
      const slices = new UserSlices(document, 1, keep);
      for (let i = 0, input = slices.take(); input; i++, input = slices.take()) {
        const user = users[i] as (typeof users)[number];
        const part = keep.members
          ? { workspace: document.workspace, users: [{ name: user.name }] }
          : { ...document, users: [user] };
        expect(new TextDecoder().decode(input)).toBe(JSON.stringify(part));
      }
    }
    const whole = projectedInput(document, { members: new Set(['users']), userFields: new Set(['name']) });
    expect(new TextDecoder().decode(whole)).toBe(JSON.stringify({ users: names.map((name) => ({ name })) }));
  });

  it('keep what the controls of a pass declare they read, everything when one does not declare it', () => {
    const document = makeDocument({ users: [makeOwner('ann@acme.com'), makeUser('bo@acme.com')] });
    const scopes = {
      'UAR-009': { reads: ['workspace', 'users.is_owner', 'users.email'] },
      'UAR-003': { reads: ['reviews', 'users.id'] },
      'UAR-010': { reads: ['coverage', 'invites'] },
      'UAR-004': { reads: ['reviews', 'users'] },
    };
    const keep = projection(['UAR-009', 'UAR-003'], scopes);
    expect(keep).toEqual({
      members: new Set(['users', 'workspace', 'reviews']),
      userFields: new Set(['is_owner', 'email', 'id']),
    });
    const part = JSON.parse(new TextDecoder().decode(projectedInput(document, keep)));
    expect(Object.keys(part)).toEqual(['workspace', 'users', 'reviews']);
    expect(part.users).toEqual([
      { id: 'id-ann', email: 'ann@acme.com', is_owner: true },
      { id: 'id-bo', email: 'bo@acme.com', is_owner: false },
    ]);
    expect(projection(['UAR-010'], scopes)).toEqual({
      members: new Set(['users', 'coverage', 'invites']),
      userFields: new Set(),
    });
    expect(projection(['UAR-009', 'UAR-004'], scopes).userFields).toBeNull(); // whole users
    const everything = projection(['UAR-009', 'ACME-001'], scopes);
    expect(new TextDecoder().decode(projectedInput(document, everything))).toBe(JSON.stringify(document));
  });
});

describe('the merge', () => {
  const finding = (id: string, message = 'm') => ({ subject: { type: 'user' as const, id }, message });
  it('unites findings and unknown (each once, in canonical order) and adds populations', () => {
    const merged = mergeOutputs([
      { findings: [finding('b'), finding('a')], unknown: [{ reason: 'no data' }], population: 2 },
      { findings: [finding('a')], unknown: [{ reason: 'no data' }], population: 3 },
      { findings: [], unknown: [], population: 0 },
    ]);
    expect(merged).toEqual({ findings: [finding('a'), finding('b')], unknown: [{ reason: 'no data' }], population: 5 });
    expect(mergeOutputs([{ findings: [], unknown: [], population: null }]).population).toBeNull();
  });

  it('orders by code point, also for text beyond U+FFFF (UTF-16 order would put it before U+E000)', () => {
    const texts = ['b', '\u{1F600}', '\uE000', 'a', '\uFFFF', 'ab'];
    const merged = mergeOutputs([
      { findings: texts.map((t) => finding(t)), unknown: texts.map((reason) => ({ reason })), population: 1 },
    ]);
    const order = ['a', 'ab', 'b', '\uE000', '\uFFFF', '\u{1F600}'];
    expect(merged.findings.map((f) => f.subject.id)).toEqual(order);
    expect(merged.unknown.map((u) => u.reason)).toEqual(order);
    const plain = mergeOutputs([{ findings: [finding('b'), finding('a'), finding('a')], unknown: [], population: 1 }]);
    expect(plain.findings).toEqual([finding('a'), finding('b')]);
  });

  it('compares values, not member order', () => {
    expect(canonicalText({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalText({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(canonicalText({ b: [1, 'x', null, true], a: { c: undefined, d: 'é' } })).toBe(
      '{"a":{"d":"é"},"b":[1,"x",null,true]}',
    );
  });
});
