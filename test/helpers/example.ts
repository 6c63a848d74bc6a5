/** The bundled example workspace served by the local Segment look-alike, for end-to-end tests. */
import type { loadConfig } from '../../src/config/config-file.js';
import type { EnrichInputs } from '../../src/enrich/enrich.js';
import { type Lookalike, loadWorkspace, startLookalike } from '../../src/lookalike/index.js';

export const EXAMPLE_TOKEN = `sgp_${'t0kenVALUE'.repeat(6)}abcd`;
export const EXAMPLE_NOW = '2026-11-28T00:00:00Z';
export const EXAMPLE_CONFIG = 'fixtures/example/uar-check.yaml';

export async function startExample(options: Partial<Parameters<typeof startLookalike>[0]> = {}): Promise<Lookalike> {
  return startLookalike({
    workspace: await loadWorkspace('fixtures/example/segment-workspace.json'),
    token: EXAMPLE_TOKEN,
    maxSeconds: 120,
    ...options,
  });
}

/** The example config's inputs to enrich from: its review decisions, and its identity exports and HR roster too. */
export function exampleEnrich(config: Awaited<ReturnType<typeof loadConfig>>, withIdentity: boolean): EnrichInputs {
  return {
    identity: withIdentity ? config.inputs.identity.map((file) => ({ file })) : [],
    hr: withIdentity && config.inputs.hr ? { file: config.inputs.hr } : undefined,
    reviews: config.inputs.reviews ? { file: config.inputs.reviews } : undefined,
  };
}
