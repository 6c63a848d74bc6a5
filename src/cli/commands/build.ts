/** `uar-check build`: compile policy directories into one WASM bundle (reusable with `run --bundle`). */
import { copyFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildPolicies } from '../../engine/index.js';
import type { CommandContext } from '../io.js';
import { BUILTIN_POLICIES, cacheDir } from '../paths.js';
import { addPolicyOptions, type PolicyFlags, precompiledBundle, selectPolicies } from '../policy-options.js';
import { checkCustomControlIds } from '../preflight.js';
import { COMMAND_SUMMARIES } from './summaries.js';

export function registerBuild(program: Command, ctx: CommandContext): void {
  const command = program.command('build').description(COMMAND_SUMMARIES.build.description);
  addPolicyOptions(command)
    .requiredOption('--out <file>', 'bundle file to write (.tar.gz)')
    .action(async (flags: PolicyFlags & { out: string }) => {
      const selection = selectPolicies(flags, ctx.io.cwd);
      await checkCustomControlIds(selection.custom, ctx.io.cwd, BUILTIN_POLICIES);
      const precompiled = await precompiledBundle(selection);
      const built = precompiled
        ? { file: precompiled, cached: true }
        : await buildPolicies({
            policyDirs: selection.policyDirs,
            cacheDir: cacheDir(ctx.io.env),
            baseDir: ctx.io.cwd,
          });
      await copyFile(built.file, flags.out);
      ctx.io.stdout(`Wrote ${flags.out}${built.cached ? ' (unchanged policies: reused the cached build)' : ''}\n`);
      ctx.exit(0);
    });
}
