export { docIdFor, canonicalRelPath, slugify } from './docid.js';
export { emptyFields } from './empty-fields.js';
export { locate, toNormalizedOffset, pageOfEachChar, forEachCharPage, type Location } from './locate.js';
export { toRecord, pageRanges, locateProvenances, type RecordMeta } from './record.js';
export { writeDocument, readRecord, writeJson, writeJsonLines, removeStaleTempFiles, recordPath, INDEX_FILE, REPORT_FILE } from './write.js';
