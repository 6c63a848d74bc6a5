/** `uar-check new-control NAME --dir controls/ --prefix ACME`: scaffold a control and its test with the next free id. */
import { existsSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { scaffoldControl } from '../../authoring/new-control.js';
import { loadConfig } from '../../config/config-file.js';
import type { CommandContext } from '../io.js';
import { BUILTIN_POLICIES } from '../paths.js';
import { COMMAND_SUMMARIES } from './summaries.js';

const DEFAULT_CONFIG = 'uar-check.yaml';

export function registerNewControl(program: Command, ctx: CommandContext): void {
  program
    .command('new-control')
    .description(COMMAND_SUMMARIES['new-control'].description)
    .argument('<name>', 'control name, e.g. dormant-service-account')
    .option('--dir <dir>', 'policy directory to write into', 'controls')
    .addOption(new Option('--policy <dir>', 'same as --dir').hideHelp())
    .option('--prefix <PREFIX>', 'id prefix of your controls, e.g. ACME (default: control_prefix in the config file)')
    .option('--config <file>', `config file to read control_prefix from (default: ${DEFAULT_CONFIG} if present)`)
    .action(async (name: string, flags: { dir: string; policy?: string; prefix?: string; config?: string }) => {
      const dir = resolve(ctx.io.cwd, flags.policy ?? flags.dir);
      const builtin = real(dir) === real(BUILTIN_POLICIES);
      let prefix = flags.prefix;
      const configFile = flags.config ?? (existsSync(resolve(ctx.io.cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
      if (!prefix && configFile) prefix = (await loadConfig(resolve(ctx.io.cwd, configFile))).control_prefix;
      const created = await scaffoldControl(dir, name, {
        prefix,
        builtin,
        builtinDirs: builtin ? [] : [BUILTIN_POLICIES],
      });
      const shown = created.files.map((f) => relative(ctx.io.cwd, f) || f);
      ctx.io.stdout(`Created ${created.id}: ${shown.join(', ')}\n`);
      ctx.exit(0);
    });
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
