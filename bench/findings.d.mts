/** Types of bench/findings.mjs. */
export type FindingSets = Record<string, string[]>;

export function controlModules(dir: string): string[];
export function findingsFromEvidence(evidence: unknown): FindingSets;
export function findingsFromOpa(opaOutput: unknown): FindingSets;
export function compareFindings(a: FindingSets, b: FindingSets): string | null;
