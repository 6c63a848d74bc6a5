/** The flags that say where the access data comes from (shared by run and fetch) → a ReviewSource. */
import { type Command, Option } from 'commander';
import { ConfigError } from '../errors.js';
import type { ReviewSource } from '../review.js';
// The client's light modules only: `run --snapshot` does not load the Segment client (review.ts imports it when
// it collects).
import { AUDIT_RETENTION_DAYS, DEFAULT_CONCURRENCY } from '../source/segment/defaults.js';
import type { Progress } from '../source/segment/progress-types.js';
import { DEFAULT_MAX_WAIT_MS } from '../source/segment/rate-limit.js';
import { regionBaseUrl } from '../source/segment/region.js';
import { readToken } from '../source/segment/token.js';
import type { CommandContext } from './io.js';
import { positiveInt, positiveSeconds } from './parse.js';
import { formatProgress, noticeFor, progressLine } from './progress.js';

export interface SourceFlags {
  snapshot?: string;
  apiUrl?: string;
  region?: 'us' | 'eu';
  tokenFile?: string;
  auditDays?: number;
  concurrency?: number;
  timeout?: number;
  requestTimeout?: number;
  maxWait?: number;
}

export function addSourceOptions(command: Command, withSnapshot: boolean): Command {
  if (withSnapshot) command.option('--snapshot <file>', 'evaluate a saved snapshot instead of calling the API');
  return command
    .option('--api-url <url>', 'Segment Public API base URL (overrides --region)')
    .addOption(new Option('--region <region>', 'Segment region of the workspace').choices(['us', 'eu']).default('us'))
    .option(
      '--token-file <file>',
      'read the Public API token from a file ("-" for stdin) instead of SEGMENT_PUBLIC_API_TOKEN',
    )
    .option(
      '--audit-days <n>',
      `also read the audit trail of the last N days (Business tier, at most ${AUDIT_RETENTION_DAYS})`,
      positiveInt,
    )
    .option('--concurrency <n>', `parallel per-user/per-group requests (default ${DEFAULT_CONCURRENCY})`, positiveInt)
    .option(
      '--timeout <seconds>',
      'give up when the whole collection takes longer (default: no limit)',
      positiveSeconds,
    )
    .option('--request-timeout <seconds>', 'give up on one request after this long (default 30)', positiveSeconds)
    .option(
      '--max-wait <seconds>',
      `longest wait a rate-limited server may impose at once (default ${DEFAULT_MAX_WAIT_MS / 1000})`,
      positiveSeconds,
    );
}

export async function sourceFromFlags(flags: SourceFlags, ctx: CommandContext): Promise<ReviewSource> {
  if (flags.snapshot) {
    if (flags.apiUrl || flags.tokenFile)
      throw new ConfigError('--snapshot cannot be combined with --api-url or --token-file');
    return { kind: 'snapshot', file: flags.snapshot };
  }
  const stdin = flags.tokenFile === '-' ? ctx.io.stdin : undefined; // the stream only when it is read
  const token = await readToken({ env: ctx.io.env, file: flags.tokenFile, stdin });
  ctx.secrets.push(token);
  const baseUrl = flags.apiUrl ?? regionBaseUrl(flags.region ?? 'us');
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new ConfigError(`--api-url ${baseUrl}: expected an http(s) URL`);
  if (flags.auditDays !== undefined && flags.auditDays > AUDIT_RETENTION_DAYS) {
    ctx.io.stderr(
      `uar-check: note: --audit-days ${flags.auditDays} reads ${AUDIT_RETENTION_DAYS} days, the audit trail Segment keeps\n`,
    );
  }
  const ms = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));
  return {
    kind: 'api',
    baseUrl,
    token,
    concurrency: flags.concurrency,
    auditDays: flags.auditDays,
    timeoutMs: ms(flags.timeout),
    requestTimeoutMs: ms(flags.requestTimeout),
    maxWaitMs: ms(flags.maxWait),
    onProgress: progressReporter(ctx),
    ...backoffFromEnv(ctx.io.env.UAR_BACKOFF_MS),
  };
}

/** UAR_BACKOFF_MS=`base,cap`: the retry backoff in ms (default 250,10000); tests shorten it. */
function backoffFromEnv(value: string | undefined): { backoff?: { baseMs: number; maxMs: number } } {
  if (value === undefined || value === '') return {};
  const match = /^(\d+),(\d+)$/.exec(value.trim());
  if (!match) throw new ConfigError(`UAR_BACKOFF_MS ${value}: expected base,cap in milliseconds, e.g. 250,10000`);
  return { backoff: { baseMs: Number(match[1]), maxMs: Number(match[2]) } };
}

/** A live line on a terminal; only a final one-line summary otherwise (CI). */
function progressReporter(ctx: CommandContext): (p: Progress) => void {
  const live = ctx.io.isTTY ? progressLine(ctx.io.stderr) : undefined;
  return (p) => {
    const notice = noticeFor(p);
    if (notice) {
      live?.done();
      ctx.io.stderr(`uar-check: ${notice}\n`);
    }
    live?.update(p);
    if (p.phase !== 'done') return;
    live?.done();
    ctx.io.stderr(`${formatProgress(p)}\n`);
  };
}
