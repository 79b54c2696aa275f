/**
 * Named pipelines. `default` runs everything; `text-only` never OCRs (image-only documents
 * fail with OCR_REQUIRED); `ocr-only` stops after normalize (text, no restoration or fields).
 */
import type { Stage } from '../src/document.js';
import { VnplanError } from '../src/errors.js';
import { requireTextStage, vietnameseOnly } from './guards.js';
import { didYouMean } from '../src/runner/suggest.js';
import { loadStage, type StageName } from './stages.js';
import { pipelineVersion } from './version.js';

export interface PipelineDefinition {
  name: string;
  description: string;
  /** Stage names in order, a stage object defined here (guards), or a named stage wrapped by a guard. */
  steps: (StageName | Stage | GuardedStep)[];
  /** Stages the pipeline cannot run without; the others are skipped with a warning if absent. */
  required: StageName[];
}

/** A named stage run through a guard (e.g. restoration only for Vietnamese text). */
export interface GuardedStep {
  stage: StageName;
  guard: (stage: Stage) => Stage;
}

export interface Pipeline {
  name: string;
  description: string;
  stages: Stage[];
  /** Optional stages whose module is not installed (their absence is recorded per document). */
  missing: StageName[];
  version: string;
}

export const PIPELINES: Record<string, PipelineDefinition> = {
  default: {
    name: 'default',
    description: 'ingest → OCR (pages without text) → normalize → restore → segment → extract',
    steps: ['ingest', 'ocr', 'normalize', { stage: 'restore', guard: vietnameseOnly }, 'segment', 'extract'],
    required: ['ingest', 'ocr', 'normalize'],
  },
  'text-only': {
    name: 'text-only',
    description: 'like default without OCR; image-only documents fail with OCR_REQUIRED',
    steps: ['ingest', requireTextStage, 'normalize', { stage: 'restore', guard: vietnameseOnly }, 'segment', 'extract'],
    required: ['ingest', 'normalize'],
  },
  'ocr-only': {
    name: 'ocr-only',
    description: 'ingest → OCR → normalize: the page text only (no restoration, no fields)',
    steps: ['ingest', 'ocr', 'normalize'],
    required: ['ingest', 'ocr', 'normalize'],
  },
};

export function pipelineNames(): string[] {
  return Object.keys(PIPELINES);
}

const loaded = new Map<string, Promise<Pipeline>>();

async function build(def: PipelineDefinition): Promise<Pipeline> {
  const stages: Stage[] = [];
  const missing: StageName[] = [];
  for (const step of def.steps) {
    if (typeof step !== 'string' && !('guard' in step)) {
      stages.push(step);
      continue;
    }
    const name = typeof step === 'string' ? step : step.stage;
    const stage = await loadStage(name);
    if (stage) stages.push(typeof step === 'string' ? stage : step.guard(stage));
    else if (def.required.includes(name)) {
      throw new VnplanError('INTERNAL', `Pipeline "${def.name}" needs stage "${name}" (src/stages/${name}.ts), which is not installed`);
    } else missing.push(name);
  }
  return { name: def.name, description: def.description, stages, missing, version: pipelineVersion(def.name, stages) };
}

/** The named pipeline with its stages loaded (cached per process). */
export function getPipeline(name = 'default'): Promise<Pipeline> {
  const def = PIPELINES[name];
  if (!def) {
    return Promise.reject(new VnplanError('USAGE', `Unknown pipeline "${name}"; available: ${pipelineNames().join(', ')}.${didYouMean(name, pipelineNames())}`));
  }
  let p = loaded.get(name);
  if (!p) {
    p = build(def);
    p.catch(() => loaded.delete(name));
    loaded.set(name, p);
  }
  return p;
}
