/** `uar-check run`: the whole review, outputs written atomically into --out-dir, exit code per --fail-on. */
import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/config-file.js';
import type { ConfigFile } from '../../config/config-schema.js';
import { loadPolicies } from '../../engine/index.js';
import { ConfigError, UarError } from '../../errors.js';
import { withManifest } from '../../manifest/index.js';
import { SEVERITIES, type Severity } from '../../model/result.js';
import { githubActionsContext } from '../../provenance/index.js';
import {
  exitCodeFor,
  FORMATS,
  type FormatName,
  renderAccessListFile,
  renderAll,
  writeFilesAtomically,
} from '../../report/index.js';
import { runReview } from '../../review.js';
import { type HashedText, holdsText } from '../../shared/hashed-text.js';
import { compareText } from '../../shared/order.js';
import { printable } from '../../shared/printable.js';
import { customControlIds } from '../cross-check.js';
import type { CommandContext } from '../io.js';
import { lockOutDir } from '../out-dir-lock.js';
import { collect, rfc3339 } from '../parse.js';
import { BUILTIN_POLICIES, cacheDir, toolCommit, toolVersion } from '../paths.js';
import { addPolicyOptions, type PolicyFlags, precompiledBundle, selectPolicies } from '../policy-options.js';
import {
  checkCustomControlIds,
  checkDirectory,
  checkInputFiles,
  checkSarifAnchor,
  unknownControlWarnings,
} from '../preflight.js';
import { previousSetNames } from '../previous-set.js';
import { anchorWarning, sarifLocations } from '../sarif-anchor.js';
import { addSourceOptions, type SourceFlags, sourceFromFlags } from '../source-options.js';
import { COMMAND_SUMMARIES } from './summaries.js';

interface RunFlags extends SourceFlags, PolicyFlags {
  bundle?: string;
  identity: string[];
  identityFormat?: string;
  hr?: string;
  reviews?: string;
  config?: string;
  baseline?: string;
  outDir: string;
  now?: Date;
  failOn: Severity;
  failOnUnknown?: boolean;
  format: string;
  stdout?: 'json' | 'sarif' | 'md';
  sarifCategory?: string;
  sarifAnchor?: string;
}

const STDOUT_FORMAT: Record<NonNullable<RunFlags['stdout']>, FormatName> = {
  json: 'evidence',
  sarif: 'sarif',
  md: 'summary',
};

export function registerRun(program: Command, ctx: CommandContext): void {
  const command = program.command('run').description(COMMAND_SUMMARIES.run.description);
  addPolicyOptions(command).option(
    '--bundle <file>',
    'a prebuilt policy bundle (from `uar-check build`) instead of --policy',
  );
  addSourceOptions(command, true)
    .option('--identity <file>', 'identity-provider export, repeatable (format detected)', collect, [])
    .option('--identity-format <format>', 'force the identity export format')
    .option('--hr <file>', 'HR roster CSV')
    .option('--reviews <file>', 'review decisions (CSV or YAML)')
    .option('--config <file>', 'config file: params, exceptions, disabled controls, inputs')
    .option('--baseline <file>', 'previous snapshot or evidence: report access changes since then')
    .option('--out-dir <dir>', 'where the output files go', 'uar-out')
    .option('--now <time>', 'evaluation time, RFC 3339 (default: the snapshot’s collection time)', rfc3339)
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a failing finding is at or above')
        .choices(SEVERITIES)
        .default('low'),
    )
    .option('--fail-on-unknown', 'exit 1 when a control is unknown (its data was missing)')
    .option('--format <list>', `files to write: all, or a comma list of ${Object.keys(FORMATS).join(', ')}`, 'all')
    .addOption(
      new Option('--stdout <format>', 'stream one format to stdout and nothing else').choices(
        Object.keys(STDOUT_FORMAT),
      ),
    )
    .option('--sarif-category <id>', 'SARIF runAutomationDetails id (default: uar-check/<workspace slug>/)')
    .option(
      '--sarif-anchor <file>',
      'file of your repository that built-in controls’ alerts point at when there is no --config or workflow file',
    )
    .action(async (flags: RunFlags) => ctx.exit(await run(flags, ctx)));
}

async function run(flags: RunFlags, ctx: CommandContext): Promise<number> {
  const formats = parseFormats(flags.format);
  const config: ConfigFile = flags.config
    ? await loadConfig(flags.config)
    : { params: {}, exceptions: [], controls: {}, inputs: { identity: [] } };
  const inputs = config.inputs;
  const identityFiles = flags.identity.length > 0 ? flags.identity : inputs.identity;
  const identityFormat = flags.identityFormat ?? inputs.identity_format;
  const hr = flags.hr ?? inputs.hr;
  const reviews = flags.reviews ?? inputs.reviews;

  // Everything that can be checked without the API is checked before it is called.
  await checkInputFiles([
    ...(flags.snapshot ? [{ flag: '--snapshot', file: flags.snapshot }] : []),
    ...identityFiles.map((file) => ({ flag: '--identity', file })),
    ...(hr ? [{ flag: '--hr', file: hr }] : []),
    ...(reviews ? [{ flag: '--reviews', file: reviews }] : []),
    ...(flags.baseline ? [{ flag: '--baseline', file: flags.baseline }] : []),
    ...(flags.bundle ? [{ flag: '--bundle', file: flags.bundle }] : []),
  ]);
  await checkSarifAnchor(flags.sarifAnchor, ctx.io.cwd);
  if (!flags.bundle)
    await checkCustomControlIds(selectPolicies(flags, ctx.io.cwd).custom, ctx.io.cwd, BUILTIN_POLICIES);
  await checkDirectory(cacheDir(ctx.io.env), ctx.io.env.UAR_CACHE_DIR ? 'UAR_CACHE_DIR' : 'the cache directory');
  await checkDirectory(flags.outDir, '--out-dir');
  // One run per out-dir: a second one stops here instead of mixing its files with ours.
  const lock = await lockOutDir(flags.outDir);
  ctx.interrupt.cleanups.push(lock.release);
  try {
    return await review(flags, ctx, { config, identityFiles, identityFormat, hr, reviews, formats });
  } finally {
    await lock.release();
  }
}

