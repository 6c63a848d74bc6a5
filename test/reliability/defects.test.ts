/**
 * Regression tests for the defects of issue 13 that no other suite covers (the map of every defect to its test
 * is test/reliability/README.md): `--now` on a calendar day that does not exist or in a year out of range,
 * `UAR_CACHE_DIR` under a regular file, a config entry for a control that is not loaded, and snapshots with a
 * byte-order mark or in UTF-16 (read like every other input, not refused).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { runCli } from '../helpers/cli.js';

const NOW = '2026-11-28T00:00:00Z';
const root = mkdtempSync(join(tmpdir(), 'uar-defects-'));
const text = JSON.stringify(syntheticDocument(20, new Date(NOW)));
const snapshot = join(root, 'snapshot.json');
writeFileSync(snapshot, text);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(['run', '--snapshot', snapshot, '--out-dir', join(root, 'out'), ...args], { env });

/** Exit 2 and exactly one line on stderr (no stack, no "internal error"). */
function expectRefused(result: Awaited<ReturnType<typeof run>>, line: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^uar-check: [^\n]*\n$/);
  expect(result.stderr).toMatch(line);
  expect(result.stderr).not.toMatch(/internal error/);
}

describe('--now', () => {
  it('refuses a day that is not on the calendar (2026-02-30 is not March 2)', async () => {
    expectRefused(
      await run(['--now', '2026-02-30T00:00:00Z']),
      /--now 2026-02-30T00:00:00Z: 2026-02-30 is not a calendar day/,
    );
  });

  it('refuses a year outside 2000–2099', async () => {
    expectRefused(
      await run(['--now', '2199-01-01T00:00:00Z']),
      /--now 2199-01-01T00:00:00Z: the year must be from 2000 to 2099/,
    );
  });
});

describe('UAR_CACHE_DIR under a regular file', () => {
  it('is refused before anything runs, naming the variable', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expectRefused(
      await run(['--now', NOW], { UAR_CACHE_DIR: join(file, 'cache') }),
      /UAR_CACHE_DIR .*a-file\/cache: .*a-file \(in .*\) is a file, not a directory/,
    );
  });
});

describe('config entries for controls that are not loaded', () => {
  it('are named on the terminal (an exception never used, a controls: entry that changes nothing)', async () => {
    const config = join(root, 'config.yaml');
    writeFileSync(
      config,
      [
        'exceptions:',
        '  - control: UAR-999',
        '    subject: a@acme.com',
        '    reason: kept on purpose',
        '    approved_by: b@acme.com',
        '    expires: 2027-01-01',
        'controls:',
        '  XYZ-001: { enabled: false, reason: x, approved_by: y@acme.com, expires: 2027-01-01 }',
        '',
      ].join('\n'),
    );
    const result = await run(['--now', NOW, '--config', config]);
    expect(result.code).not.toBe(2);
    expect(result.stderr).toMatch(/warning: .*config\.yaml: exceptions\[0\]: control UAR-999 is not a loaded control/);
    expect(result.stderr).toMatch(/warning: .*config\.yaml: controls\.XYZ-001: XYZ-001 is not a loaded control/);
  });
});

describe('snapshot encodings', () => {
  it('reads a snapshot with a UTF-8 byte-order mark, or in UTF-16, like the plain one', async () => {
    const controls = async (file: string) => {
      const out = join(root, `out-${file}`);
      const result = await runCli(['run', '--snapshot', join(root, file), '--out-dir', out, '--now', NOW]);
      expect(result.code, result.stderr).not.toBe(2);
      return JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8')).controls;
    };
    writeFileSync(join(root, 'plain.json'), text);
    writeFileSync(join(root, 'bom.json'), `\uFEFF${text}`);
    writeFileSync(join(root, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const plain = await controls('plain.json');
    expect(await controls('bom.json')).toEqual(plain);
    expect(await controls('utf16.json')).toEqual(plain);
  });
});
