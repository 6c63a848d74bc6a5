/** `uar-check new-control` as the README shows it: own prefix from the flag or the config, UAR refused. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('uar-check new-control', () => {
  it('scaffolds ACME-001 then ACME-002 in controls/, the prefix from --prefix or control_prefix', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'uar-new-control-'));
    const first = await runCli(['new-control', 'contractor-admin', '--dir', 'controls/', '--prefix', 'ACME'], { cwd });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(
      'Created ACME-001: controls/contractor_admin.rego, controls/contractor_admin_test.rego\n',
    );
    await writeFile(join(cwd, 'uar-check.yaml'), 'control_prefix: ACME\n');
    const second = await runCli(['new-control', 'dormant-bot', '--dir', 'controls/'], { cwd });
    expect(second.stdout).toMatch(/^Created ACME-002: controls\/dormant_bot\.rego/);
    expect(await readFile(join(cwd, 'controls/dormant_bot.rego'), 'utf8')).toContain('#   id: ACME-002');
  });

  it('refuses the reserved UAR prefix in one line, from the flag and from the config', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'uar-new-control-'));
    const flag = await runCli(['new-control', 'x', '--prefix', 'UAR'], { cwd });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^uar-check: --prefix UAR: UAR- ids are reserved .*--prefix ACME\n$/);
    await writeFile(join(cwd, 'uar-check.yaml'), 'control_prefix: UAR\n');
    const config = await runCli(['new-control', 'x'], { cwd });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/uar-check\.yaml.*control_prefix.*reserved/);
    expect(config.stderr.trim().split('\n')).toHaveLength(1);
  });
});
