import { describe, expect, it } from 'vitest';
import { getPipeline, pipelineNames } from '../../pipelines/index.js';
import { pipelineVersion } from '../../pipelines/version.js';
import { processDocument } from '../../src/runner/process.js';
import { DocumentRecordSchema } from '../../src/schema/document.js';

describe('pipelines', () => {
  it('offers default, text-only and ocr-only, with stages in the documented order', async () => {
    expect(pipelineNames()).toEqual(['default', 'text-only', 'ocr-only']);
    const names = async (pipeline: string) => (await getPipeline(pipeline)).stages.map((s) => s.name);
    expect(await names('default')).toEqual(['ingest', 'ocr', 'normalize', 'restore', 'segment', 'extract']);
    expect(await names('text-only')).toEqual(['ingest', 'require-text', 'normalize', 'restore', 'segment', 'extract']);
    expect(await names('ocr-only')).toEqual(['ingest', 'ocr', 'normalize']);
  });
  it('rejects an unknown pipeline with a USAGE error', async () => {
    await expect(getPipeline('nope')).rejects.toMatchObject({ code: 'USAGE' });
  });
  it('versions pipelines by name, package version and stage list', async () => {
    const def = await getPipeline('default');
    expect(def.version).toMatch(/^default@\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    expect(pipelineVersion('default', def.stages.slice(1))).not.toBe(def.version);
    expect(pipelineVersion('default', def.stages)).toBe(def.version);
  });
});

describe('processDocument', () => {
  it('processes bytes with a relative path into a valid record', async () => {
    const bytes = new TextEncoder().encode('KẾ HOẠCH\nPhát động phong trào thi đua cải cách hành chính năm 2024 trên địa bàn\nhuyện Long Thành.\n');
    const record = await processDocument({ bytes, relPath: 'sub/kế hoạch.txt' }, { pipeline: 'ocr-only' });
    expect(DocumentRecordSchema.safeParse(record).success).toBe(true);
    expect(record.source.relPath).toBe('sub/kế hoạch.txt');
    expect(record.text.startsWith('KẾ HOẠCH\nPhát động phong trào thi đua cải cách hành chính năm 2024 trên địa bàn huyện Long Thành.')).toBe(true);
    expect(record.pipeline.name).toBe('ocr-only');
  });
  it('throws INPUT_NOT_FOUND for a missing path', async () => {
    await expect(processDocument('/nonexistent/file.txt')).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});
