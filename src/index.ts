/** uar-check as a library: the pipeline, its stages and the model. The CLI (src/cli) is a thin shell over this. */

export {
  diffAccess,
  diffBaseline,
  isEmptyChanges,
  parseBaseline,
  readBaseline,
  summarizeAccess,
} from './changes/index.js';
export { loadConfig } from './config/config-file.js';
export { buildPolicies, findOpa, loadPolicies, type PolicySet } from './engine/index.js';
export { type EnrichInputs, enrichDocument } from './enrich/enrich.js';
export * from './errors.js';
export { applyExceptions } from './exceptions/apply.js';
export * from './model/changes.js';
export * from './model/document.js';
export * from './model/join-summary.js';
export * from './model/result.js';
export * from './report/index.js';
export { collect, type ReviewOptions, type ReviewSource, runReview } from './review.js';
export { toJsonText } from './shared/json-text.js';
export { compareText, compareTuple, sortedBy } from './shared/order.js';
export { type CollectOptions, collectSegment, readToken, regionBaseUrl } from './source/segment/index.js';
export { readSnapshot } from './source/snapshot.js';
