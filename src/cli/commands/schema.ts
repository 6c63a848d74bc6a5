/** `uar-check schema`: the access document's JSON Schema (what policies see as input). */
import type { Command } from 'commander';
import { documentJsonSchema } from '../../model/document.js';
import { toJsonText } from '../../shared/json-text.js';
import type { CommandContext } from '../io.js';
import { COMMAND_SUMMARIES } from './summaries.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description(COMMAND_SUMMARIES.schema.description)
    .action(() => {
      ctx.io.stdout(toJsonText(documentJsonSchema()));
      ctx.exit(0);
    });
}
