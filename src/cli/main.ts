/**
 * The commander program. Commands are thin: they parse flags, call the library, write files and set the exit
 * code. Typed errors become one line on stderr and exit 2 here, in one place; the token is never printed.
 */
import { Command, CommanderError, Help } from 'commander';
import { UarError } from '../errors.js';
import { printable } from '../shared/printable.js';
import { COMMAND_SUMMARIES, type CommandName, invokedCommand } from './commands/summaries.js';
import type { CommandContext, Io } from './io.js';
import { toolVersion } from './paths.js';

type Register = (program: Command, ctx: CommandContext) => void;

/** Each command's module, imported only when that command runs (or shows its own help). */
const COMMANDS: Record<CommandName, () => Promise<Register>> = {
  run: async () => (await import('./commands/run.js')).registerRun,
  fetch: async () => (await import('./commands/fetch.js')).registerFetch,
  build: async () => (await import('./commands/build.js')).registerBuild,
  schema: async () => (await import('./commands/schema.js')).registerSchema,
  test: async () => (await import('./commands/test.js')).registerTest,
  'new-control': async () => (await import('./commands/new-control.js')).registerNewControl,
  verify: async () => (await import('./commands/verify.js')).registerVerify,
  campaign: async () => (await import('./commands/campaign.js')).registerCampaign,
  rollup: async () => (await import('./commands/rollup.js')).registerRollup,
};

export async function main(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const ctx: CommandContext = {
    io,
    exit: (c) => (code = c),
    secrets: [],
    interrupt: { critical: null, cleanups: [], outputsWritten: false },
  };
  // The token is secret from the start, not only once the source has read it: an input file or a config value
  // may hold it by mistake, and their errors are reported before the token is read.
  if (io.env.SEGMENT_PUBLIC_API_TOKEN?.trim()) ctx.secrets.push(io.env.SEGMENT_PUBLIC_API_TOKEN.trim());
  const program = new Command('uar-check')
    .description('User Access Reviews as code for Segment workspaces: Rego policies → JSON and SARIF evidence.')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()
    .option('--debug', 'on an error, also print its stack trace and causes')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing failing at or above --fail-on; 1 findings at or above it; 2 the run failed.',
    );
  // The invoked command is registered in full; the others only by name and description, for the help listing
  // and commander's suggestions (`uar-check --help` imports no command).
  const listed = new Map<Command, string>();
  const invoked = invokedCommand(argv);
  for (const [name, summary] of Object.entries(COMMAND_SUMMARIES) as [
    CommandName,
    (typeof COMMAND_SUMMARIES)[CommandName],
  ][]) {
    if (name === invoked) (await COMMANDS[name]())(program, ctx);
    else listed.set(program.command(name).description(summary.description), summary.term);
  }
  program.configureHelp({ subcommandTerm: (cmd) => listed.get(cmd) ?? new Help().subcommandTerm(cmd) });
  const work = program.parseAsync(argv, { from: 'user' }).then(
    () => ({ kind: 'done' as const }),
    (error: unknown) => ({ kind: 'failed' as const, error }),
  );
  const outcome = await Promise.race([work, interruption(io.signal)]);
  if (outcome.kind === 'interrupted') return interrupted(outcome.signal, ctx);
  try {
    if (outcome.kind === 'failed') throw outcome.error;
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // Messages may quote Segment's answers and input files: one printable line, never a terminal or CI command.
    const redact = (text: string) =>
      printable(ctx.secrets.reduce((t, s) => (s ? t.split(s).join('[REDACTED]') : t), text));
    // The stack only on request: by default an error is one line (what happened, where, the fix).
    const debug = () => {
      if (argv.includes('--debug')) io.stderr(`${stackOf(error).split('\n').map(redact).join('\n')}\n`);
    };
    if (error instanceof UarError) {
      io.stderr(`uar-check: ${redact(error.message)}\n`);
      debug();
      return error.exitCode;
    }
    const message = redact(error instanceof Error ? error.message : String(error));
    io.stderr(
      `uar-check: internal error: ${message}\nThis is a bug in uar-check; please report it with the command you ran (add --debug for the stack trace).\n`,
    );
    debug();
    return 2;
  }
}

/** The stack of an error and of each of its causes. */
function stackOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\ncaused by: ');
}

/** Resolves when `signal` aborts (never when there is none). */
function interruption(signal?: AbortSignal): Promise<{ kind: 'interrupted'; signal: string }> {
  return new Promise((resolve) => {
    if (!signal) return;
    const done = () => resolve({ kind: 'interrupted', signal: String(signal.reason ?? 'SIGINT') });
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * SIGINT/SIGTERM: let the write phase finish or undo itself (it watches the same signal), release the out-dir
 * lock, say so in one line, exit 130 (SIGINT) or 143 (SIGTERM). Requests in flight end with the process.
 */
async function interrupted(signal: string, ctx: CommandContext): Promise<number> {
  await ctx.interrupt.critical?.catch(() => undefined);
  for (const cleanup of ctx.interrupt.cleanups) await cleanup().catch(() => undefined);
  const outputs = ctx.interrupt.outputsWritten
    ? 'the new outputs had already been written'
    : 'no output file was changed';
  ctx.io.stderr(`uar-check: interrupted by ${signal}; ${outputs}\n`);
  return signal === 'SIGTERM' ? 143 : 130;
}
