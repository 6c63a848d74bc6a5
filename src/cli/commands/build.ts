/** `uar-check build`: compile policy directories into one WASM bundle (reusable with `run --bundle`). */
import { copyFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildPolicies } from '../../engine/index.js';
import type { CommandContext } from '../io.js';
import { collect } from '../parse.js';
import { BUILTIN_POLICIES, cacheDir } from '../paths.js';

export function registerBuild(program: Command, ctx: CommandContext): void {
  program
    .command('build')
    .description('compile policies into one WASM bundle')
    .option('--policy <dir>', 'policy directory, repeatable (default: the built-in policies)', collect, [])
    .requiredOption('--out <file>', 'bundle file to write (.tar.gz)')
    .action(async (flags: { policy: string[]; out: string }) => {
      const built = await buildPolicies({
        policyDirs: flags.policy.length > 0 ? flags.policy : [BUILTIN_POLICIES],
        cacheDir: cacheDir(ctx.io.env),
        baseDir: ctx.io.cwd,
      });
      await copyFile(built.file, flags.out);
      ctx.io.stdout(`Wrote ${flags.out}${built.cached ? ' (unchanged policies: reused the cached build)' : ''}\n`);
      ctx.exit(0);
    });
}
