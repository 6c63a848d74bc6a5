/**
 * report.html: one self-contained page rendered from the same Review as evidence.json, for people who read and
 * print. No network: inline style and script only, both pinned by their SHA-256 in a Content-Security-Policy
 * that allows nothing else, so even a string that escaped escaping could not run or load anything. Every
 * untrusted string goes through `esc`. Deterministic: the same Review gives the same bytes (countdowns are
 * counted from evaluated_at, not from the reader's clock).
 */
import { createHash } from 'node:crypto';
import type { Review } from '../../model/result.js';
import { acceptedSection } from './accepted.js';
import { accessSection, changesSection } from './access.js';
import { controlsChart, controlsTable, verdictBlock } from './controls.js';
import { esc } from './escape.js';
import { findingsSection, unknownsSection } from './findings.js';
import { provenanceSection } from './provenance.js';
import { SCRIPT } from './script.js';
import { STYLES } from './styles.js';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const HTML_CSP = `default-src 'none'; style-src ${hash(STYLES)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

/** A section's text in pieces: its body is one string, or pieces (the access list). */
function section(id: string, title: string, body: string | string[]): string[] {
  const open = `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)}</h2>\n`;
  if (typeof body === 'string') return [`${open}${body}\n</section>`];
  return [open, ...body, '\n</section>'];
}

export function renderHtmlReport(review: Review): string {
  return htmlReportChunks(review).join('');
}

/** report.html in chunks (renderAll hashes and writes them without joining them). */
export function htmlReportChunks(review: Review): string[] {
  const { result, document } = review;
  const w = result.workspace;
  const sections: [string, string, string | string[]][] = [
    ['controls', 'Controls', `${controlsChart(result)}\n${controlsTable(result)}`],
    ['findings', 'Findings', findingsSection(result)],
    ['unknowns', 'What could not be evaluated, and why', unknownsSection(result)],
    ['accepted', 'Accepted risks: exceptions and disabled controls', acceptedSection(result)],
    ['changes', 'Changes since the baseline', changesSection(result)],
    ['access', 'Access list', accessSection(document)],
    ['provenance', 'Provenance and hashes', provenanceSection(result)],
  ];
  const title = `Access review: ${w.name} (${w.slug})`;
  const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="generator" content="uar-check ${esc(result.tool.version)}">
<title>${esc(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Workspace <code>${esc(w.id)}</code> · evaluated at ${esc(result.evaluated_at)} · uar-check ${esc(result.tool.version)} · OPA ${esc(result.opa_version)}</p>
<p class="meta">Data: ${esc(result.provenance.source.description)}.</p>
${verdictBlock(result)}
</header>
<nav aria-label="Sections"><ul class="compact">${sections.map(([id, t]) => `<li><a href="#h-${id}">${esc(t)}</a></li>`).join('')}</ul></nav>
<main id="main">
`;
  const body = sections.flatMap(([id, t, text], i) => [...(i > 0 ? ['\n'] : []), ...section(id, t, text)]);
  const foot = `
</main>
<footer><p>evidence.json is the record; this page renders the same review. manifest.json lists every output file's SHA-256 (<code>uar-check verify DIR</code>).</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return [head, ...body, foot];
}
