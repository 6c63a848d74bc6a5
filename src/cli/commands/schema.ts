/**
 * `uar-check schema`: the access document's JSON Schema (what policies see as input); with `--markdown`, the same
 * schema as a reference page (committed as docs/access-document.md).
 */
import type { Command } from 'commander';
import { DOCUMENT_VERSION, documentJsonSchema } from '../../model/document.js';
import { toJsonText } from '../../shared/json-text.js';
import type { CommandContext } from '../io.js';
import { schemaMarkdown } from '../schema-markdown.js';
import { COMMAND_SUMMARIES } from './summaries.js';

/** The command that regenerates the committed page (test/cli/schema.test.ts names it when the page is stale). */
export const SCHEMA_PAGE_COMMAND = 'npm run build && node dist/cli/bin.js schema --markdown > docs/access-document.md';

const HEADER = [
  `# The access document (version ${DOCUMENT_VERSION})`,
  '',
  "The one JSON document every policy sees as `input`: the Segment workspace's access (users, their permissions on",
  'resources, groups, invites, roles, labels) joined with the identity exports, the HR roster and the review',
  'decisions given to the run. `snapshot.json` is this document. Field names are snake_case.',
  '',
  '- **Unknown is not false.** Segment cannot tell MFA, last sign-in or account status: they come only from',
  '  identity and HR exports (`identity`, `hr`) and are `null` or `"unknown"` when nobody told uar-check. A control',
  '  whose data is missing says unknown, never pass: check `coverage` before reading a member as "none".',
  '- **Times** are RFC 3339 text in UTC; beside each one uar-check puts `<name>_ns`, the same instant as integer',
  '  nanoseconds since the Unix epoch, so policies compare numbers (`lib.time_ns(obj, "<name>")` reads it).',
  '- **Emails** are joined by `email_key`: the address trimmed, NFC-normalised and lower-cased.',
  '- **Scope.** A permission grants its role on each of its `resources`. A `WORKSPACE` resource means every',
  '  resource of the workspace the role applies to, now and later (for "Source Admin", all sources); with `labels`,',
  '  only the resources that carry those labels (`environment:prod`: the production ones).',
  '',
  `Generated from \`src/model/document.ts\` by \`uar-check schema --markdown\`; the JSON Schema is \`uar-check schema\`.`,
  `Do not edit by hand: \`${SCHEMA_PAGE_COMMAND}\` regenerates it, and a test fails while it is stale.`,
];

/** The reference page of the access document, as `uar-check schema --markdown` prints it. */
export function accessDocumentPage(): string {
  return schemaMarkdown(documentJsonSchema(), HEADER);
}

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description(COMMAND_SUMMARIES.schema.description)
    .option('--markdown', 'print the schema as a Markdown reference page (docs/access-document.md) instead')
    .action((options: { markdown?: boolean }) => {
      ctx.io.stdout(options.markdown ? accessDocumentPage() : toJsonText(documentJsonSchema()));
      ctx.exit(0);
    });
}
