/**
 * The changes stage: the access summary of this run's document, a baseline read back into one, and the changes
 * between the two. src/review.ts calls it; src/report renders what it returns.
 */
export { summarizeAccess } from './access-summary.js';
export { parseBaseline, readBaseline } from './baseline.js';
export { diffAccess, diffBaseline, isEmptyChanges } from './diff.js';
