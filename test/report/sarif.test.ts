import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderAll, renderSarif, SARIF_MAX_RESULTS, validateSarif } from '../../src/report/index.js';
import { fitsGzipped, SARIF_MAX_GZIP_BYTES } from '../../src/report/sarif.js';
import { finding, makeLargeResult, makeResult, makeReview } from './fixtures.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  partialFingerprints: { primaryLocationLineHash: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  properties: { subject: { id: string } };
}
const parse = (text: string) => JSON.parse(text).runs[0];

describe('renderSarif', () => {
  const { text, truncated } = renderSarif(makeResult());
  const run = parse(text);

  it('matches the golden file and validates against the official SARIF 2.1.0 schema', async () => {
    await expect(text).toMatchFileSnapshot('./__golden__/results.sarif');
    expect(validateSarif(text)).toEqual({ valid: true, errors: [] });
    expect(truncated).toBeNull();
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: {} }] }).valid).toBe(false);
  });

  it('has one rule per control with GitHub metadata', () => {
    expect(run.tool.driver).toMatchObject({
      name: 'uar-check',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: expect.stringMatching(/^https:/),
    });
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([
      'UAR-001',
      'UAR-002',
      'UAR-003',
      'UAR-005',
      'UAR-006',
      'UAR-007',
      'UAR-009',
    ]);
    const byId = Object.fromEntries(rules.map((r: { id: string }) => [r.id, r]));
    expect(byId['UAR-002']).toMatchObject({
      name: 'OwnerWithoutMfa',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.5' },
    });
    expect(byId['UAR-001']).toMatchObject({
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0' },
    });
    expect(byId['UAR-009']).toMatchObject({
      defaultConfiguration: { level: 'warning' },
      properties: { 'security-severity': '5.5' },
    });
    expect(byId['UAR-006']).toMatchObject({
      defaultConfiguration: { level: 'note' },
      properties: { 'security-severity': '3.0' },
    });
    for (const r of rules) {
      expect(typeof r.properties['security-severity']).toBe('string');
      expect(r.help.markdown).toContain('Remediation');
      expect(r.properties.tags).toEqual(expect.arrayContaining(['security', 'access-review']));
      expect(r.properties.tags.length).toBeLessThanOrEqual(10);
    }
    expect(byId['UAR-001'].help.markdown).toContain('SOC 2 CC6.2');
  });

  it('reports only failing, non-excepted findings, each located and fingerprinted', () => {
    const results: SarifResult[] = run.results;
    expect(results.map((r) => [r.ruleId, r.properties.subject.id])).toEqual([
      ['UAR-002', 'u_ana'],
      ['UAR-001', 'u_sean'],
    ]);
    for (const r of results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^policies\/[a-z_]+\.rego$/);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(results[0]!.level).toBe('error');
  });

  it('gives one category per workspace, overridable', () => {
    expect(run.automationDetails.id).toBe('uar-check/acme-data/');
    expect(parse(renderSarif(makeResult(), { category: 'uar/prod' }).text).automationDetails.id).toBe('uar/prod/');
    expect(run.invocations[0].executionSuccessful).toBe(false); // UAR-007 errored
  });

  it('is deterministic and keeps fingerprints when unrelated users and findings come and go', () => {
    expect(renderSarif(makeResult()).text).toBe(text);
    const fingerprints = (t: string) =>
      new Map(
        parse(t).results.map((r: SarifResult) => [
          `${r.ruleId}/${r.properties.subject.id}`,
          r.partialFingerprints.primaryLocationLineHash,
        ]),
      );
    const before = fingerprints(text);
    const more = makeResult();
    const stale = more.controls[0]!;
    stale.findings = [
      finding('UAR-001', { type: 'user', id: 'u_new', email: 'new@acme.example' }, 'new'),
      ...stale.findings,
    ];
    const after = fingerprints(renderSarif(more).text);
    expect(after.size).toBe(3);
    for (const [key, value] of before) expect(after.get(key)).toBe(value);
    const fewer = makeResult();
    fewer.controls[1]!.findings = [];
    fewer.controls[1]!.status = 'pass';
    expect(fingerprints(renderSarif(fewer).text).get('UAR-001/u_sean')).toBe(before.get('UAR-001/u_sean'));
    expect(new Set(before.values()).size).toBe(before.size);
  });

  it('stays within GitHub limits with 30,000 findings, keeps the most severe and says so', () => {
    const big = makeLargeResult(30_000);
    const out = renderSarif(big);
    expect(out.truncated).toEqual({ total: 30_000, kept: SARIF_MAX_RESULTS });
    const bigRun = parse(out.text);
    expect(bigRun.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(gzipSync(out.text).length).toBeLessThan(10 * 1000 * 1000);
    // all 10,000 critical (UAR-002) findings come first
    expect(bigRun.results.slice(0, 10_000).every((r: SarifResult) => r.ruleId === 'UAR-002')).toBe(true);
    expect(bigRun.results.at(-1).ruleId).toBe('UAR-001');
    expect(bigRun.invocations[0].toolExecutionNotifications.at(-1).message.text).toMatch(
      /kept the 25000 most severe of 30000/,
    );
    expect(validateSarif(out.text).valid).toBe(true);
    // Made in pieces (the results a slice at a time), the text is still the log's 2-space JSON, as hashed.
    expect(out.text).toBe(`${JSON.stringify(JSON.parse(out.text), null, 2)}\n`);
    expect(out.hashed.sha256).toBe(createHash('sha256').update(out.text).digest('hex'));
    const { files } = renderAll(makeReview(big), { formats: ['summary', 'evidence'] });
    expect(files.has('results.sarif')).toBe(false);
    const withSarif = renderAll(makeReview(big), { formats: ['summary', 'sarif', 'evidence'] });
    expect(withSarif.files.get('summary.md')).toMatch(/results\.sarif holds the 25,000 most severe of 30,000 findings/);
    expect(JSON.parse(withSarif.rendered('evidence')).sections.sarif).toEqual({
      total: 30_000,
      kept: 25_000,
      truncated: true,
    });
  });
});

