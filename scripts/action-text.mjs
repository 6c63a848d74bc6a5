#!/usr/bin/env node
/**
 * Text helpers for scripts/action-run.sh, so the shell prints outside text through the CLI's one sanitiser
 * (src/shared/printable.ts, built to dist/shared/printable.js in the directory UAR_ACTION_PATH names):
 *
 *   node action-text.mjs line TEXT   TEXT as one printable line (no control characters, no `::` or `##[`)
 *   node action-text.mjs code TEXT   the same line as a Markdown code span, for the job summary
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const actionPath = process.env.UAR_ACTION_PATH ?? new URL('..', import.meta.url).pathname;
const { printable } = await import(pathToFileURL(join(actionPath, 'dist', 'shared', 'printable.js')).href);

/** A code span that holds any text: a fence longer than the longest run of backticks inside, padded by spaces. */
function codeSpan(text) {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text === '' || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const [mode, text = ''] = process.argv.slice(2);
const line = printable(text);
if (mode === 'line') process.stdout.write(line);
else if (mode === 'code') process.stdout.write(codeSpan(line));
else {
  process.stderr.write('usage: action-text.mjs line|code TEXT\n');
  process.exitCode = 2;
}
