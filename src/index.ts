/** uar-check as a library: the pipeline, its stages and the model. The CLI (src/cli) is a thin shell over this. */
export { runReview, collect, type ReviewOptions, type ReviewSource, type Review } from './review.js';
export * from './errors.js';
export * from './model/document.js';
export * from './model/result.js';
export { loadPolicies, buildPolicies, findOpa, type PolicySet } from './engine/index.js';
export { collectSegment, readToken, regionBaseUrl, type CollectOptions } from './source/segment/index.js';
export { readSnapshot } from './source/snapshot.js';
export { enrichDocument, type EnrichInputs } from './enrich/enrich.js';
export { loadConfig } from './config/config-file.js';
export { applyExceptions } from './exceptions/apply.js';
export * from './report/index.js';
export { startLookalike, generateWorkspace, loadWorkspace } from './lookalike/index.js';
