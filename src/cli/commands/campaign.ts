/**
 * `uar-check campaign start`: the worksheet of a new review campaign (one file, or one per reviewer), built from a
 * snapshot or a live fetch, with the HR roster's managers and the config's reviewers.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Command } from 'commander';
import {
  buildWorksheet,
  renderWorksheet,
  splitByReviewer,
  type Worksheet,
  worksheetFormat,
} from '../../campaign/index.js';
import { loadConfig } from '../../config/config-file.js';
import type { ConfigFile } from '../../config/config-schema.js';
import { enrichDocument } from '../../enrich/enrich.js';
import { readManagers } from '../../enrich/managers.js';
import { ConfigError } from '../../errors.js';
import { writeFilesAtomically } from '../../report/index.js';
import { collect } from '../../review.js';
import { toJsonText } from '../../shared/json-text.js';
import type { CommandContext } from '../main.js';
import { positiveInt, rfc3339 } from '../parse.js';
import { addSourceOptions, type SourceFlags, sourceFromFlags } from '../source-options.js';

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
  const campaign = program.command('campaign').description('run an access-review campaign: worksheets and progress');
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

  const startedAt = flags.now ?? new Date();
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
  ctx.io.stdout(startReport(sheet, [...files.keys()].sort(), dir));
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
