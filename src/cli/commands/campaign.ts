/**
 * `uar-check campaign start`: the worksheet of a new review campaign (one file, or one per reviewer), built from a
 * snapshot or a live fetch, with the HR roster's managers and the config's reviewers.
 * `uar-check campaign status`: how far the newest campaign in the given worksheets is.
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Command } from 'commander';
import {
  buildWorksheet,
  campaignStatus,
  mergeWorksheets,
  readWorksheet,
  renderStatusMarkdown,
  renderStatusText,
  renderWorksheet,
  splitByReviewer,
  type Worksheet,
  worksheetFormat,
} from '../../campaign/index.js';
import { loadConfig } from '../../config/config-file.js';
import type { ConfigFile } from '../../config/config-schema.js';
import { enrichDocument } from '../../enrich/enrich.js';
import { readManagers } from '../../enrich/managers.js';
import { ConfigError, InputError, UarError } from '../../errors.js';
import type { AccessDocument } from '../../model/document.js';
import { writeFilesAtomically } from '../../report/index.js';
import { collect } from '../../review.js';
import { toJsonText } from '../../shared/json-text.js';
import { compareText } from '../../shared/order.js';
import { printableLines } from '../../shared/printable.js';
import type { CommandContext } from '../io.js';
import { positiveInt, rfc3339 } from '../parse.js';
import { addSourceOptions, type SourceFlags, sourceFromFlags } from '../source-options.js';
import { COMMAND_SUMMARIES } from './summaries.js';

interface StartFlags extends SourceFlags {
  out: string;
  splitByReviewer?: boolean;
  hr?: string;
  config?: string;
  id?: string;
  now?: Date;
  dueDays: number;
}

export function registerCampaign(program: Command, ctx: CommandContext): void {
  const campaign = program.command('campaign').description(COMMAND_SUMMARIES.campaign.description);
  const start = campaign
    .command('start')
    .description('write the worksheet of a new campaign: one row per user, a proposed reviewer, empty decisions');
  addSourceOptions(start, true)
    .requiredOption('--out <file>', 'worksheet to write: .csv or .yaml')
    .option('--split-by-reviewer', 'one file per reviewer: <out>.<reviewer>.csv (".unassigned" without one)')
    .option('--hr <file>', 'HR roster CSV: manager_email proposes the reviewer')
    .option('--config <file>', 'config file: reviewers (default, groups, roles) and inputs.hr')
    .option('--id <id>', 'campaign id (default: <workspace slug>-<start day>)')
    .option('--now <time>', 'campaign start time, RFC 3339 (default: now)', rfc3339)
    .option('--due-days <n>', 'days until the campaign is due', positiveInt, 30)
    .action(async (flags: StartFlags) => ctx.exit(await startCampaign(flags, ctx)));

  campaign
    .command('merge')
    .description('one review file from the worksheets of a split campaign, for run --reviews')
    .argument('<worksheets...>', 'the filled worksheets (all CSV or all YAML)')
    .requiredOption('--out <file>', 'review file to write: .csv or .yaml, as the worksheets')
    .action(async (files: string[], flags: { out: string }) => {
      const texts = [];
      for (const file of files) {
        try {
          texts.push({ file, text: await readFile(file, 'utf8') });
        } catch (cause) {
          throw new InputError(file, 'cannot read the worksheet (check the path)', { cause });
        }
      }
      const merged = mergeWorksheets(texts, worksheetFormat(flags.out));
      await writeFilesAtomically(dirname(flags.out), new Map([[basename(flags.out), merged]]));
      ctx.io.stdout(printableLines(`Merged ${files.length} worksheets into ${flags.out}\n`));
      ctx.exit(0);
    });

  const status = campaign
    .command('status')
    .description('how far the newest campaign is: decided and pending per reviewer, overdue reviewers, revocations')
    .argument('<worksheets...>', 'filled (or partly filled) worksheets: CSV or YAML, e.g. every file of a split')
    .option('--live', 'check revocations and changed access against the workspace now (reads the API)');
  addSourceOptions(status, true)
    .option('--now <time>', 'evaluation time, RFC 3339 (default: now)', rfc3339)
    .option('--summary <file>', 'also append the Markdown section to this file (e.g. $GITHUB_STEP_SUMMARY)')
    .action(async (files: string[], flags: StatusFlags) => ctx.exit(await showStatus(files, flags, ctx)));
}

interface StatusFlags extends SourceFlags {
  live?: boolean;
  now?: Date;
  summary?: string;
}

async function showStatus(files: string[], flags: StatusFlags, ctx: CommandContext): Promise<number> {
  const entries = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      throw new InputError(file, 'cannot read the worksheet (check the path)', { cause });
    }
    entries.push(...readWorksheet(file, text));
  }
  if (entries.length === 0)
    throw new InputError(files.join(', '), 'no worksheet rows; expected the files `campaign start` wrote');
  let current: AccessDocument | null = null;
  if (flags.snapshot || flags.live) current = await collect(await sourceFromFlags(flags, ctx));
  else if (flags.apiUrl || flags.tokenFile)
    throw new ConfigError('--api-url and --token-file need --live (or give --snapshot)');
  const status = campaignStatus(entries, flags.now ?? new Date(), current);
  ctx.io.stdout(printableLines(renderStatusText(status)));
  if (flags.summary) {
    try {
      await appendFile(flags.summary, renderStatusMarkdown(status));
    } catch (cause) {
      throw new UarError(`cannot append to --summary ${flags.summary}: ${(cause as NodeJS.ErrnoException).code}`, {
        cause,
      });
    }
  }
  return 0;
}

async function startCampaign(flags: StartFlags, ctx: CommandContext): Promise<number> {
  const config: ConfigFile = flags.config
    ? await loadConfig(flags.config)
    : { params: {}, exceptions: [], controls: {}, inputs: { identity: [] } };
  const hr = flags.hr ?? config.inputs.hr;
  const source = await sourceFromFlags(flags, ctx);
  const collected = await collect(source);
  const { document } = await enrichDocument(collected, {
    identity: [],
    hr: hr ? { file: hr, mapping: config.inputs.hr_mapping } : undefined,
  });
  const managers = hr ? await readManagers(hr, config.inputs.hr_mapping) : new Map<string, string>();

  const files = new Map<string, string>();
  const dir = dirname(flags.out);
  const ext = extname(flags.out);
  const stem = basename(flags.out, ext);
  let snapshotSha256: string;
  if (source.kind === 'snapshot') {
    snapshotSha256 = sha256(await readFile(source.file));
  } else {
    // A live fetch: keep what the reviewers were shown, so the hash names a file anyone can check.
    const text = toJsonText(collected);
    snapshotSha256 = sha256(text);
    files.set(`${stem}.snapshot.json`, text);
  }

  const startedAt = flags.now ?? new Date(Math.floor(Date.now() / 1000) * 1000); // whole seconds
  const id = flags.id ?? `${document.workspace.slug}-${startedAt.toISOString().slice(0, 10)}`;
  if (!/^[\w.:-]+$/.test(id))
    throw new ConfigError(`--id ${id}: expected letters, digits, ".", "_", ":" or "-" (it names files and rows)`);
  const sheet = buildWorksheet(document, {
    campaign: {
      id,
      started_at: iso(startedAt),
      due_at: iso(new Date(startedAt.getTime() + flags.dueDays * 86_400_000)),
      snapshot_sha256: snapshotSha256,
    },
    reviewers: config.reviewers ?? {},
    managerOf: (key) => managers.get(key) ?? null,
  });
  const format = worksheetFormat(flags.out);
  if (flags.splitByReviewer) {
    for (const [reviewer, part] of splitByReviewer(sheet))
      files.set(`${stem}.${fileSafe(reviewer) || 'unassigned'}${ext}`, renderWorksheet(part, format));
  } else {
    files.set(basename(flags.out), renderWorksheet(sheet, format));
  }
  await writeFilesAtomically(dir, files);
  ctx.io.stdout(printableLines(startReport(sheet, [...files.keys()].sort(compareText), dir)));
  return 0;
}

function startReport(sheet: Worksheet, files: string[], dir: string): string {
  const reviewers = new Set(sheet.rows.map((r) => r.reviewer_email.toLowerCase()).filter(Boolean));
  const unassigned = sheet.rows.filter((r) => !r.reviewer_email);
  const fallbacks = sheet.rows.filter(
    (r) => r.reviewer_email && r.reviewer_basis.includes(' names the user themselves'),
  );
  const lines = [
    `Campaign ${sheet.campaign.id}: ${sheet.rows.length} users, ${reviewers.size} reviewers, due ${sheet.campaign.due_at}; snapshot sha256 ${sheet.campaign.snapshot_sha256}`,
    ...fallbacks.map((r) => `  ${r.subject_email}: reviewer ${r.reviewer_email} (${r.reviewer_basis})`),
    ...unassigned.map((r) => `  ${r.subject_email}: no reviewer proposed (${r.reviewer_basis})`),
    `Wrote ${files.join(', ')} to ${dir}`,
  ];
  return `${lines.join('\n')}\n`;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9@._-]/g, '_');
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
