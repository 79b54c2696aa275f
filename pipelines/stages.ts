/**
 * The stage modules a pipeline can use, by name. Stages are loaded on demand (text-only runs
 * never load tesseract.js). A stage module that is not installed is reported by `loadStage`
 * as missing rather than crashing the import graph, so a pipeline names its stages once and
 * adding a stage is one line in STAGE_MODULES.
 */
import { fileURLToPath } from 'node:url';
import type { Stage } from '../src/document.js';

export const STAGE_MODULES = {
  ingest: { file: 'ingest', exportName: 'ingestStage' },
  ocr: { file: 'ocr', exportName: 'ocrStage' },
  normalize: { file: 'normalize', exportName: 'normalizeStage' },
  restore: { file: 'restore', exportName: 'restoreStage' },
  segment: { file: 'segment', exportName: 'segmentStage' },
  extract: { file: 'extract', exportName: 'extractStage' },
} as const;

export type StageName = keyof typeof STAGE_MODULES;

/** Imports a module relative to this folder, or undefined when that very module is absent. */
export async function importOptional(relative: string): Promise<Record<string, unknown> | undefined> {
  const url = new URL(relative, import.meta.url);
  try {
    return (await import(url.href)) as Record<string, unknown>;
  } catch (err) {
    // Only "this very file does not exist" means absent. A module that exists but is broken,
    // or whose own imports are missing, must surface its error.
    const e = err as { code?: string; message?: string; url?: string };
    const notFound = /Cannot find module '([^']+)'/.exec(e.message ?? '');
    const missingPath = e.url ? fileURLToPath(e.url) : notFound?.[1];
    const stem = (p: string) => p.replace(/\.(m?[jt]s|cjs|cts|mts)$/, '');
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || notFound) && missingPath && stem(missingPath) === stem(fileURLToPath(url))) return undefined;
    throw err;
  }
}

export async function loadStage(name: StageName): Promise<Stage | undefined> {
  const spec = STAGE_MODULES[name];
  const mod = await importOptional(`../src/stages/${spec.file}.js`);
  const stage = mod?.[spec.exportName] as Stage | undefined;
  if (mod && (!stage || typeof stage.run !== 'function')) {
    throw new Error(`src/stages/${spec.file} does not export a Stage named ${spec.exportName}`);
  }
  return stage;
}
