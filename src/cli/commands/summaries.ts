/**
 * Each command's one-line description and the term `uar-check --help` lists it under, in the order listed. The
 * commands' own modules use these descriptions; main() lists the commands from here without importing them, so
 * `--help` and a run load only what they use (test/cli/help.test.ts checks this list against the commands').
 */
export const COMMAND_SUMMARIES = {
  run: { term: 'run [options]', description: 'collect, enrich, evaluate every control and write the evidence' },
  fetch: {
    term: 'fetch [options]',
    description: 'read the Segment workspace and write the snapshot (access document)',
  },
  build: { term: 'build [options]', description: 'compile policies into one WASM bundle' },
  schema: {
    term: 'schema [options]',
    description:
      'print the JSON Schema of the access document (input to every policy); --markdown: as a reference page',
  },
  test: {
    term: 'test [options]',
    description: 'run the policies’ tests with coverage and type-check them against the document schema',
  },
  'new-control': {
    term: 'new-control [options] <name>',
    description: 'scaffold a control (<name>.rego) and its test (<name>_test.rego) with the next free id',
  },
  verify: {
    term: 'verify <dir>',
    description: "check the files of a run's --out-dir against its manifest.json (sizes and SHA-256)",
  },
  campaign: { term: 'campaign', description: 'run an access-review campaign: worksheets and progress' },
  rollup: {
    term: 'rollup [options] <evidence...>',
    description: 'all workspaces in one view: a summary table per workspace, totals, worst findings, one JSON',
  },
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

/**
 * The command argv names (the first word that is not an option; after `help`, the next one), if it is one.
 * The program's own options (--debug, --version, --help) take no value, so no option value is mistaken for it.
 */
export function invokedCommand(argv: string[]): CommandName | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const word = words[0] === 'help' ? words[1] : words[0];
  return word !== undefined && Object.hasOwn(COMMAND_SUMMARIES, word) ? (word as CommandName) : undefined;
}
