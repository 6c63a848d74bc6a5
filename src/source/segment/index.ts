export { collectSegment, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, type CollectOptions } from './collect.js';
export type { Progress } from './progress-types.js';
export { formatProgress, progressLine, type ProgressLine } from './progress.js';
export { regionBaseUrl, regionOf, type Region } from './region.js';
export { checkToken, readToken, TOKEN_ENV, type TokenSources } from './token.js';
export { redact } from './redact.js';
export { normalize, type RawCollection } from './normalize.js';
export { MAX_PAGE_SIZE } from './paginate.js';
