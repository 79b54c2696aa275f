/**
 * Builds dictionaries/restore/certain-contexts.bin (src/restore/certain.ts): skeleton trigrams
 * of the corpus TRAINING split (administrative and legal text, without the speed bench's lines
 * SPEED_LINES or --skip FROM-TO) in which one spelling of the middle syllable has at least
 * --share of the context's --min or more occurrences (a trigram seen --min times with its
 * spellings split is kept as a veto), and the one-sided bigrams (previous or next syllable only)
 * with at least --bigram-share of --bigram-min — flagged to decide alone, when the other side was
 * never seen, from --one-sided-min occurrences (0: never); every other bigram seen twice is kept
 * as a veto then. A second pass over the same lines counts the wide windows (five syllables,
 * and four on either side) at the positions those leave open, certain from --wide-min
 * occurrences with --wide-share (0: no wide windows). Derived statistics (two hashes and a
 * spelling index per context), no text. Then measures the table on the dev split, stripped:
 * the share of syllables it decides and how many of those it gets wrong.
 *
 *   npx tsx tools/build/certain.ts [--corpus ../shared/corpus] [--min 2] [--share 0.99] [--bigram-min 5] [--bigram-share 0.99] [--one-sided-min 20] [--wide-min 2] [--wide-share 0.99] [--skip 2-12] [--files a.txt.gz,b.txt.gz]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fnv1a, readCorpusLines } from '../../src/lm/corpus.js';
import { CertainContexts, keyHashes, pieceKeys, SPEED_LINES } from '../../src/restore/certain.js';
import { ContextCounts, WideContextCounts } from '../lib/certain-counts.js';
import { tokenize, type Piece } from '../../src/restore/tokenize.js';
import { foldKey, stripMarks } from '../../src/lang/fold.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const corpus = resolve(arg('--corpus', '../shared/corpus'));
const minCount = Number(arg('--min', '2'));
const minShare = Number(arg('--share', '0.99'));
const bigramMin = Number(arg('--bigram-min', '5'));
const bigramShare = Number(arg('--bigram-share', '0.99'));
const oneSidedMin = Number(arg('--one-sided-min', '20'));
const wideMin = Number(arg('--wide-min', '2'));
const wideShare = Number(arg('--wide-share', '0.99'));
// The speed bench's lines stay out of the table (SPEED_LINES).
const [skipFrom, skipTo] = arg('--skip', `${SPEED_LINES.from}-${SPEED_LINES.to}`).split('-').map(Number);
// In-domain text only: Wikipedia's contexts are another register (and 20× the size).
// The pháp điển text (split by document) added to them: on the dev-docs, default mode, 1,749 → 1,679
// errors (national documents 99.14 → 99.24 %), table 4.5 → 11.2 MB.
const files = arg('--files', 'admin_word_recommend.txt.gz,legal_tvpl_johnpa02.txt.gz,legal_phapdien_diepxuan.txt.gz').split(',');
const t0 = Date.now();
const skeletonOf = (piece: Piece): string => foldKey(piece.input);

/** The training lines the table is built from (twice: narrow contexts, then wide windows). */
async function* trainingLines(): AsyncGenerator<Piece[]> {
  for (const file of files) {
    for await (const line of readCorpusLines(join(corpus, file), 'train')) {
      const bucket = fnv1a(line) % 100;
      if (bucket >= skipFrom && bucket < skipTo) continue;
      yield tokenize(line);
    }
  }
}

const counts = new ContextCounts();
let lines = 0;
for await (const pieces of trainingLines()) {
  counts.add(pieces, skeletonOf);
  lines++;
}
const narrow = counts.certain({ minCount, minShare }, { minCount: bigramMin, minShare: bigramShare }, oneSidedMin > 0 ? { minCount: oneSidedMin, minShare: bigramShare } : undefined);
let table = narrow;
if (wideMin > 0) {
  const wide = new WideContextCounts(narrow);
  for await (const pieces of trainingLines()) wide.add(pieces, skeletonOf);
  table = wide.certain({ minCount: wideMin, minShare: wideShare });
  console.log(`wide windows: ${wide.size} counted at the ${wide.openPositions} of ${wide.wordPositions} training syllables the narrow contexts leave open; ${table.size - narrow.size} kept (min ${wideMin}, share ≥ ${wideShare})`);
}
const path = join('dictionaries', 'restore', 'certain-contexts.bin');
const data = table.encode();
writeFileSync(path, data);
console.log(`${path}: ${table.size - table.vetoes} certain contexts and ${table.vetoes} vetoes (of ${counts.size} trigrams: min ${minCount}, share ≥ ${minShare}; bigrams min ${bigramMin}, share ≥ ${bigramShare}, alone from ${oneSidedMin || '—'}), ${table.words.length} spellings, ${(data.length / 1024).toFixed(0)} KB, from ${lines} training lines (hash % 100 in [${skipFrom}, ${skipTo}) left out) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// Dev split, stripped as the restorer sees it: coverage and errors of the table alone.
const loaded = CertainContexts.decode(data);
let syllables = 0;
let decided = 0;
let wrong = 0;
for (const file of files) {
  for await (const line of readCorpusLines(join(corpus, file), 'dev')) {
    const truth = tokenize(line);
    const seen = tokenize(stripMarks(line));
    if (truth.length !== seen.length) continue;
    // The restorer's way: each piece's key hashed once.
    const hashes = keyHashes(pieceKeys(seen, skeletonOf));
    for (let i = 0; i < seen.length; i++) {
      if (seen[i].kind !== 'word' || truth[i].kind !== 'word') continue;
      syllables++;
      const word = loaded.lookupAt(seen, hashes, i);
      if (word === undefined) continue;
      decided++;
      if (word !== truth[i].input.toLowerCase()) wrong++;
    }
  }
}
console.log(`dev split, stripped: ${decided} of ${syllables} syllables decided by the table (${(100 * decided / syllables).toFixed(1)} %), ${wrong} of them wrong (${(100 * wrong / syllables).toFixed(3)} % of all syllables)`);
