export { accessText, rolesText } from './access-text.js';
export { type ChangedDecision, changedDecisions } from './changed.js';
export { mergeWorksheets } from './merge.js';
export { type DecisionWord, isWorksheet, readWorksheet, type WorksheetEntry } from './read-worksheet.js';
export { renderWorksheet, type WorksheetFormat, worksheetFormat } from './render.js';
export { renderStatusMarkdown, renderStatusText } from './render-status.js';
export { type ManagerOf, proposeReviewer, type ReviewerProposal, type ReviewerRules } from './reviewer.js';
export { type CampaignStatus, campaignStatus, type ReviewerProgress } from './status.js';
export {
  buildWorksheet,
  type CampaignHeader,
  splitByReviewer,
  WORKSHEET_COLUMNS,
  type Worksheet,
  type WorksheetRow,
} from './worksheet.js';
