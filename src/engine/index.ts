export { sameBundle } from './bundle-file.js';
export { allowedBuiltins, wasmCapabilitiesFile } from './capabilities.js';
export type { Evaluation } from './evaluate.js';
export { buildPolicies, bundleMatches, type LoadPoliciesOptions, loadPolicies, type PolicySet } from './load.js';
export { findOpa, type OpaBinary, PINNED_OPA_VERSION } from './opa-binary.js';
