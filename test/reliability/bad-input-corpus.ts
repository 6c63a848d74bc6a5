/**
 * The bad-input corpus: files that every reader must refuse with one line naming the file, exit 2, no stack,
 * and the previous out-dir untouched. Each entry is written to disk as-is (bytes, BOMs, escapes included).
 * `flag` is how the file is passed; `expect` (optional) is part of the one line.
 */

export interface BadInput {
  name: string;
  flag: '--hr' | '--reviews' | '--identity' | '--snapshot' | '--baseline' | '--config' | '--bundle';
  content: string | Buffer;
  expect?: RegExp;
}

const HR = 'work_email,employee_id,employment_status,termination_date,manager_email,worker_type\n';
const REVIEWS = 'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification\n';
const REVIEW_ROW = 'Q4,2026-10-01,ana@acme.com,bo@acme.com,keep,2026-10-05,ok\n';
const GENERIC = 'email,status,mfa_enrolled,last_sign_in,aliases\n';
const ESC = '\u001b[31mRED\u001b]0;title\u0007';
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const binary = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0d, 0x0a, 0x00, 0x80, 0xc3, 0x28, 0x07, 0x0c]);
const bomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '',
].join('\n');
const exception = (fields: Record<string, string>) =>
  `exceptions:\n  - ${Object.entries({
    control: 'UAR-011',
    subject: 'ops@acme.com',
    reason: 'On-call account',
    approved_by: 'ciso@acme.com',
    expires: '2027-03-31',
    ...fields,
  })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n    ')}\n`;

