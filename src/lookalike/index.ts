export type { FaultOptions } from './faults.js';
export { type GenerateOptions, generateWorkspace } from './generate.js';
export { MAX_COUNT } from './paging.js';
export type { Plan } from './routes.js';
export { type Lookalike, type LookalikeOptions, startLookalike } from './server.js';
export type { Variants } from './variants.js';
export { type LookalikeGroup, type LookalikeUser, LookalikeWorkspace, loadWorkspace } from './workspace.js';
