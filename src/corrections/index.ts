/** Human corrections of records (vnplan review): schema, storage, application. */
export * from './schema.js';
export { applyCorrections, correctionStates, locateTextCorrection, contextOf, offsetMapper, type AppliedRecord, type CorrectionState, type CorrectionStatus } from './apply.js';
export { addCorrection, removeCorrection, readCorrections, writeCorrections, correctionsDir, correctionsPath, correctionsStamp, CorrectionConflict, CorrectionsFileError } from './store.js';
