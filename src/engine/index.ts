export { findOpa, PINNED_OPA_VERSION, type OpaBinary } from './opa-binary.js';
export { wasmCapabilitiesFile, allowedBuiltins } from './capabilities.js';
export { loadPolicies, buildPolicies, type PolicySet, type LoadPoliciesOptions } from './load.js';
export type { Evaluation } from './evaluate.js';
