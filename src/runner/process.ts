/** One document through a pipeline, from a path or from bytes, to a validated record. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import { emptyDoc, type PipelineOptions, type StageContext, type VDoc } from '../document.js';
import { inputReadError, VnplanError } from '../errors.js';
import { checkFileSize, limitsOf, type InputLimits } from '../ingest/limits.js';
import { canonicalRelPath } from '../output/docid.js';
import { toRecord } from '../output/record.js';
import type { DocumentRecord } from '../schema/document.js';

export interface ProcessOptions extends PipelineOptions {
  /** Pipeline name (see pipelines/) or an already loaded pipeline; default 'default'. */
  pipeline?: string | Pipeline;
  signal?: AbortSignal;
  onProgress?: StageContext['onProgress'];
}

export type DocumentInput = string | { bytes: Uint8Array; relPath: string; path?: string };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readInput(input: DocumentInput, limits: InputLimits = {}): Promise<{ bytes: Uint8Array; relPath: string; path: string }> {
  if (typeof input !== 'string') return { bytes: input.bytes, relPath: canonicalRelPath(input.relPath), path: input.path ?? input.relPath };
  try {
    const path = resolve(input);
    await checkFileSize(path, limits);
    return { bytes: new Uint8Array(await readFile(path)), relPath: canonicalRelPath(basename(path)), path };
  } catch (err) {
    throw inputReadError(err, input);
  }
}

/** Runs the pipeline's stages over a fresh VDoc; returns the final VDoc (for tests and tools). */
export async function runPipeline(pipeline: Pipeline, input: { bytes: Uint8Array; relPath: string; path: string }, options: ProcessOptions = {}): Promise<VDoc> {
  const { pipeline: _ignored, signal, onProgress, ...pipelineOptions } = options;
  const ctx: StageContext = { options: pipelineOptions, signal, onProgress };
  let doc = emptyDoc({ path: input.path, relPath: input.relPath, sha256: sha256(input.bytes), bytes: input.bytes.byteLength }, input.bytes);
  try {
    for (const stage of pipeline.stages) {
      signal?.throwIfAborted();
      const started = performance.now();
      doc = await stage.run(doc, ctx);
      // Stages may time themselves more precisely; otherwise record the wall time here.
      if (doc.timings[stage.name] === undefined) doc = { ...doc, timings: { ...doc.timings, [stage.name]: performance.now() - started } };
    }
  } finally {
    await doc.release?.();
  }
  // Raw bytes, page images and renderers are not part of the record; drop them so they can be collected.
  const { release: _release, ...done } = doc;
  return { ...done, bytes: undefined, pages: done.pages.map(({ image: _image, render: _render, ...page }) => page) };
}

/** Processes one document and returns its validated record. Throws VnplanError on fatal problems. */
export async function processDocument(input: DocumentInput, options: ProcessOptions = {}): Promise<DocumentRecord> {
  const pipeline = typeof options.pipeline === 'object' ? options.pipeline : await getPipeline(options.pipeline ?? 'default');
  const doc = await runPipeline(pipeline, await readInput(input, limitsOf(options)), options);
  return toRecord(doc, { pipeline: { name: pipeline.name, version: pipeline.version }, restoreTokens: options.restoreTokens });
}
