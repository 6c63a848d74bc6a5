/** `uar-check rollup`: every workspace's evidence in one summary (Markdown on stdout) and one JSON file. */
import { appendFile, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import { InputError, UarError } from '../../errors.js';
import { writeFilesAtomically } from '../../report/index.js';
import { buildRollup, parseEvidenceForRollup, renderRollupJson, renderRollupMarkdown } from '../../rollup/index.js';
import { printableLines } from '../../shared/printable.js';
import type { CommandContext } from '../io.js';
import { positiveInt } from '../parse.js';
import { COMMAND_SUMMARIES } from './summaries.js';

interface RollupFlags {
  out?: string;
  summary?: string;
  worst: number;
}

export function registerRollup(program: Command, ctx: CommandContext): void {
  program
    .command('rollup')
    .description(COMMAND_SUMMARIES.rollup.description)
    .argument('<evidence...>', 'evidence.json files, one per workspace (e.g. evidence-*/evidence.json)')
    .option('--out <file>', 'also write the roll-up as JSON')
    .option('--summary <file>', 'also append the Markdown to this file (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--worst <n>', 'how many of the most severe findings to list', positiveInt, 10)
    .action(async (files: string[], flags: RollupFlags) => {
      const evidence = [];
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (cause) {
          throw new InputError(file, 'cannot read the evidence file (check the path or the artifact download)', {
            cause,
          });
        }
        evidence.push({ file, evidence: parseEvidenceForRollup(file, text) });
      }
      const rollup = buildRollup(evidence, flags.worst);
      const markdown = renderRollupMarkdown(rollup);
      if (flags.out)
        await writeFilesAtomically(dirname(flags.out), new Map([[basename(flags.out), renderRollupJson(rollup)]]));
      if (flags.summary) {
        try {
          await appendFile(flags.summary, markdown);
        } catch (cause) {
          throw new UarError(`cannot append to --summary ${flags.summary}: ${(cause as NodeJS.ErrnoException).code}`, {
            cause,
          });
        }
      }
      ctx.io.stdout(printableLines(markdown)); // the file keeps the exact text; the log gets no commands
      ctx.exit(0);
    });
}
