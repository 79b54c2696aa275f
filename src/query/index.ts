/** Public API of the query side: build the index over out/, then query it. */
export { buildIndex, type BuildStats } from './build-index.js';
export { QueryIndex, type QueryOptions, type QueryResult, type QueryResponse } from './query.js';
export type { QueryFilters } from './filters.js';
export type { DocMeta, RefMeta } from './doc-meta.js';
export { foldText, foldName, tokenize } from './fold.js';
export { symbolKey } from './symbols.js';
export { makeSnippet, type HighlightStyle, type Snippet } from './snippet.js';
export { readRecords, listRecordFiles, type LoadWarning } from './records.js';
export { INDEX_DIR } from './index-store.js';
