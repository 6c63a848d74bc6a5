import { describe, expect, it } from 'vitest';
import { HTML_CSP, renderAll, renderHtmlReport } from '../../src/report/index.js';
import { joinText } from '../../src/shared/hashed-text.js';
import { collectionNotes, makeResult, makeReview } from './fixtures.js';
import { hostileReview } from './hostile.js';

describe('report.html', () => {
  const html = renderHtmlReport(makeReview());

  it('matches the golden file', async () => {
    await expect(html).toMatchFileSnapshot('./__golden__/report.html');
  });

  it('is one self-contained file: nothing is fetched, only its own style and script may run', () => {
    expect(html).not.toMatch(/<link|<img|<iframe|<object|\ssrc=|@import|url\(/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers (the policy would refuse them anyway)
  });

  it('has the sections an auditor reads, landmarks and table headers', () => {
    for (const heading of [
      'Controls',
      'Findings',
      'What could not be evaluated, and why',
      'Accepted risks: exceptions and disabled controls',
      'Changes since the baseline',
      'Access list',
      'Provenance and hashes',
    ])
      expect(html).toContain(`>${heading}</h2>`);
    expect(html).toMatch(/<html lang="en">/);
    for (const landmark of ['<header>', '<main id="main">', '<nav aria-label="Sections">', '<footer>'])
      expect(html).toContain(landmark);
    const headers = html.match(/<th(\s[^>]*)?>/g) ?? [];
    expect(headers.length).toBeGreaterThan(20);
    expect(headers.filter((th) => !th.includes('scope="col"'))).toEqual([]);
    expect(html).toContain('Verdict: FAIL');
    expect(html).toContain('<svg class="chart" role="img"');
  });

  it('shows the paper trail, the expiry countdown from the evaluation time, resources as name (id) and the hashes', () => {
    expect(html).toContain('https://tickets.acme.example/browse/SEC-1234');
    expect(html).toContain('2027-01-31<br><small>in 64 days</small>'); // evaluated 2026-11-28T12:00Z
    expect(html).toContain('2026-10-01<br><small>58 days ago</small>');
    expect(html).toContain('SOURCE: Web &lt;script&gt;alert(1)&lt;/script&gt; site (src_web)');
    expect(html).toContain('SOURCE: src_ios');
    const review = makeReview();
    expect(html).toContain(review.result.snapshot_sha256);
    expect(html).toContain(review.result.bundle_sha256);
    expect(html).toContain('https://github.com/acme/access-reviews/actions/runs/9876543210/attempts/2');
    expect(html).toContain('octo-&lt;b&gt;cat&lt;/b&gt;');
  });

  it('escapes every untrusted string', () => {
    const text = renderHtmlReport(hostileReview());
    expect(text).not.toContain('<script>window.pwned');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<svg onload');
    expect(text).not.toContain('href="javascript:');
    expect(text).not.toContain('<a href="https://evil.example/">');
    expect(text).toContain('&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;');
    expect(text).toContain('Acme &lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;');
  });

  it('is deterministic and written by renderAll as report.html', () => {
    expect(renderHtmlReport(makeReview())).toBe(html);
    const out = renderAll(makeReview(), { formats: ['report'] });
    const file = out.files.get('report.html');
    expect(typeof file === 'string' ? file : file && joinText(file)).toBe(html); // hashed chunks, never joined
    expect(out.rendered('report')).toBe(html);
  });

  it('says what the collection could not read, as the summary does', () => {
    const text = renderHtmlReport(makeReview(makeResult({ collection: collectionNotes() })));
    expect(text).toContain('<li><strong>Read in part</strong>: GET /users: 2 of 3 pages</li>');
    expect(text).toContain("<strong>Not offered by the workspace's plan</strong>: the audit trail, HTTP 403");
    expect(text).toContain(
      '<li><strong>Resource names not read</strong>: SOURCE, HTTP 403 from GET /sources (forbidden: no); shown by id only</li>',
    );
  });
});
