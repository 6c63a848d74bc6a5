/**
 * The commander program. Commands are thin: they parse flags, call the library, write files and set the exit
 * code. Typed errors become one line on stderr and exit 2 here, in one place; the token is never printed.
 */
import { Command, CommanderError } from 'commander';
import { UarError } from '../errors.js';
import { printable } from '../shared/printable.js';
import { registerBuild } from './commands/build.js';
import { registerCampaign } from './commands/campaign.js';
import { registerFetch } from './commands/fetch.js';
import { registerNewControl } from './commands/new-control.js';
import { registerRollup } from './commands/rollup.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerTest } from './commands/test.js';
import { registerVerify } from './commands/verify.js';
import type { CommandContext, Io } from './io.js';
import { toolVersion } from './paths.js';

export async function main(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, exit: (c) => (code = c), secrets: [] };
  const program = new Command('uar-check')
    .description('User Access Reviews as code for Segment workspaces: Rego policies → JSON and SARIF evidence.')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing failing at or above --fail-on; 1 findings at or above it; 2 the run failed.',
    );
  for (const register of [
    registerRun,
    registerFetch,
    registerBuild,
    registerSchema,
    registerTest,
    registerNewControl,
    registerVerify,
    registerCampaign,
    registerRollup,
  ]) {
    register(program, ctx);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // Messages may quote Segment's answers and input files: one printable line, never a terminal or CI command.
    const redact = (text: string) =>
      printable(ctx.secrets.reduce((t, s) => (s ? t.split(s).join('[REDACTED]') : t), text));
    if (error instanceof UarError) {
      io.stderr(`uar-check: ${redact(error.message)}\n`);
      return error.exitCode;
    }
    const message = redact(error instanceof Error ? error.message : String(error));
    io.stderr(
      `uar-check: internal error: ${message}\nThis is a bug in uar-check; please report it with the command you ran.\n`,
    );
    return 2;
  }
}
