export { accessText, rolesText } from './access-text.js';
export { renderWorksheet, type WorksheetFormat, worksheetFormat } from './render.js';
export { type ManagerOf, proposeReviewer, type ReviewerProposal, type ReviewerRules } from './reviewer.js';
export {
  buildWorksheet,
  type CampaignHeader,
  splitByReviewer,
  WORKSHEET_COLUMNS,
  type Worksheet,
  type WorksheetRow,
} from './worksheet.js';
