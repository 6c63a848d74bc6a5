#!/usr/bin/env node
// Regenerates docs/example-report.{html,pdf,json}: the demo's report.html (the bundled example workspace served by
// the local look-alike, exactly as `npm run demo` runs it) and that page printed to A4 PDF by headless Chromium
// (Debian's `chromium`, or UAR_CHROMIUM). docs/example-report.json records the SHA-256 of the page with the
// look-alike's port, the collection time, the snapshot's hash and uar-check's commit left out (they change on
// every live run), the PDF's page count and the PDF's SHA-256;
// test/e2e/example-report.test.ts fails when the committed files no longer match what the demo renders.
// Run: npm run example-report (builds first)
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../dist/cli/main.js';
import { loadWorkspace, startLookalike } from '../dist/lookalike/index.js';

/**
 * The page without what differs between two live runs of the demo: the look-alike's port, the collection time (and
 * so the snapshot's SHA-256) and uar-check's commit. test/e2e/example-report.test.ts normalises the same way.
 */
function normalizeReport(html) {
  return html
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/commit <code>[0-9a-f]{40,64}<\/code>/g, 'commit <code>COMMIT</code>')
    .replace(/(<td>Collected at<\/td><td>)[^<]*/g, '$1COLLECTED_AT')
    .replace(/(<td>snapshot\.json \(snapshot_sha256\)<\/td><td><span class="hash">)[0-9a-f]{64}/g, '$1SNAPSHOT_SHA256');
}

const browserPath = [process.env.UAR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
if (!browserPath) {
  process.stderr.write('No Chromium found: apt-get install -y chromium, or set UAR_CHROMIUM\n');
  process.exit(2);
}

const out = await mkdtemp(join(tmpdir(), 'uar-example-report-'));
const token = `sgp_${'demo'.repeat(16)}`;
const lookalike = await startLookalike({
  workspace: await loadWorkspace('fixtures/example/segment-workspace.json'),
  token,
  maxSeconds: 300,
});
let code;
try {
  const argv = ['run', '--api-url', lookalike.url, '--config', 'fixtures/example/uar-check.yaml'];
  argv.push('--out-dir', out, '--now', '2026-11-28T00:00:00Z', '--format', 'report');
  code = await main(argv, {
    stdout: () => {},
    stderr: (text) => process.stderr.write(text),
    env: { ...process.env, SEGMENT_PUBLIC_API_TOKEN: token },
    cwd: process.cwd(),
    stdin: process.stdin,
    isTTY: false,
  });
} finally {
  await lookalike.close();
}
if (code === 2) process.exit(2);

const html = await readFile(join(out, 'report.html'), 'utf8');
const browser = await chromium.launch({
  executablePath: browserPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
let pdf;
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
  pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
} finally {
  await browser.close();
}
await rm(out, { recursive: true, force: true });

const pages = (
  Buffer.from(pdf)
    .toString('latin1')
    .match(/\/Type\s*\/Page(?![a-z])/g) ?? []
).length;
await writeFile('docs/example-report.html', html);
await writeFile('docs/example-report.pdf', pdf);
const record = {
  about:
    'docs/example-report.pdf is docs/example-report.html (npm run demo) printed to A4 by headless Chromium; regenerate with npm run example-report',
  html_sha256_normalized: createHash('sha256').update(normalizeReport(html)).digest('hex'),
  pdf_pages: pages,
  // Ties the committed PDF to this record (and so to the page above): a PDF left from another run fails the test.
  pdf_sha256: createHash('sha256').update(pdf).digest('hex'),
};
await writeFile('docs/example-report.json', `${JSON.stringify(record, null, 2)}\n`);
process.stderr.write(
  `Wrote docs/example-report.html, docs/example-report.pdf (${pages} pages), docs/example-report.json\n`,
);
