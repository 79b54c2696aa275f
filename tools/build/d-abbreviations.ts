/**
 * Counts the capital-letter abbreviations that contain Đ ("TTĐT", "BLĐTBXH", "ĐBQH", and the
 * parts of document symbols: "21/2021/TT-BLĐTBXH", "364/ĐA-CP") in the training corpus, beside
 * the same letters written with D, into dictionaries/restore/d-abbreviations.json:
 * { "<letters with D>": ["<spelling with Đ>", count with Đ, count of the D spelling] }.
 * Stripped text and English-model OCR write every Đ as D; the restorer puts Đ back only where
 * the corpus (nearly) always writes those letters with Đ (src/restore/abbreviations.ts).
 *
 *   npx tsx tools/build/d-abbreviations.ts [--corpus ../shared/corpus]   (npm run build:abbreviations)
 *
 * Counted: every all-capital run of 2–10 letters between separators (space / - . , ; : ( ) " …) of
 * corpus training lines (the LM's held-out lines and documents skipped). A run that spells a
 * Vietnamese syllable ("ĐA", "DAN") is counted only inside a document symbol (a token with / or
 * - beside capitals or digits): as a standalone word it is the decoder's to restore.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCorpusEntries } from '../../src/lm/corpus.js';
import { isValidSyllable } from '../../src/lang/syllable.js';

const argIndex = process.argv.indexOf('--corpus');
const corpus = argIndex > 0 ? process.argv[argIndex + 1] : '../shared/corpus';
const FILES = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz', 'legal_phapdien_diepxuan.txt.gz', 'viwiki.txt.gz'];
/** Kept in the file: the Đ spelling seen at least this often (rarer ones are noise, and never restored). */
const MIN_COUNT = 3;

/** Per run with D: spelling → count (both the D spelling and its Đ spellings). */
const counts = new Map<string, Map<string, number>>();
const t0 = Date.now();
let lines = 0;
for (const file of FILES) {
  for await (const { line, split } of readCorpusEntries(join(corpus, file))) {
    if (split !== 'train' || !/[DĐ]/u.test(line)) continue;
    lines++;
    for (const token of line.split(/\s+/)) {
      if (!/[DĐ]/u.test(token)) continue;
      const symbol = /[\p{Lu}\d][/-]\p{Lu}|\p{Lu}[/-][\p{Lu}\d]/u.test(token);
      for (const run of token.split(/[^\p{L}]+/u)) {
        if (run.length < 2 || run.length > 10 || !/^[A-ZĐ]+$/u.test(run) || !/[DĐ]/u.test(run)) continue;
        if (!symbol && isValidSyllable(run.toLowerCase())) continue;
        const key = run.replace(/Đ/gu, 'D');
        let row = counts.get(key);
        if (!row) counts.set(key, (row = new Map()));
        row.set(run, (row.get(run) ?? 0) + 1);
      }
    }
  }
}

const lexicon: Record<string, [string, number, number]> = {};
for (const [key, row] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  let best = '';
  let bestCount = 0;
  for (const [spelling, n] of row) if (spelling !== key && n > bestCount) { best = spelling; bestCount = n; }
  if (bestCount >= MIN_COUNT) lexicon[key] = [best, bestCount, row.get(key) ?? 0];
}
const out = resolve('dictionaries/restore/d-abbreviations.json');
writeFileSync(out, JSON.stringify({
  note: 'Capital abbreviations with Đ in the training corpus (tools/build/d-abbreviations.ts): letters with D → [most frequent spelling with Đ, its count, count of the D spelling]. Derived counts only.',
  files: FILES, minCount: MIN_COUNT, lines, abbreviations: lexicon,
}, null, 0).replace(/\],"/g, '],\n"') + '\n');
console.log(`${Object.keys(lexicon).length} abbreviations with Đ from ${lines} lines → ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
