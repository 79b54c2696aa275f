/** The package's public API (src/index.ts): every documented entry point is exported. */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { closestName, didYouMean } from '../../src/runner/suggest.js';

const FUNCTIONS = [
  'processDocument', 'runPipeline', 'readInput', 'runFolder', 'defaultConcurrency', 'shutdown',
  'getPipeline', 'pipelineNames', 'ocrFile', 'recognizeImage', 'terminateOcr', 'restoreText',
  'decodeText', 'repairTextLayerPage', 'normalizeEncodingName', 'toRecord', 'locate', 'docIdFor',
  'buildIndex', 'exportArchive', 'toVnplanError', 'detectType', 'ingestPdf', 'looksNotVietnamese',
  'vietnameseOnly', 'progressReporter', 'formatSummary', 'documentJsonSchema',
] as const;
const STAGES = ['ingestStage', 'ocrStage', 'normalizeStage', 'restoreStage', 'segmentStage', 'extractStage'] as const;

describe('library API', () => {
  it('exports the documented functions, stages, schema, pipelines and errors', () => {
    for (const name of FUNCTIONS) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    for (const name of STAGES) {
      const stage = (api as Record<string, unknown>)[name] as { name?: string; run?: unknown };
      expect(typeof stage.run, name).toBe('function');
      expect(name.startsWith(stage.name!), name).toBe(true);
    }
    expect(typeof api.QueryIndex).toBe('function');
    expect(typeof api.VnplanError).toBe('function');
    expect(api.DocumentRecordSchema.safeParse({}).success).toBe(false);
    expect(Object.keys(api.PIPELINES)).toEqual(['default', 'text-only', 'ocr-only']);
    expect(api.EXIT).toEqual({ OK: 0, SOME_FAILED: 1, FATAL: 2 });
    expect(api.ERROR_CODES.ENCODING_UNKNOWN).toMatch(/--encoding/);
    expect(api.MODEL_VARIANTS).toContain(api.DEFAULT_MODEL);
  });

  it('suggests the closest name for an operator typo, and nothing for a far one', async () => {
    expect(closestName('defualt', ['default', 'text-only', 'ocr-only'])).toBe('default');
    expect(closestName('TCVN-3', ['utf8', 'tcvn3', 'vni'])).toBe('tcvn3');
    expect(didYouMean('zzz', ['default', 'text-only'])).toBe('');
    await expect(api.getPipeline('textonly')).rejects.toThrow(/Did you mean "text-only"\?/);
  });
});
