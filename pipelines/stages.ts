/**
 * The stage modules a pipeline can use, by name: a pipeline names its stages once, and adding
 * a stage is one import and one line here. The OCR stage loads tesseract.js only when a page
 * needs it (src/ocr/pool.ts), so text-only runs never load it.
 */
import type { Stage } from '../src/document.js';
import { extractStage } from '../src/stages/extract.js';
import { ingestStage } from '../src/stages/ingest.js';
import { normalizeStage } from '../src/stages/normalize.js';
import { ocrStage } from '../src/stages/ocr.js';
import { restoreStage } from '../src/stages/restore.js';
import { segmentStage } from '../src/stages/segment.js';

export const STAGES = {
  ingest: ingestStage,
  ocr: ocrStage,
  normalize: normalizeStage,
  restore: restoreStage,
  segment: segmentStage,
  extract: extractStage,
} as const satisfies Record<string, Stage>;

export type StageName = keyof typeof STAGES;
