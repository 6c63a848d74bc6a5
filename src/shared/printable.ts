/**
 * The one sanitiser for text that comes from outside (Segment's answers, input files, policy metadata, GitHub
 * Action inputs) before it is printed to a terminal or a CI log. GitHub's runner reads workflow commands from
 * every log line: `::name …::data` at the start of a line and the older `##[name …]data` anywhere in it. So the
 * result is one line (line breaks and tabs become spaces), without control or bidirectional-override characters,
 * and with every `::` and `##[` broken by a space (`: :`, `# #[`), so no part of it can be read as a command.
 * Files (evidence, SARIF, summary.md) keep the exact text; this is for printing only.
 */

// Line breaks .NET's line reader and terminals know (\r, \n, VT, FF, NEL, LS, PS) and tabs become one space.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Other C0/C1 control characters (ESC for terminal escapes included) and the bidi overrides/isolates.
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(/:(?=:)/g, ': ')
    .replace(/#(?=#\[)/g, '# ');
}

/** A message made one line for the files that keep it (evidence, SARIF): runs of whitespace become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Multi-line text (a report printed to the terminal): each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}
