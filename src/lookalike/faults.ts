/**
 * Seeded fault injection. Whether the n-th request for a given URL is faulted is a hash of
 * (seed, URL, n), so results do not depend on the order in which concurrent requests arrive.
 * `maxPerRequest` caps the faults one URL suffers, so a client with enough retries always recovers.
 */
import { hashUnit } from './rng.js';

export interface FaultOptions {
  seed?: number;
  /** Latency added to every answer (ms). */
  latencyMs?: number;
  /** Share of requests answered 500/502/503. */
  errorRate?: number;
  /** Share of requests whose connection is reset before any answer. */
  resetRate?: number;
  /** Share of 200 answers cut in the middle of the JSON body. */
  truncateRate?: number;
  /** Share of requests answered only after `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Faults one URL suffers at most (default 2). Infinity: faults can be permanent. */
  maxPerRequest?: number;
  /** Apply faults only to these endpoints (e.g. "GET /users/{id}"); default all. */
  endpoints?: string[];
}

export type Fault = 'none' | 'error' | 'reset' | 'truncate' | 'slow';

export class FaultPlan {
  private readonly seen = new Map<string, { n: number; faults: number }>();

  constructor(private readonly options: FaultOptions) {}

  decide(endpoint: string, url: string): Fault {
    const o = this.options;
    if (o.endpoints && !o.endpoints.includes(endpoint)) return 'none';
    const entry = this.seen.get(url) ?? { n: 0, faults: 0 };
    this.seen.set(url, entry);
    entry.n += 1;
    if (entry.faults >= (o.maxPerRequest ?? 2)) return 'none';
    const r = hashUnit(o.seed ?? 1, url, entry.n);
    const bands: Array<[Fault, number]> = [
      ['error', o.errorRate ?? 0],
      ['reset', o.resetRate ?? 0],
      ['truncate', o.truncateRate ?? 0],
      ['slow', o.slowRate ?? 0],
    ];
    let edge = 0;
    for (const [fault, rate] of bands) {
      edge += rate;
      if (r < edge) {
        entry.faults += 1;
        return fault;
      }
    }
    return 'none';
  }

  errorStatus(url: string): number {
    return [500, 502, 503][Math.floor(hashUnit(this.options.seed ?? 1, `status:${url}`, 0) * 3)] ?? 500;
  }

  reset(): void {
    this.seen.clear();
  }
}
