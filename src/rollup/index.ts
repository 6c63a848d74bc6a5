export { type EvidenceForRollup, parseEvidenceForRollup } from './read-evidence.js';
export { renderRollupJson, renderRollupMarkdown } from './render.js';
export { buildRollup, type Rollup, type RollupFinding, type RollupVerdict, type RollupWorkspace } from './rollup.js';
