/** Non-Vietnamese inputs: kept as they are with a warning, never "restored" into Vietnamese. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { looksNotVietnamese, vietnameseEvidence, VIETNAMESE_MIN_SHARE } from '../../src/lang/evidence.js';
import { stripMarks } from '../../src/lang/fold.js';
import { processDocument } from '../../src/runner/process.js';
import { errorCode, ingest, repoPath } from './helpers.js';

const ENGLISH = `Annual Plan for the Emulation Movement
The committee will organise the following activities during the school year.
1. Purpose and requirements
All staff members shall take part in the campaign and report their results by 15 March.
2. Content
Teachers should improve the quality of teaching and learning in every classroom.`;

const FRENCH = `Plan annuel du mouvement d'émulation
Le comité organisera les activités suivantes pendant l'année scolaire à venir.
1. Objectifs et exigences
Tous les employés participeront à la campagne et présenteront leurs résultats avant le 15 mars.
2. Contenu
Les enseignants amélioreront la qualité de l'enseignement dans chaque classe, où qu'elle soit.`;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('Vietnamese or not', () => {
  it('separates the seeds (clean, garbled, unaccented) from English and French', () => {
    const seeds = readdirSync(repoPath('fixtures')).filter((f) => f.endsWith('.txt'));
    expect(seeds.length).toBe(5);
    for (const seed of seeds) {
      const text = readFileSync(repoPath(`fixtures/${seed}`), 'utf8');
      expect(vietnameseEvidence(text).share, seed).toBeGreaterThan(0.8);
      expect(vietnameseEvidence(stripMarks(text)).share, `${seed} without accents`).toBeGreaterThan(0.8);
      expect(looksNotVietnamese(text).notVietnamese).toBe(false);
    }
    for (const foreign of [ENGLISH, FRENCH]) {
      expect(vietnameseEvidence(foreign).share).toBeLessThan(VIETNAMESE_MIN_SHARE);
      expect(looksNotVietnamese(foreign).notVietnamese).toBe(true);
    }
    // A short line is not judged.
    expect(looksNotVietnamese('Annual plan 2024').notVietnamese).toBe(false);
  });

  it('ingest keeps English text, warns, and does not flag it for restoration', async () => {
    const doc = await ingest(utf8(ENGLISH));
    expect(doc.pages[0].text).toBe(ENGLISH);
    expect(doc.pages.some((p) => p.needsRestoration)).toBe(false);
    const warning = doc.diagnostics.find((d) => d.code === 'ingest.not-vietnamese');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/kept as it is/);
    expect(doc.diagnostics.some((d) => d.code === 'ingest.garbled-text')).toBe(false);
  });

  it('a French text goes through the pipeline untouched: no restoration, a valid record', async () => {
    const record = await processDocument({ bytes: utf8(FRENCH), relPath: 'plan-fr.txt' }, { pipeline: 'text-only' });
    expect(record.text).toContain("Plan annuel du mouvement d'émulation");
    expect(record.text).toContain('Le comité organisera');
    expect(record.text).not.toMatch(/đủ|Lệ/);
    expect(record.restoration).toBeUndefined();
    const codes = record.diagnostics.map((d) => d.code);
    expect(codes).toContain('ingest.not-vietnamese');
    expect(codes).toContain('restore.skipped-not-vietnamese');
  });

  it('fails 8-bit bytes that no Vietnamese encoding reads with ENCODING_UNKNOWN and says what to do', async () => {
    // Deterministic bytes ≥ 0x80 without NUL or control bytes: not binary, not UTF-8, not text.
    const bytes = Uint8Array.from({ length: 2000 }, (_, i) => 0x80 + ((i * 73 + (i >> 3) * 31) % 128));
    expect(await errorCode(ingest(bytes))).toBe('ENCODING_UNKNOWN');
    await expect(ingest(bytes)).rejects.toThrow(/--encoding/);
  });
});
