export { startLookalike, type Lookalike, type LookalikeOptions } from './server.js';
export { generateWorkspace, type GenerateOptions } from './generate.js';
export { loadWorkspace, LookalikeWorkspace, type LookalikeUser, type LookalikeGroup } from './workspace.js';
export type { FaultOptions } from './faults.js';
export { syntheticDocument } from './synthetic-document.js';
