/** The report's only stylesheet (inline; no fonts or images are fetched). Colours meet WCAG AA contrast on white. */
export const STYLES = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #4a5058; --line: #c9ced6; --bg-alt: #f3f5f8;
  --fail: #a4161a; --error: #7a3e00; --unknown: #5b3f8c; --pass: #1d6b34; --skipped: #4a5058; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: #fff; }
header, nav, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 0; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
p.meta { color: var(--muted); margin: 2px 0; }
.verdict { display: inline-block; font-weight: 700; font-size: 1.1rem; padding: 6px 14px; border-radius: 6px;
  color: #fff; margin: 12px 0 4px; }
.verdict-FAIL { background: var(--fail); } .verdict-ERROR { background: var(--error); }
.verdict-INCOMPLETE { background: var(--unknown); } .verdict-PASS { background: var(--pass); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { white-space: nowrap; }
th { background: var(--bg-alt); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { all: unset; cursor: pointer; font-weight: 700; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; }
th[aria-sort="descending"] button::after { content: " \\2193"; }
button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.status { font-weight: 700; }
.status-fail { color: var(--fail); } .status-error { color: var(--error); } .status-unknown { color: var(--unknown); }
.status-pass { color: var(--pass); } .status-skipped { color: var(--skipped); }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 8px 0; }
.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
.filters input, .filters select { font: inherit; padding: 4px 6px; border: 1px solid #767d86; border-radius: 4px;
  min-width: 180px; color: var(--fg); background: #fff; }
.count { color: var(--muted); font-size: 0.85rem; }
.chart { display: block; max-width: 720px; }
.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em;
  overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
ul.compact { margin: 4px 0; padding-left: 20px; }
.note { background: #fff6da; border-left: 4px solid #8a6100; padding: 6px 10px; margin: 8px 0; }
footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 32px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  header, main, footer { max-width: none; padding: 0; }
  nav, .filters, .skip, .count { display: none !important; }
  tr[hidden] { display: table-row !important; }
  thead { display: table-header-group; }
  tr, dl.facts, .note, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  th button::after { content: ""; }
  .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
