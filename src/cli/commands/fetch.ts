/** `uar-check fetch`: read the workspace through the API and save the access document (the snapshot). */

import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import { writeFilesAtomically } from '../../report/index.js';
import { collect } from '../../review.js';
import { toJsonText } from '../../shared/json-text.js';
import type { CommandContext } from '../io.js';
import { addSourceOptions, type SourceFlags, sourceFromFlags } from '../source-options.js';
import { COMMAND_SUMMARIES } from './summaries.js';

export function registerFetch(program: Command, ctx: CommandContext): void {
  const command = program.command('fetch').description(COMMAND_SUMMARIES.fetch.description);
  addSourceOptions(command, false)
    .requiredOption('--out <file>', 'snapshot file to write')
    .action(async (flags: SourceFlags & { out: string }) => {
      const document = await collect(await sourceFromFlags(flags, ctx));
      await writeFilesAtomically(dirname(flags.out), new Map([[basename(flags.out), toJsonText(document)]]));
      ctx.io.stdout(
        `Wrote ${flags.out}: ${document.users.length} users, ${document.groups.length} groups, complete=${document.complete}\n`,
      );
      ctx.exit(0);
    });
}
