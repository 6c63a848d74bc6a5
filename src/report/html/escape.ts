/**
 * Every untrusted string (names, emails, messages, reasons, facts, URLs from the environment) goes through
 * `esc` before it reaches the HTML: text and attribute values alike (both quotes are escaped).
 */
import { ChunkedText } from '../chunked-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function esc(text: string | number | null | undefined): string {
  const s = String(text ?? '');
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : s;
}

/** An http(s) URL as a link target, else null (never javascript:, data: or relative URLs). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A link when the URL is a safe http(s) URL, else the escaped text. */
export function linkOrText(text: string, url: string | null | undefined): string {
  const href = safeHref(url);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
}

/**
 * An HTML table: headers are <th scope="col">; cells are already-escaped HTML. `rows` may be a generator: each
 * row is turned into text as it comes and the text built in chunks, so a large table holds no row objects.
 */
export function table(
  caption: string,
  head: string[],
  rows: Iterable<{ cells: string[]; attrs?: string }>,
  options: TableOptions = {},
): string {
  const numeric = new Set(options.numeric);
  const out = new ChunkedText();
  out.push(tableHead(caption, head, options));
  let first = true;
  for (const r of rows) {
    if (!first) out.push('\n');
    first = false;
    const cells = r.cells.map((c, i) => (numeric.has(i) ? `<td class="num">${c}</td>` : `<td>${c}</td>`));
    out.push(`<tr${r.attrs ? ` ${r.attrs}` : ''}>${cells.join('')}</tr>`);
  }
  out.push(TABLE_END);
  return out.text();
}

interface TableOptions {
  id?: string;
  sortable?: boolean;
  numeric?: number[];
}

/** What table() writes before the rows (a table whose rows are written otherwise, e.g. the access list). */
export function tableHead(caption: string, head: string[], options: TableOptions = {}): string {
  const numeric = new Set(options.numeric);
  const th = head
    .map((h, i) => {
      const num = numeric.has(i) ? ' class="num"' : '';
      return options.sortable
        ? `<th scope="col"${num} aria-sort="none"><button type="button" data-sort="${i}">${esc(h)}</button></th>`
        : `<th scope="col"${num}>${esc(h)}</th>`;
    })
    .join('');
  const id = options.id ? ` id="${esc(options.id)}"` : '';
  return `<table${id}><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n`;
}

/** What table() writes after the rows. */
export const TABLE_END = '\n</tbody></table>';
