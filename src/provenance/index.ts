export { githubActionsContext } from './github.js';
export { describeSource, isSegmentApi, type SourceFacts } from './source.js';
