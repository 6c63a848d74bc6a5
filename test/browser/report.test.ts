/**
 * report.html in a real browser (headless Chromium): no console error, filters and search work, nothing planted in
 * a name runs, the page looks like the stored screenshot (within a tolerance), and printing gives the expected
 * number of A4 pages. Skips with the reason printed only when no Chromium is installed (`.ci/run` installs it).
 * UPDATE_SCREENSHOTS=1 rewrites the stored screenshot.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/index.js';
import { findChromium, launchChromium, pdfPageCount } from '../helpers/browser.js';
import { makeReview } from '../report/fixtures.js';
import { hostileReview } from '../report/hostile.js';

/** The little of the DOM the assertions read (the project's TypeScript has no DOM library). */
type Row = {
  hidden: boolean;
  getAttribute(name: string): string | null;
  cells: ArrayLike<{ textContent: string | null }>;
};

/** Runs in a blank page: decodes two PNG data URLs and returns the share of pixels that differ by more than `tolerance`. */
const COMPARE_PNGS = `async ({ a, b, tolerance }) => {
  const load = async (data) => createImageBitmap(await (await fetch(data)).blob());
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return { share: 1, size: x.width + 'x' + x.height + ' vs ' + y.width + 'x' + y.height };
  const pixels = (img) => {
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data;
  };
  const p = pixels(x), q = pixels(y);
  let differing = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
    if (d > tolerance) differing += 1;
  }
  return { share: differing / (p.length / 4), size: '' };
}`;

const executable = findChromium();
if (!executable)
  console.warn(
    'SKIPPED report.html browser tests: no Chromium found (apt-get install -y chromium, or set UAR_CHROMIUM)',
  );

const SCREENSHOT = join(import.meta.dirname, '__screenshots__', 'report-top.png');
const EXPECTED_PDF_PAGES = 3;
/** Share of pixels allowed to differ (anti-aliasing and font versions), and how much a channel may move. */
const MAX_DIFF_SHARE = 0.02;
const CHANNEL_TOLERANCE = 48;

describe.skipIf(!executable)('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium(executable as string);
    dir = await mkdtemp(join(tmpdir(), 'uar-browser-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the HTML as a file (as a reader would), recording console errors and page errors. */
  async function open(html: string, name: string): Promise<{ page: Page; errors: string[] }> {
    const file = join(dir, name);
    await writeFile(file, html);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30_000 });
    return { page, errors };
  }

  it('loads with no console error, and the findings filter and the access search work', async () => {
    const { page, errors } = await open(renderHtmlReport(makeReview()), 'report.html');
    const visible = () =>
      page.$$eval('#findings tbody tr', (rows) =>
        (rows as unknown as Row[]).filter((r) => !r.hidden).map((r) => r.getAttribute('data-severity')),
      );
    const all = await visible();
    expect(all.length).toBeGreaterThan(2);
    await page.selectOption('[data-filter-for="findings"] select[data-key="severity"]', 'critical');
    const critical = await visible();
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(all.length);
    expect(new Set(critical)).toEqual(new Set(['critical']));
    expect(await page.textContent('[data-filter-for="findings"] .count')).toBe(
      `${critical.length} of ${all.length} shown`,
    );
    await page.selectOption('[data-filter-for="findings"] select[data-key="severity"]', '');
    expect(await visible()).toHaveLength(all.length);

    await page.fill('[data-filter-for="access"] input[type="search"]', 'li.lei');
    const access = await page.$$eval('#access tbody tr', (rows) =>
      (rows as unknown as Row[]).filter((r) => !r.hidden).map((r) => r.cells[0]?.textContent),
    );
    expect(access.length).toBe(3);
    expect(new Set(access)).toEqual(new Set(['li.lei@acme.example']));

    await page.click('#controls th button[data-sort="1"]');
    expect(await page.getAttribute('#controls th:nth-child(2)', 'aria-sort')).toBe('ascending');
    const ids = await page.$$eval('#controls tbody tr td:nth-child(2) code', (c) => c.map((x) => x.textContent));
    expect(ids).toEqual([...ids].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the demo's report (docs/example-report.html) opens with no console error", async () => {
    const { page, errors } = await open(await readFile('docs/example-report.html', 'utf8'), 'example.html');
    expect(await page.textContent('.verdict')).toBe('Verdict: FAIL');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs nothing planted in names, messages, facts or tickets', async () => {
    const { page, errors } = await open(renderHtmlReport(hostileReview()), 'hostile.html');
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
    expect(await page.$$eval('img, iframe, svg[onload]', (s) => s.length)).toBe(0);
    expect(await page.$$eval('a[href^="javascript:"]', (s) => s.length)).toBe(0);
    expect(await page.title()).toContain('</title><script>window.pwned=1</script>');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('looks like the stored screenshot (within a tolerance)', async () => {
    const { page, errors } = await open(renderHtmlReport(makeReview()), 'shot.html');
    const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1200, height: 900 } });
    if (process.env.UPDATE_SCREENSHOTS === '1' || (!existsSync(SCREENSHOT) && !process.env.CI)) {
      await mkdir(join(import.meta.dirname, '__screenshots__'), { recursive: true });
      await writeFile(SCREENSHOT, shot);
    }
    const stored = await readFile(SCREENSHOT);
    // Decode both PNGs in a blank page (the report's policy forbids fetching) and compare pixels: no image library.
    const blank = await browser.newPage();
    const args = {
      a: `data:image/png;base64,${shot.toString('base64')}`,
      b: `data:image/png;base64,${stored.toString('base64')}`,
      tolerance: CHANNEL_TOLERANCE,
    };
    const diff = (await blank.evaluate(`(${COMPARE_PNGS})(${JSON.stringify(args)})`)) as {
      share: number;
      size: string;
    };
    await blank.close();
    expect(diff.size).toBe('');
    expect(diff.share).toBeLessThan(MAX_DIFF_SHARE);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`prints to ${EXPECTED_PDF_PAGES} A4 pages`, async () => {
    const { page } = await open(renderHtmlReport(makeReview()), 'print.html');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') await writeFile(join(dir, 'report.pdf'), pdf);
    expect(pdfPageCount(pdf)).toBe(EXPECTED_PDF_PAGES);
    await page.close();
  });
});
