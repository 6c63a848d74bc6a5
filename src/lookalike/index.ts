export type { FaultOptions } from './faults.js';
export { type GenerateOptions, generateWorkspace } from './generate.js';
export { type Lookalike, type LookalikeOptions, startLookalike } from './server.js';
export { syntheticDocument } from './synthetic-document.js';
export { type LookalikeGroup, type LookalikeUser, LookalikeWorkspace, loadWorkspace } from './workspace.js';
