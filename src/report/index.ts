export { ACCESS_LIST_COLUMNS, renderAccessList, safeCell } from './access-list.js';
export {
  buildEvidence,
  EVIDENCE_SCHEMA_ID,
  EVIDENCE_VERSION,
  type EvidenceOptions,
  renderEvidence,
} from './evidence.js';
export { computeTotals, type Totals } from './evidence-totals.js';
export { exitCodeFor } from './exit-code.js';
export {
  FORMAT_NAMES,
  FORMATS,
  type FormatName,
  type RenderAllOptions,
  type RenderedOutputs,
  renderAccessListFile,
  renderAll,
} from './formats.js';
export { HTML_CSP, renderHtmlReport } from './html/index.js';
export { renderSummary, type SummaryOptions } from './markdown.js';
export { resourceLabel } from './resource-label.js';
export {
  renderSarif,
  SARIF_MAX_GZIP_BYTES,
  SARIF_MAX_RESULTS,
  type SarifOptions,
  type SarifOutcome,
  type SarifOutput,
  type SarifTruncation,
} from './sarif.js';
export { LEVEL, SECURITY_SEVERITY } from './sarif-rules.js';
export { type Validation, validateEvidence, validateSarif } from './validate.js';
export { type Verdict, verdictOf } from './verdict.js';
export { writeFilesAtomically } from './write-atomic.js';
