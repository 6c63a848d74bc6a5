import { describe, expect, it } from 'vitest';
import { diffBaseline, summarizeAccess } from '../../src/changes/index.js';
import { renderSummary } from '../../src/report/index.js';
import { collectionNotes, makeDocument, makeResult } from './fixtures.js';

function withChanges() {
  const current = makeDocument();
  const baseline = makeDocument();
  baseline.users = baseline.users.filter((u) => u.id !== 'u_li');
  baseline.users.push({
    ...baseline.users[0]!,
    id: 'u_gone',
    email: 'gone@acme.example',
    email_key: 'gone@acme.example',
    name: 'Gone',
  });
  const ana = baseline.users.find((u) => u.id === 'u_ana')!;
  ana.effective_roles = ['Workspace Member'];
  return makeResult({ changes: diffBaseline(summarizeAccess(current), summarizeAccess(baseline)) });
}

describe('renderSummary', () => {
  it('matches the golden files (full, with changes, compact)', async () => {
    await expect(renderSummary(makeResult())).toMatchFileSnapshot('./__golden__/summary.md');
    await expect(renderSummary(withChanges())).toMatchFileSnapshot('./__golden__/summary-changes.md');
    await expect(renderSummary(makeResult(), { compact: true })).toMatchFileSnapshot(
      './__golden__/summary-compact.txt',
    );
  });

  it('leads with the verdict and lists every control', () => {
    const text = renderSummary(makeResult());
    expect(text).toMatch(/\*\*Verdict: FAIL\*\* — 2 findings \(1 critical, 1 high\) in 2 of 7 controls/);
    for (const id of ['UAR-001', 'UAR-002', 'UAR-003', 'UAR-005', 'UAR-006', 'UAR-007', 'UAR-009'])
      expect(text).toContain(id);
    expect(text).toContain('## What could not be evaluated');
    expect(text).toMatch(/UAR-007.*error: eval\\_error/);
    expect(text).toMatch(/no identity record for this user \(2 subjects\)/);
    expect(text).toContain('Expired (no longer applied)');
    expect(text).toContain('Shared accounts \\| aliases'); // a pipe would break the table
    expect(text).not.toContain('SARIF truncated');
  });

  it('never says PASS when something could not be decided', () => {
    const result = makeResult();
    result.controls = result.controls.filter((c) => c.findings.length === 0 && c.status !== 'error');
    expect(renderSummary(result)).toContain('**Verdict: INCOMPLETE**');
    result.controls = result.controls.filter((c) => c.status === 'pass');
    expect(renderSummary(result)).toContain('**Verdict: PASS**');
    expect(renderSummary({ ...result, complete: false })).toContain('**Verdict: INCOMPLETE**');
  });

  it('shows the SARIF truncation note and the changes', () => {
    const truncated = renderSummary(makeResult(), { sarifTruncated: { total: 30_000, kept: 25_000 } });
    expect(truncated).toMatch(/SARIF truncated.*25,000 most severe of 30,000/);
    expect(renderSummary(makeResult(), { compact: true, sarifTruncated: { total: 30_000, kept: 25_000 } })).toMatch(
      /kept 25000 of 30000/,
    );
    const changed = renderSummary(withChanges());
    expect(changed).toContain('## Access changes since the last review');
    expect(changed).toMatch(/li\.lei@acme\.example: Source Read-only, Workspace Member/);
    expect(changed).toMatch(/gone@acme\.example/);
    expect(changed).toMatch(/\+Workspace Owner/);
  });

  it('says what the collection could not read: parts, plan features, removed subjects, resource names', () => {
    const text = renderSummary(makeResult({ collection: collectionNotes() }));
    expect(text).toContain('- **Read in part**: GET /users: 2 of 3 pages');
    expect(text).toMatch(/Not offered by the workspace's plan\*\*: the audit trail, HTTP 403 from GET \/audit-events/);
    expect(text).toContain(
      '- **Resource names not read**: SOURCE, HTTP 403 from GET /sources (forbidden: no); shown by id only',
    );
    expect(text).not.toContain('WAREHOUSE, '); // read: not a note
  });
});
