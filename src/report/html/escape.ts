/**
 * Every untrusted string (names, emails, messages, reasons, facts, URLs from the environment) goes through
 * `esc` before it reaches the HTML: text and attribute values alike (both quotes are escaped).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
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

/** An HTML table: headers are <th scope="col">; cells are already-escaped HTML. */
export function table(
  caption: string,
  head: string[],
  rows: { cells: string[]; attrs?: string }[],
  options: { id?: string; sortable?: boolean; numeric?: number[] } = {},
): string {
  const th = head
    .map((h, i) => {
      const num = options.numeric?.includes(i) ? ' class="num"' : '';
      return options.sortable
        ? `<th scope="col"${num} aria-sort="none"><button type="button" data-sort="${i}">${esc(h)}</button></th>`
        : `<th scope="col"${num}>${esc(h)}</th>`;
    })
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr${r.attrs ? ` ${r.attrs}` : ''}>${r.cells
          .map((c, i) => `<td${options.numeric?.includes(i) ? ' class="num"' : ''}>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const id = options.id ? ` id="${esc(options.id)}"` : '';
  return `<table${id}><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