/** `snapshot` is the text of a valid snapshot; `user` one of its users (for the self-approval by user id). */
export function badInputs(snapshot: string, user: { id: string; email: string }): BadInput[] {
  return [
    // HR rosters
    { name: 'hr-empty.csv', flag: '--hr', content: '', expect: /the file is empty/ },
    { name: 'hr-whitespace.csv', flag: '--hr', content: '  \n\n \n', expect: /expected a CSV header row|missing/ },
    { name: 'hr-header-only.csv', flag: '--hr', content: HR, expect: /has a header but no rows/ },
    { name: 'hr-header-only-utf16.csv', flag: '--hr', content: utf16(HR), expect: /has a header but no rows/ },
    { name: 'hr-header-only-crlf.csv', flag: '--hr', content: HR.replace('\n', '\r\n'), expect: /no rows/ },
    {
      name: 'hr-dup-status.csv',
      flag: '--hr',
      content: 'work_email,employment_status,employment_status\nana@acme.com,active,terminated\n',
      expect: /column "employment_status" appears twice/,
    },
    {
      name: 'hr-dup-email-case.csv',
      flag: '--hr',
      content: 'work_email,employment_status,Work_Email\nana@acme.com,active,x@acme.com\n',
      expect: /appears twice/,
    },
    { name: 'hr-no-email-column.csv', flag: '--hr', content: 'email,employment_status\na@x.com,active\n' },
    { name: 'hr-no-status-column.csv', flag: '--hr', content: 'work_email,status\na@x.com,active\n' },
    { name: 'hr-bad-status.csv', flag: '--hr', content: `${HR}ana@acme.com,1,retired,,,\n`, expect: /not a known/ },
    { name: 'hr-bad-date.csv', flag: '--hr', content: `${HR}ana@acme.com,1,terminated,2026-13-01,,\n` },
    { name: 'hr-feb-30.csv', flag: '--hr', content: `${HR}ana@acme.com,1,terminated,2026-02-30,,\n` },
    { name: 'hr-unclosed-quote.csv', flag: '--hr', content: `${HR}"ana@acme.com,1,active,,,\n` },
    { name: 'hr-no-emails.csv', flag: '--hr', content: `${HR},1,active,,,\n,2,terminated,,,\n`, expect: /no row/ },
    { name: 'hr-binary.csv', flag: '--hr', content: binary },
    { name: 'hr-escape-cell.csv', flag: '--hr', content: `${HR}ana@acme.com,1,"${ESC}",,,\n` },
    { name: 'hr-newline-cell.csv', flag: '--hr', content: `${HR}ana@acme.com,1,"act\nive",,,\n` },
    { name: 'hr-cr-cell.csv', flag: '--hr', content: `${HR}ana@acme.com,1,"act\rive",,,\n` },
    { name: 'hr-bom-bad-status.csv', flag: '--hr', content: `\ufeff${HR}ana@acme.com,1,gone,,,\n` },

    // Review decisions
    { name: 'reviews-empty.csv', flag: '--reviews', content: '' },
    { name: 'reviews-header-only.csv', flag: '--reviews', content: REVIEWS, expect: /has a header but no rows/ },
    {
      name: 'reviews-dup-reviewer.csv',
      flag: '--reviews',
      content: `${REVIEWS.trim()},reviewer_email\n${REVIEW_ROW.trim()},ana@acme.com\n`,
      expect: /column "reviewer_email" appears twice/,
    },
    { name: 'reviews-no-decision-column.csv', flag: '--reviews', content: 'campaign,campaign_started_at\nQ4,x\n' },
    { name: 'reviews-bad-decision.csv', flag: '--reviews', content: REVIEWS + REVIEW_ROW.replace('keep', 'maybe') },
    { name: 'reviews-bad-date.csv', flag: '--reviews', content: REVIEWS + REVIEW_ROW.replace('2026-10-05', 'soon') },
    { name: 'reviews-empty-subject.csv', flag: '--reviews', content: REVIEWS + REVIEW_ROW.replace('ana@acme.com', '') },
    {
      name: 'reviews-two-starts.csv',
      flag: '--reviews',
      content: REVIEWS + REVIEW_ROW + REVIEW_ROW.replace('2026-10-01', '2026-10-02'),
    },
    { name: 'reviews-unclosed-quote.csv', flag: '--reviews', content: `${REVIEWS}"Q4,2026-10-01\n` },
    { name: 'reviews-escape.csv', flag: '--reviews', content: REVIEWS + REVIEW_ROW.replace('keep', ESC) },
    { name: 'reviews-empty.yaml', flag: '--reviews', content: '' },
    { name: 'reviews-no-campaigns.yaml', flag: '--reviews', content: 'campaigns: []\n', expect: /no review decisions/ },
    {
      name: 'reviews-no-decisions.yaml',
      flag: '--reviews',
      content: 'campaigns:\n  - id: Q4\n    started_at: 2026-10-01\n    decisions: []\n',
      expect: /no review decisions/,
    },
    { name: 'reviews-bad-syntax.yaml', flag: '--reviews', content: 'campaigns: [\n  - id: {\n' },
    {
      name: 'reviews-typo-key.yaml',
      flag: '--reviews',
      content:
        'campaigns:\n  - id: Q4\n    started_at: 2026-10-01\n    decisions:\n      - { subject: a@x.com, reviwer: b@x.com, decision: keep, decided_at: 2026-10-02 }\n',
      expect: /unknown key "reviwer"/,
    },
    {
      name: 'reviews-dup-campaign.yaml',
      flag: '--reviews',
      content: 'campaigns:\n  - id: Q4\n    started_at: 2026-10-01\n  - id: Q4\n    started_at: 2026-10-01\n',
    },
    {
      name: 'reviews-decisions-not-list.yaml',
      flag: '--reviews',
      content: 'campaigns:\n  - id: Q4\n    started_at: 2026-10-01\n    decisions: yes\n',
    },
    { name: 'reviews-no-start.yaml', flag: '--reviews', content: 'campaigns:\n  - id: Q4\n    decisions: []\n' },
    { name: 'reviews-alias-bomb.yaml', flag: '--reviews', content: `campaigns: *g\n${bomb}` },
    { name: 'reviews-binary.yaml', flag: '--reviews', content: binary },

    // Identity exports
    { name: 'id-empty.csv', flag: '--identity', content: '' },
    { name: 'id-generic-header-only.csv', flag: '--identity', content: GENERIC, expect: /no users|no rows/ },
    {
      name: 'id-google-header-only.csv',
      flag: '--identity',
      content: 'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY]\n',
    },
    {
      name: 'id-entra-header-only.csv',
      flag: '--identity',
      content: 'userPrincipalName,displayName,mail,objectId,accountEnabled\n',
    },
    {
      name: 'id-okta-mfa-usage-header-only.csv',
      flag: '--identity',
      content: 'User,Login,MFA Factor,Last Enrolled,Last Enrolled_ISO8601,Last Used,Last Used_ISO8601\n',
    },
    { name: 'id-okta-empty.json', flag: '--identity', content: '[]', expect: /no users/ },
    { name: 'id-entra-mfa-empty.json', flag: '--identity', content: '{"value": []}', expect: /no users/ },
    { name: 'id-jumpcloud-empty.json', flag: '--identity', content: '{"results": []}', expect: /no users/ },
    {
      name: 'id-okta-truncated.json',
      flag: '--identity',
      content: '[\n  {"id": "00u1", "status": "ACTIVE", "profile": {"login": "a@x.com"',
      expect: /:2:\d+: not valid JSON/,
    },
    {
      name: 'id-entra-truncated.json',
      flag: '--identity',
      content: '{"value": [\n {"userPrincipalName": "a@x.com", "accountEnabled": tr',
      expect: /:2:\d+: not valid JSON/,
    },
    { name: 'id-unknown.csv', flag: '--identity', content: 'a,b,c\n1,2,3\n', expect: /cannot recognise/ },
    { name: 'id-unknown.json', flag: '--identity', content: '{"foo": 1}', expect: /cannot recognise/ },
    {
      name: 'id-hr-roster.csv',
      flag: '--identity',
      content: `${HR}a@x.com,1,active,,,\n`,
      expect: /pass it with --hr/,
    },
    { name: 'id-dup-email.csv', flag: '--identity', content: 'email,status,email\na@x.com,active,b@x.com\n' },
    { name: 'id-bad-status.csv', flag: '--identity', content: `${GENERIC}a@x.com,sleeping,,,\n` },
    { name: 'id-bad-mfa.csv', flag: '--identity', content: `${GENERIC}a@x.com,active,yes,,\n` },
    { name: 'id-bad-sign-in.csv', flag: '--identity', content: `${GENERIC}a@x.com,active,true,yesterday,\n` },
    { name: 'id-empty-email.csv', flag: '--identity', content: `${GENERIC},active,true,,\n` },
    { name: 'id-escape-cell.csv', flag: '--identity', content: `${GENERIC}a@x.com,"${ESC}",,,\n` },
    {
      name: 'id-okta-bad-status.json',
      flag: '--identity',
      content: '[{"id": "00u1", "status": "ZOMBIE", "profile": {"login": "a@x.com"}}]',
    },
    {
      name: 'id-okta-no-id.json',
      flag: '--identity',
      content: '[{"status": "ACTIVE", "profile": {"login": "a@x.com"}}]',
    },
    {
      name: 'id-okta-bad-last-login.json',
      flag: '--identity',
      content: '[{"id": "00u1", "status": "ACTIVE", "profile": {"login": "a@x.com"}, "lastLogin": "last week"}]',
    },
    { name: 'id-numbers.json', flag: '--identity', content: '[1, 2, 3]' },
    { name: 'id-number.json', flag: '--identity', content: '42' },
    { name: 'id-binary.json', flag: '--identity', content: binary },
    { name: 'id-escape.json', flag: '--identity', content: `[${ESC}]` },
    { name: 'id-utf16-truncated.json', flag: '--identity', content: utf16('[{"id": "00u1", "status": "ACT') },

    // Snapshots
    { name: 'snap-empty.json', flag: '--snapshot', content: '' },
    { name: 'snap-truncated.json', flag: '--snapshot', content: snapshot.slice(0, 200), expect: /not valid JSON/ },
    { name: 'snap-escape.json', flag: '--snapshot', content: `${ESC}{"a":\n1`, expect: /:1:1: not valid JSON/ },
    { name: 'snap-wrong-version.json', flag: '--snapshot', content: '{"document_version": 99}' },
    { name: 'snap-array.json', flag: '--snapshot', content: '[]' },
    {
      name: 'snap-bad-users.json',
      flag: '--snapshot',
      content: JSON.stringify({ ...JSON.parse(snapshot), users: 'everyone' }),
    },
    { name: 'snap-binary.json', flag: '--snapshot', content: binary },
    { name: 'snap-utf16-truncated.json', flag: '--snapshot', content: utf16(snapshot.slice(0, 300)) },
    { name: 'snap-huge-version.json', flag: '--snapshot', content: `{"document_version": "${'x'.repeat(5000)}"}` },

    // Baselines
    { name: 'baseline-empty.json', flag: '--baseline', content: '' },
    { name: 'baseline-truncated.json', flag: '--baseline', content: snapshot.slice(0, 500) },
    { name: 'baseline-not-uar.json', flag: '--baseline', content: '{"a": 1}', expect: /not a uar-check snapshot/ },
    {
      name: 'baseline-evidence-no-access.json',
      flag: '--baseline',
      content: '{"evidence_version": "1", "access": null}',
    },
    { name: 'baseline-escape.json', flag: '--baseline', content: ESC },
    { name: 'baseline-binary.json', flag: '--baseline', content: binary },

    // Config files
    { name: 'config-bad-syntax.yaml', flag: '--config', content: 'params: [\n  stale_days: {\n' },
    { name: 'config-alias-bomb.yaml', flag: '--config', content: bomb, expect: /aliases expand too far/ },
    { name: 'config-unknown-key.yaml', flag: '--config', content: 'paramz: {}\n', expect: /unknown key/ },
    {
      name: 'config-self-approved.yaml',
      flag: '--config',
      content: exception({ approved_by: 'OPS+vault@acme.com' }),
      expect: /own subject/,
    },
    {
      name: 'config-zero-width.yaml',
      flag: '--config',
      content: exception({ approved_by: 'ops\u200b@acme.com' }),
      expect: /own subject/,
    },
    {
      name: 'config-mailto.yaml',
      flag: '--config',
      content: exception({ approved_by: 'mailto:ciso@acme.com' }),
      expect: /mailto/,
    },
    {
      name: 'config-approver-name.yaml',
      flag: '--config',
      content: exception({ approved_by: 'The CISO' }),
      expect: /not an email address or a Segment user id/,
    },
    {
      name: 'config-self-by-user-id.yaml',
      flag: '--config',
      content: exception({ subject: user.id, approved_by: user.email }),
      expect: /own subject/,
    },
    {
      name: 'config-expires-9999.yaml',
      flag: '--config',
      content: exception({ expires: '9999-12-31' }),
      expect: /year/,
    },
    {
      name: 'config-expires-feb-30.yaml',
      flag: '--config',
      content: exception({ expires: '2027-02-30' }),
      expect: /calendar day/,
    },
    { name: 'config-negative-param.yaml', flag: '--config', content: 'params:\n  stale_days: -1\n' },
    { name: 'config-tabs.yaml', flag: '--config', content: 'params:\n\tstale_days: 3\n' },
    { name: 'config-binary.yaml', flag: '--config', content: binary },

    // Policy bundles
    { name: 'bundle-empty.tar.gz', flag: '--bundle', content: '' },
    { name: 'bundle-garbage.tar.gz', flag: '--bundle', content: binary },
  ];
}
