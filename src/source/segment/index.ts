export {
  AUDIT_RETENTION_DAYS,
  type CollectOptions,
  collectSegment,
  DEFAULT_CONCURRENCY,
  DEFAULT_PAGE_SIZE,
} from './collect.js';
export { normalize, type RawCollection } from './normalize.js';
export { MAX_PAGE_SIZE } from './paginate.js';
export type { Progress } from './progress-types.js';
export { DEFAULT_MAX_WAIT_MS } from './rate-limit.js';
export { redact } from './redact.js';
export { type Region, regionBaseUrl, regionOf } from './region.js';
export { checkToken, readToken, TOKEN_ENV, type TokenSources } from './token.js';
