/** `uar-check new-control NAME`: scaffold a control and its test with the next free id. */
import type { Command } from 'commander';
import { scaffoldControl } from '../../authoring/new-control.js';
import type { CommandContext } from '../io.js';
import { BUILTIN_POLICIES } from '../paths.js';

export function registerNewControl(program: Command, ctx: CommandContext): void {
  program
    .command('new-control')
    .description('scaffold a control (<name>.rego) and its test (<name>_test.rego) with the next free id')
    .argument('<name>', 'control name, e.g. dormant-service-account')
    .option('--policy <dir>', 'policy directory to write into', 'policies')
    .action(async (name: string, flags: { policy: string }) => {
      const created = await scaffoldControl(flags.policy, name, { builtinDir: BUILTIN_POLICIES });
      ctx.io.stdout(`Created ${created.id}: ${created.files.join(', ')}\n`);
      ctx.exit(0);
    });
}