interface Prepared {
  config: ConfigFile;
  identityFiles: string[];
  identityFormat?: string;
  hr?: string;
  reviews?: string;
  formats: FormatName[];
}

async function review(
  flags: RunFlags,
  ctx: CommandContext,
  { config, identityFiles, identityFormat, hr, reviews, formats }: Prepared,
): Promise<number> {
  const inputs = config.inputs;

  const source = await sourceFromFlags(flags, ctx);
  const selection = selectPolicies(flags, ctx.io.cwd);
  const bundle = flags.bundle ?? (await precompiledBundle(selection));
  const policies = await loadPolicies({
    policyDirs: bundle ? undefined : selection.policyDirs,
    bundle,
    cacheDir: cacheDir(ctx.io.env),
    baseDir: ctx.io.cwd,
  });
  const loaded = policies.controls.map((c) => c.id);
  for (const line of unknownControlWarnings(config, loaded, flags.config ?? 'config'))
    ctx.io.stderr(`uar-check: warning: ${printable(line)}\n`);
  let accessList: HashedText | undefined; // rendered during the evaluation (whileEvaluating)
  const review = await runReview({
    source,
    policies,
    config,
    enrich: {
      identity: identityFiles.map((file) => ({ file, format: identityFormat })),
      hr: hr ? { file: hr, mapping: inputs.hr_mapping } : undefined,
      reviews: reviews ? { file: reviews } : undefined,
    },
    now: flags.now,
    toolVersion: toolVersion(),
    toolCommit: toolCommit(),
    ci: githubActionsContext(ctx.io.env),
    baseline: flags.baseline,
    configFile: flags.config,
    // The precompiled built-in bundle holds no team controls: nothing to cross-check, no OPA needed.
    crossCheck: bundle && !flags.bundle ? [] : await customControlIds(policies),
    // It needs only the document: rendered while the evaluation threads run, not after them.
    whileEvaluating: formats.includes('access-list')
      ? (document) => {
          accessList = renderAccessListFile(document);
        }
      : undefined,
  });

  const sarifLocationsById = sarifLocations(review.result.controls, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    config: flags.config,
    sarifAnchor: flags.sarifAnchor,
  });
  const unanchored = formats.includes('sarif') && anchorWarning(review.result.controls, sarifLocationsById);
  if (unanchored) ctx.io.stderr(`uar-check: warning: ${unanchored}\n`);
  const files = renderAll(review, {
    formats,
    sarifCategory: flags.sarifCategory,
    sarifLocations: sarifLocationsById,
    accessList,
  });
  const { result } = review;
  // manifest.json is written in the same set as the files it lists.
  const written = withManifest(files.files, {
    tool: result.tool,
    snapshot_sha256: result.snapshot_sha256,
    bundle_sha256: result.bundle_sha256,
  });
  // The token never reaches a file, even when an input or the config holds it by mistake (e.g. as a subject).
  for (const [name, text] of written) {
    if (ctx.secrets.some((secret) => secret && holdsText(text, secret)))
      throw new UarError(
        `${name} would contain the Segment token (an input file or the config holds it as a value); remove it there and run again — nothing was written`,
      );
  }
  // Files of the previous set that this one does not hold go with the swap: the out-dir is this run's set only.
  const retire = await previousSetNames(flags.outDir);
  const writing = writeFilesAtomically(flags.outDir, written, { signal: ctx.io.signal, retire });
  ctx.interrupt.critical = writing;
  await writing;
  ctx.interrupt.outputsWritten = true;
  if (flags.stdout) {
    ctx.io.stdout(files.rendered(STDOUT_FORMAT[flags.stdout]));
    ctx.io.stderr(files.rendered('summary-compact')); // for people; stdout carries only the chosen format
  } else {
    ctx.io.stdout(files.rendered('summary-compact'));
    ctx.io.stdout(`Wrote ${[...written.keys()].sort(compareText).join(', ')} to ${printable(flags.outDir)}
`);
  }
  // A control that could not be evaluated makes the review untrustworthy as a whole: exit 2, outputs written.
  const errored = result.controls.filter((c) => c.status === 'error');
  for (const c of errored)
    ctx.io.stderr(`uar-check: ${printable(c.id)} could not be evaluated: ${printable(c.error ?? '')}\n`);
  if (errored.length > 0) return 2;
  return exitCodeFor(result, flags.failOn, flags.failOnUnknown ?? false);
}

function parseFormats(list: string): FormatName[] {
  const all = Object.keys(FORMATS) as FormatName[];
  if (list === 'all') return all;
  const chosen = list.split(',').map((f) => f.trim());
  const unknown = chosen.filter((f) => !all.includes(f as FormatName));
  if (unknown.length > 0)
    throw new ConfigError(`--format ${unknown.join(',')}: expected all or a comma list of ${all.join(', ')}`);
  return chosen as FormatName[];
}
