import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Lookalike } from '../../src/lookalike/index.js';
import { validateEvidence } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

let lookalike: Lookalike;
let tmp: string;
let snapshot: string;
let config: string;
const HR = 'fixtures/example/hr-roster.csv';
const START = '2026-11-02T09:00:00Z';

beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-campaign-'));
  snapshot = join(tmp, 'snapshot.json');
  const fetched = await runCli(['fetch', '--api-url', lookalike.url, '--out', snapshot], {
    env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN },
  });
  expect(fetched.code).toBe(0);
  config = join(tmp, 'uar-check.yaml');
  // alice has no manager in the roster, and the reviewer configured for her role is alice herself
  await writeFile(
    config,
    [
      'reviewers:',
      '  default: security@acme.com',
      '  roles:',
      '    Workspace Owner: alice.nguyen@acme.com',
      '  groups: {}',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await lookalike.close();
});

const COLUMNS = [
  'campaign',
  'campaign_started_at',
  'campaign_due_at',
  'snapshot_sha256',
  'workspace',
  'subject_email',
  'subject_name',
  'roles',
  'access',
  'reviewer_email',
  'reviewer_basis',
  'decision',
  'decided_at',
  'justification',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

async function readCsvRows(file: string): Promise<Row[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, bom: true }) as Row[];
}

const start = (out: string, ...extra: string[]) =>
  runCli([
    'campaign',
    'start',
    '--snapshot',
    snapshot,
    '--hr',
    HR,
    '--config',
    config,
    '--out',
    out,
    '--id',
    '2026-Q4',
    '--now',
    START,
    ...extra,
  ]);

/** The reviewers' answers: grace left pending, henry revoked, carol decides on herself, the rest kept. */
function fill(row: { subject: string; reviewer: string }): { decision: string; decided_at: string; reviewer?: string } {
  if (row.subject === 'grace.hopper@acme.com') return { decision: '', decided_at: '' };
  if (row.subject === 'henry.wu@acme.com') return { decision: 'revoke', decided_at: '2026-11-05' };
  if (row.subject === 'carol.diaz@acme.com')
    return { decision: 'keep', decided_at: '2026-11-06', reviewer: 'carol.diaz@acme.com' };
  return { decision: 'keep', decided_at: '2026-11-06' };
}

/** A CSV worksheet's text, filled as `fill` says. */
function fillCsv(text: string): string {
  const [header, ...records] = parse(text, { bom: true }) as string[][];
  const col = (column: string) => header!.indexOf(column);
  for (const r of records) {
    const answer = fill({ subject: r[col('subject_email')]!.toLowerCase(), reviewer: r[col('reviewer_email')]! });
    r[col('decision')] = answer.decision;
    r[col('decided_at')] = answer.decided_at;
    if (answer.reviewer) r[col('reviewer_email')] = answer.reviewer;
  }
  return stringify([header!, ...records], { bom: true });
}

/** A YAML worksheet's text, filled as `fill` says. */
function fillYaml(text: string): string {
  const doc = parseYaml(text) as { campaigns: { decisions: Record<string, string | null>[] }[] };
  for (const d of doc.campaigns[0]!.decisions) {
    const answer = fill({ subject: d.subject!.toLowerCase(), reviewer: d.reviewer! });
    if (answer.decision) Object.assign(d, answer);
  }
  return stringifyYaml(doc);
}

/** A CSV worksheet of the example, filled as `fill` says. */
async function filledCsv(name: string): Promise<string> {
  const out = join(tmp, `${name}.csv`);
  expect((await start(out)).code).toBe(0);
  const filled = join(tmp, `${name}-filled.csv`);
  await writeFile(filled, fillCsv(await readFile(out, 'utf8')));
  return filled;
}

async function evaluate(reviews: string, now = EXAMPLE_NOW) {
  const outDir = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const run = await runCli([
    'run',
    '--snapshot',
    snapshot,
    '--hr',
    HR,
    '--reviews',
    reviews,
    '--now',
    now,
    '--out-dir',
    outDir,
    '--format',
    'evidence',
  ]);
  expect(run.stderr).toBe('');
  const evidence = JSON.parse(await readFile(join(outDir, 'evidence.json'), 'utf8'));
  const control = (id: string) => evidence.controls.find((c: { id: string }) => c.id === id);
  const subjects = (id: string) =>
    control(id)
      .findings.map((f: { subject: { email?: string; type: string } }) => f.subject.email ?? f.subject.type)
      .sort();
  return { control, subjects };
}

