/**
 * The one sanitiser for outside text that is printed (src/shared/printable.ts): one line, no control characters, nothing
 * GitHub's runner could read as a workflow command, and plain text unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/shared/printable.js';
import { parseCommands } from './github-commands.js';

describe('printable', () => {
  it('keeps ordinary text as it is', () => {
    for (const text of ['acme-analytics', 'Acme Analytics (EU)', 'Zoë Ångström', 'a: b', 'issue #12', 'C# [x]', '']) {
      expect(printable(text)).toBe(text);
    }
  });

  it('breaks the command syntaxes and joins lines', () => {
    expect(printable('acme\n::add-mask::FAIL\r\n::stop-commands::x')).toBe(
      'acme : :add-mask: :FAIL : :stop-commands: :x',
    );
    expect(printable('name ##[warning]forged')).toBe('name # #[warning]forged');
    expect(printable(':::')).toBe(': : :');
    expect(printable('###[error]')).toBe('## #[error]');
    expect(printable(':\u0000:set-output name=x::y')).toBe(': :set-output name=x: :y');
    expect(printable('a\u2028b\u2029c\u0085d\te')).toBe('a b c d e');
    expect(printable('red \u001b[31mtext\u001b[0m \u202eevil')).toBe('red [31mtext[0m evil');
  });

  it('never leaves a line break, a control character or a command, whatever the input', () => {
    const pieces = fc.constantFrom('::', ':', '##[', '#', '[', ']', '\n', '\r', '\u2028', '\u0000', '\u001b', ' ', 'x');
    const hostile = fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(hostile, fc.stringMatching(/^[a-z]{1,8}$/), (text, name) => {
        const out = printable(text);
        expect(out).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(out).not.toContain('::');
        expect(out).not.toContain('##[');
        // Nothing a runner would obey, even after a prefix like ours.
        expect(parseCommands(`${out}\n${name} ${out}\n`).all).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the workflow-command reader the Action tests use', () => {
  it('sees the commands GitHub’s runner obeys, and what stop-commands hides', () => {
    const log = parseCommands(
      [
        'acme',
        '  ::add-mask::FAIL',
        '::set-output name=output-dir::/etc',
        'a name ##[warning]forged',
        '::nosuch::x',
        '::stop-commands::t0k',
        '::error::hidden\r##[error]hidden too',
        '::T0K::',
        '::error title=uar-check::shown%0Atwo',
        '::stop-commands::again',
      ].join('\n'),
    );
    expect(log.masks).toEqual(['FAIL']);
    expect(log.outputs).toEqual({ 'output-dir': '/etc' });
    expect(log.all.map((c) => c.name)).toEqual([
      'add-mask',
      'set-output',
      'warning',
      'stop-commands',
      'T0K',
      'error',
      'stop-commands',
    ]);
    expect(log.all[5]).toMatchObject({ properties: { title: 'uar-check' }, data: 'shown\ntwo' });
    expect(log.ignored.map((c) => c.data)).toEqual(['hidden', 'hidden too']);
    expect(log.stopped).toBe(true);
  });
});
