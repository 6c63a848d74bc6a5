/** `uar-check verify DIR`: are the files in DIR the files a run wrote? Exit 0 OK, 1 a file changed, 2 no manifest. */
import type { Command } from 'commander';
import { MANIFEST_FILE, verifyDir } from '../../manifest/index.js';
import type { CommandContext } from '../io.js';
import { COMMAND_SUMMARIES } from './summaries.js';

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description(COMMAND_SUMMARIES.verify.description)
    .argument('<dir>', 'the output directory of `uar-check run`')
    .action(async (dir: string) => {
      const result = await verifyDir(dir);
      for (const name of result.unlisted)
        ctx.io.stdout(`note: ${name} is not in the manifest (not written by the run)\n`);
      if (result.ok) {
        ctx.io.stdout(`OK: ${result.checked} files match ${MANIFEST_FILE} in ${dir}\n`);
        ctx.exit(0);
        return;
      }
      for (const problem of result.problems) ctx.io.stdout(`CHANGED ${problem}\n`);
      ctx.io.stdout(`FAILED: ${result.problems.length} of ${result.checked} files do not match ${MANIFEST_FILE}\n`);
      ctx.exit(1);
    });
}
