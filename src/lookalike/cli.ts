/**
 * Run the look-alike from a shell:
 *   node dist/lookalike/cli.js --port 0 --workspace fixtures/example/segment-workspace.json
 *   node dist/lookalike/cli.js --users 10000 --groups 100 --seed 7 --latency-ms 20 --rate-limit 600
 * Prints the URL on stdout, stops on SIGINT/SIGTERM and by itself after --max-seconds (default 600).
 * The accepted token is SEGMENT_PUBLIC_API_TOKEN (or --token).
 */
import { parseArgs } from 'node:util';
import { generateWorkspace } from './generate.js';
import { startLookalike } from './server.js';
import { loadWorkspace } from './workspace.js';

const HELP = `usage: lookalike [--workspace FILE | --users N [--groups G] [--owners O] [--seed S]] [--port P]
  [--token T] [--plan business|team|free] [--region us|eu] [--token-region us|eu] [--rate-limit PER_MINUTE]
  [--latency-ms MS] [--error-rate R] [--reset-rate R] [--truncate-rate R] [--slow-rate R] [--slow-ms MS]
  [--fault-seed S] [--max-seconds S]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      users: { type: 'string' },
      groups: { type: 'string' },
      owners: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      plan: { type: 'string' },
      region: { type: 'string' },
      'token-region': { type: 'string' },
      'rate-limit': { type: 'string' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'truncate-rate': { type: 'string' },
      'slow-rate': { type: 'string' },
      'slow-ms': { type: 'string' },
      'fault-seed': { type: 'string' },
      'max-seconds': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const token = values.token ?? process.env.SEGMENT_PUBLIC_API_TOKEN;
  if (!token) throw new Error('no token: set SEGMENT_PUBLIC_API_TOKEN or pass --token');
  const workspace = values.workspace
    ? await loadWorkspace(values.workspace)
    : generateWorkspace({
        seed: num(values.seed) ?? 1,
        users: num(values.users) ?? 100,
        groups: num(values.groups) ?? 5,
        ...(values.owners ? { owners: Number(values.owners) } : {}),
      });
  const pick = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined => {
    if (v !== undefined && !allowed.includes(v as T)) throw new Error(`expected one of ${allowed.join('|')}, got ${v}`);
    return v as T | undefined;
  };
  const server = await startLookalike({
    workspace,
    token,
    port: num(values.port) ?? 0,
    plan: pick(values.plan, ['business', 'team', 'free'] as const) ?? 'business',
    region: pick(values.region, ['us', 'eu'] as const) ?? 'us',
    ...(values['token-region'] ? { tokenRegion: pick(values['token-region'], ['us', 'eu'] as const) } : {}),
    rateLimitPerMinute: num(values['rate-limit']) ?? 100_000,
    maxSeconds: num(values['max-seconds']) ?? 600,
    faults: {
      seed: num(values['fault-seed']) ?? 1,
      latencyMs: num(values['latency-ms']) ?? 0,
      errorRate: num(values['error-rate']) ?? 0,
      resetRate: num(values['reset-rate']) ?? 0,
      truncateRate: num(values['truncate-rate']) ?? 0,
      slowRate: num(values['slow-rate']) ?? 0,
      slowMs: num(values['slow-ms']) ?? 5_000,
    },
  });
  process.stdout.write(`${server.url}\n`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const maxSeconds = num(values['max-seconds']) ?? 600;
  setTimeout(stop, maxSeconds * 1000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`lookalike: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
