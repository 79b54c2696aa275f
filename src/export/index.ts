/** Public API of the export side. */
export { exportArchive, EXPORT_FORMATS, type ExportFormat, type ExportStats } from './export.js';
export { TABLES, TABLE_NAMES, rowsOf, type TableName, type Row } from './tables.js';
export { createSchemaSql } from './sinks.js';
