/**
 * `uar-check --help` lists the commands from src/cli/commands/summaries.ts without importing them: the list must
 * say what each command's own registration says (name, term, description, order), and each command's help and
 * `help <command>` still come from its full registration.
 */
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerBuild } from '../../src/cli/commands/build.js';
import { registerCampaign } from '../../src/cli/commands/campaign.js';
import { registerFetch } from '../../src/cli/commands/fetch.js';
import { registerNewControl } from '../../src/cli/commands/new-control.js';
import { registerRollup } from '../../src/cli/commands/rollup.js';
import { registerRun } from '../../src/cli/commands/run.js';
import { registerSchema } from '../../src/cli/commands/schema.js';
import { COMMAND_SUMMARIES } from '../../src/cli/commands/summaries.js';
import { registerTest } from '../../src/cli/commands/test.js';
import { registerVerify } from '../../src/cli/commands/verify.js';
import type { CommandContext } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';

const REGISTER = [
  registerRun,
  registerFetch,
  registerBuild,
  registerSchema,
  registerTest,
  registerNewControl,
  registerVerify,
  registerCampaign,
  registerRollup,
];

describe('the command list of --help', () => {
  it('matches every command’s own registration: name, term and description, in order', () => {
    const program = new Command('uar-check');
    const ctx = { io: {}, exit: () => undefined, secrets: [], interrupt: {} } as unknown as CommandContext;
    for (const register of REGISTER) register(program, ctx);
    const help = new Help();
    const registered = program.commands.map((c) => ({
      name: c.name(),
      term: help.subcommandTerm(c),
      description: c.description(),
    }));
    const listed = Object.entries(COMMAND_SUMMARIES).map(([name, s]) => ({ name, ...s }));
    expect(registered).toEqual(listed);
  });

  it('lists every command, and shows a command’s full help with `<command> --help` and `help <command>`', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const { term } of Object.values(COMMAND_SUMMARIES)) expect(top.stdout).toContain(`  ${term}  `);
    for (const argv of [
      ['verify', '--help'],
      ['help', 'verify'],
      ['--debug', 'help', 'verify'],
    ]) {
      const run = await runCli(argv);
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout, argv.join(' ')).toMatch(/Usage: uar-check verify \[options\] <dir>/);
      expect(run.stdout).toContain('the output directory of `uar-check run`');
    }
  });

  it('suggests the nearest command for a typo', async () => {
    const run = await runCli(['veryfy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Did you mean verify\?/);
  });
});