describe('renderSarif size limit', () => {
  it('drops the least severe results until the file is under 10 MB gzipped', () => {
    const big = makeLargeResult(2_500);
    let seed = 'seed';
    for (const c of big.controls) {
      for (const f of c.findings) {
        let message = '';
        while (message.length < 9_000) message += seed = createHash('sha256').update(seed).digest('hex');
        f.message = `${f.subject.email} ${message}`;
      }
    }
    const out = renderSarif(big);
    expect(out.truncated).not.toBeNull();
    expect(out.truncated!.total).toBe(2_500);
    expect(out.truncated!.kept).toBeLessThan(2_500);
    expect(gzipSync(out.text).length).toBeLessThanOrEqual(10 * 1000 * 1000);
    expect(parse(out.text).results).toHaveLength(out.truncated!.kept);
  });
});

describe('fitsGzipped', () => {
  it('says a text fits only when its gzip is within the limit, even when it does not compress at all', () => {
    // Random printable ASCII compresses little; the largest text said to fit, and one byte more.
    let seed = 7;
    const random = (n: number) => {
      const bytes = Buffer.alloc(n);
      for (let i = 0; i < n; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        bytes[i] = 33 + (seed % 94);
      }
      return bytes.toString('latin1');
    };
    let largest = Math.floor((SARIF_MAX_GZIP_BYTES - 1024) / (1 + 1 / 8));
    while (!fitsGzipped('x'.repeat(largest))) largest -= 1;
    const text = random(largest);
    expect(fitsGzipped(text)).toBe(true);
    expect(gzipSync(text).length).toBeLessThanOrEqual(SARIF_MAX_GZIP_BYTES);
    expect(fitsGzipped(`${text}x`)).toBe(false);
    expect(fitsGzipped('é'.repeat(Math.ceil(largest / 2) + 1))).toBe(false); // counted in UTF-8 bytes
  });
});
