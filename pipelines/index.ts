/**
 * Named pipelines. `default` runs everything; `text-only` never OCRs (image-only documents
 * fail with OCR_REQUIRED); `ocr-only` stops after normalize (text, no restoration or fields).
 */
import type { Stage } from '../src/document.js';
import { VnplanError } from '../src/errors.js';
import { requireTextStage, vietnameseOnly } from './guards.js';
import { didYouMean } from '../src/runner/suggest.js';
import { STAGES, type StageName } from './stages.js';
import { pipelineVersion } from './version.js';

export interface PipelineDefinition {
  name: string;
  description: string;
  /** Stage names in order, a stage object defined here (guards), or a named stage wrapped by a guard. */
  steps: (StageName | Stage | GuardedStep)[];
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
  version: string;
}

export const PIPELINES: Record<string, PipelineDefinition> = {
  default: {
    name: 'default',
    description: 'ingest → OCR (pages without text) → normalize → restore → segment → extract',
    steps: ['ingest', 'ocr', 'normalize', { stage: 'restore', guard: vietnameseOnly }, 'segment', 'extract'],
  },
  'text-only': {
    name: 'text-only',
    description: 'like default without OCR; image-only documents fail with OCR_REQUIRED',
    steps: ['ingest', requireTextStage, 'normalize', { stage: 'restore', guard: vietnameseOnly }, 'segment', 'extract'],
  },
  'ocr-only': {
    name: 'ocr-only',
    description: 'ingest → OCR → normalize: the page text only (no restoration, no fields)',
    steps: ['ingest', 'ocr', 'normalize'],
  },
};

export function pipelineNames(): string[] {
  return Object.keys(PIPELINES);
}

const built = new Map<string, Pipeline>();

function build(def: PipelineDefinition): Pipeline {
  const stages = def.steps.map((step): Stage => {
    if (typeof step === 'string') return STAGES[step];
    return 'guard' in step ? step.guard(STAGES[step.stage]) : step;
  });
  return { name: def.name, description: def.description, stages, version: pipelineVersion(def.name, stages) };
}

/** The named pipeline with its stages (built once per process). */
export async function getPipeline(name = 'default'): Promise<Pipeline> {
  const def = PIPELINES[name];
  if (!def) {
    throw new VnplanError('USAGE', `Unknown pipeline "${name}"; available: ${pipelineNames().join(', ')}.${didYouMean(name, pipelineNames())}`);
  }
  let pipeline = built.get(name);
  if (!pipeline) {
    pipeline = build(def);
    built.set(name, pipeline);
  }
  return pipeline;
}