describe('uar-check campaign start', () => {
  it('writes one row per user with a proposed reviewer who is never the user', async () => {
    const out = join(tmp, 'sheet.csv');
    const result = await start(out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Campaign 2026-Q4: 14 users, \d+ reviewers, due 2026-12-02T09:00:00Z; snapshot sha256 [0-9a-f]{64}/,
    );
    expect(result.stdout).toContain('alice.nguyen@acme.com: reviewer security@acme.com');
    const rows = await readCsvRows(out);
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS);
    expect(rows).toHaveLength(14);
    const snapshotSha = (await import('node:crypto'))
      .createHash('sha256')
      .update(await readFile(snapshot))
      .digest('hex');
    for (const row of rows) {
      expect(row.campaign).toBe('2026-Q4');
      expect(row.campaign_started_at).toBe(START);
      expect(row.snapshot_sha256).toBe(snapshotSha);
      expect(row.reviewer_email.toLowerCase()).not.toBe(row.subject_email.toLowerCase());
      expect([row.decision, row.decided_at, row.justification]).toEqual(['', '', '']);
    }
    const bySubject = new Map(rows.map((r) => [r.subject_email.toLowerCase(), r]));
    expect(bySubject.get('bob.martin@acme.com')).toMatchObject({
      reviewer_email: 'alice.nguyen@acme.com',
      reviewer_basis: 'HR manager_email',
    });
    expect(bySubject.get('alice.nguyen@acme.com')).toMatchObject({
      reviewer_email: 'security@acme.com',
      reviewer_basis: 'reviewers.roles["Workspace Owner"] names the user themselves; reviewers.default',
    });
    expect(bySubject.get('alice.nguyen@acme.com')?.access).toContain('Workspace Owner on the workspace');
  });

  it('round-trips: the filled CSV worksheet is read as-is by run --reviews (UAR-003/004/005/013)', async () => {
    const filled = await filledCsv('roundtrip');

    const { control, subjects } = await evaluate(filled);
    expect(control('UAR-003').status).toBe('fail');
    expect(subjects('UAR-003')).toEqual(['carol.diaz@acme.com']);
    expect(control('UAR-004').status).toBe('fail');
    expect(subjects('UAR-004')).toEqual(['grace.hopper@acme.com']);
    expect(control('UAR-005').status).toBe('fail');
    expect(subjects('UAR-005')).toEqual(['henry.wu@acme.com']);
    expect(control('UAR-013').status).toBe('pass');

    const later = await evaluate(filled, '2027-03-01T00:00:00Z');
    expect(later.control('UAR-013').status).toBe('fail');
    expect(later.control('UAR-013').findings[0].facts.campaign).toBe('2026-Q4');
  });

  it('round-trips the YAML worksheet too', async () => {
    const out = join(tmp, 'sheet.yaml');
    expect((await start(out)).code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(/^# uar-check campaign worksheet: 2026-Q4/);
    const doc = parseYaml(text) as {
      campaigns: { snapshot_sha256: string; decisions: Record<string, string | null>[] }[];
    };
    expect(doc.campaigns[0]!.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const d of doc.campaigns[0]!.decisions) {
      expect(d.reviewer?.toLowerCase()).not.toBe(d.subject!.toLowerCase());
      const answer = fill({ subject: d.subject!.toLowerCase(), reviewer: d.reviewer! });
      if (answer.decision) Object.assign(d, answer);
    }
    const filled = join(tmp, 'sheet-filled.yaml');
    await writeFile(filled, stringifyYaml(doc));
    const { subjects } = await evaluate(filled);
    expect(subjects('UAR-003')).toEqual(['carol.diaz@acme.com']);
    expect(subjects('UAR-004')).toEqual(['grace.hopper@acme.com']);
    expect(subjects('UAR-005')).toEqual(['henry.wu@acme.com']);
  });

  it('splits the worksheet into one file per reviewer', async () => {
    const dir = join(tmp, 'split');
    const result = await start(join(dir, 'q4.csv'), '--split-by-reviewer');
    expect(result.code).toBe(0);
    const files = (await readdir(dir)).sort();
    expect(files).toContain('q4.alice.nguyen@acme.com.csv');
    expect(files).toContain('q4.security@acme.com.csv');
    let total = 0;
    for (const file of files) {
      const rows = await readCsvRows(join(dir, file));
      const reviewers = new Set(rows.map((r) => r.reviewer_email.toLowerCase()));
      expect(reviewers.size).toBe(1);
      expect(file).toBe(`q4.${[...reviewers][0]}.csv`);
      total += rows.length;
    }
    expect(total).toBe(14);
  });

  it('merges the filled worksheets of a split campaign into one review file run --reviews reads', async () => {
    for (const ext of ['csv', 'yaml']) {
      const dir = join(tmp, `split-merge-${ext}`);
      expect((await start(join(dir, `q4.${ext}`), '--split-by-reviewer')).code).toBe(0);
      const parts = (await readdir(dir)).sort().map((f) => join(dir, f));
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        if (ext === 'csv') await writeFile(part, fillCsv(await readFile(part, 'utf8')));
        else await writeFile(part, fillYaml(await readFile(part, 'utf8')));
      }
      const merged = join(tmp, `merged.${ext}`);
      const result = await runCli(['campaign', 'merge', ...parts, '--out', merged]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`Merged ${parts.length} worksheets into ${merged}\n`);
      const { subjects } = await evaluate(merged);
      expect(subjects('UAR-003')).toEqual(['carol.diaz@acme.com']);
      expect(subjects('UAR-004')).toEqual(['grace.hopper@acme.com']);
      expect(subjects('UAR-005')).toEqual(['henry.wu@acme.com']);
    }
    const mixed = await runCli(['campaign', 'merge', join(tmp, 'sheet.csv'), '--out', join(tmp, 'm.yaml')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/sheet\.csv: is not a YAML worksheet like --out/);
  });

  it('fetches live when no snapshot is given, and keeps the snapshot it showed beside the worksheet', async () => {
    const dir = join(tmp, 'live');
    const result = await runCli(
      ['campaign', 'start', '--api-url', lookalike.url, '--hr', HR, '--out', join(dir, 'q4.yaml'), '--now', START],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote q4.snapshot.json, q4.yaml to ');
    expect(result.stdout + result.stderr).not.toContain(EXAMPLE_TOKEN);
    const shown = await readFile(join(dir, 'q4.snapshot.json'));
    const sha = (await import('node:crypto')).createHash('sha256').update(shown).digest('hex');
    const sheet = parseYaml(await readFile(join(dir, 'q4.yaml'), 'utf8')) as {
      campaigns: { id: string; snapshot_sha256: string }[];
    };
    expect(sheet.campaigns[0]).toMatchObject({ id: 'acme-analytics-2026-11-02', snapshot_sha256: sha });
  });

  it('refuses a bad campaign id with one line and exit 2', async () => {
    const result = await start(join(tmp, 'bad.csv'), '--id', 'a b/c');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^uar-check: --id a b\/c: expected letters/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('uar-check campaign status', () => {
  it('counts decided and pending per reviewer; the pending count is what UAR-004 finds', async () => {
    const filled = await filledCsv('status');
    const result = await runCli(['campaign', 'status', filled, '--now', '2026-11-20T00:00:00Z']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'Campaign 2026-Q4: started 2026-11-02T09:00:00Z, due 2026-12-02T09:00:00Z; 13 of 14 decided, 1 pending (keep 12, revoke 1, modify 0)',
    );
    // grace's manager is bob: his line comes first (most pending)
    expect(lines[1]).toMatch(/^ {2}bob\.martin@acme\.com: \d+\/\d+ decided, 1 pending$/);
    expect(result.stdout).toContain('Revocations: not checked (give --snapshot or fetch live)');
    const { subjects } = await evaluate(filled);
    expect(subjects('UAR-004')).toHaveLength(1);
  });

  it('flags overdue reviewers, revocations not enforced and decisions on access that changed', async () => {
    const filled = await filledCsv('status-later');
    // a later snapshot: bob was granted Source Admin after the worksheet, frank left, henry (revoked) is still there
    const doc = JSON.parse(await readFile(snapshot, 'utf8'));
    const bob = doc.users.find((u: { email: string }) => u.email === 'bob.martin@acme.com');
    bob.permissions.push({
      role_id: 'r-sa',
      role_name: 'Source Admin',
      resources: [{ type: 'SOURCE', id: 'src_new', labels: [] }],
      labels: [],
      via: { type: 'direct' },
    });
    bob.effective_roles = [...new Set([...bob.effective_roles, 'Source Admin'])].sort();
    doc.users = doc.users.filter((u: { email: string }) => u.email.toLowerCase() !== 'frank.li@acme.com');
    const later = join(tmp, 'later-snapshot.json');
    await writeFile(later, JSON.stringify(doc));
    const summary = join(tmp, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');

    const result = await runCli([
      'campaign',
      'status',
      filled,
      '--snapshot',
      later,
      '--now',
      '2026-12-10T00:00:00Z',
      '--summary',
      summary,
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('due 2026-12-02T09:00:00Z (OVERDUE)');
    expect(result.stdout).toMatch(/bob\.martin@acme\.com: \d+\/\d+ decided, 1 pending, OVERDUE/);
    expect(result.stdout).toContain('Revocations waiting to be enforced: 1\n  henry.wu@acme.com (revoked by');
    expect(result.stdout).toContain('Decisions on access that changed since the worksheet: 2\n');
    expect(result.stdout).toContain(
      '  bob.martin@acme.com: keep by alice.nguyen@acme.com; now Source Admin on source src_new (direct); Workspace Owner on the workspace (direct)',
    );
    expect(result.stdout).toMatch(/ {2}Frank\.Li@acme\.com: keep by \S+; now no access/i);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toMatch(/^# earlier step\n## Review campaign 2026-Q4\n/);
    expect(markdown).toContain('| Reviewer | Rows | Decided | Pending | Overdue |');
    expect(markdown).toContain('Revocations waiting to be enforced (1):');
  });

  it('run --reviews with a worksheet reports decisions on access that changed since, in the evidence and summary', async () => {
    const filled = await filledCsv('run-changed');
    const doc = JSON.parse(await readFile(snapshot, 'utf8'));
    doc.users = doc.users.filter((u: { email: string }) => u.email.toLowerCase() !== 'frank.li@acme.com');
    const later = join(tmp, 'later-run-snapshot.json');
    await writeFile(later, JSON.stringify(doc));
    const outDir = join(tmp, 'run-changed-out');
    const run = await runCli([
      'run',
      '--snapshot',
      later,
      '--hr',
      HR,
      '--reviews',
      filled,
      '--now',
      EXAMPLE_NOW,
      '--out-dir',
      outDir,
    ]);
    expect(run.code).toBe(1);
    const text = await readFile(join(outDir, 'evidence.json'), 'utf8');
    expect(validateEvidence(text)).toEqual({ valid: true, errors: [] });
    const changed = JSON.parse(text).sections.worksheet.changed;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ campaign: '2026-Q4', decision: 'keep', now: null });
    expect(changed[0].subject_email.toLowerCase()).toBe('frank.li@acme.com');
    const summary = await readFile(join(outDir, 'summary.md'), 'utf8');
    expect(summary).toMatch(
      /## Decisions on access that changed since the worksheet\n\n.*\n\n- Frank\.Li@acme\.com: keep by /i,
    );
    expect(summary).toContain('; now no access');

    // A plain review file has nothing to compare: no such section.
    const plain = join(tmp, 'run-plain-out');
    await runCli([
      'run',
      '--snapshot',
      later,
      '--reviews',
      'fixtures/example/reviews.csv',
      '--now',
      EXAMPLE_NOW,
      '--out-dir',
      plain,
      '--format',
      'evidence',
    ]);
    expect(JSON.parse(await readFile(join(plain, 'evidence.json'), 'utf8')).sections.worksheet).toBeUndefined();
  });

  it('refuses a worksheet it cannot count with one line naming the file and line', async () => {
    const bad = join(tmp, 'bad-status.csv');
    await writeFile(
      bad,
      'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at\nQ4,2026-10-01,a@x.com,b@x.com,approve,2026-10-02\n',
    );
    const result = await runCli(['campaign', 'status', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `uar-check: ${bad}:2: decision "approve" is not a known decision; expected keep, revoke or modify\n`,
    );
  });
});
