/**
 * Builds the neural mark model (src/restore/neural.ts): dictionaries/restore/neural/marks.onnx
 * and its vocabulary marks.json.
 *
 * 1. Training text, encoded here with the restorer's own tokenizer and input encoding
 *    (src/restore/neural-input.ts) so training and run time read text alike: the TRAINING split
 *    (src/lm/corpus.ts; documents kept whole in files with `### doc` lines) of the
 *    administrative and legal files, a share of the pháp điển documents and of Wikipedia's
 *    lines (--phapdien, --wiki percent). Never ../shared/corpus/dev-docs (the dev set).
 * 2. tools/build/neural/train.py, run with Debian's PyTorch (/usr/bin/python3 with
 *    python3-torch, or --python): a BiLSTM trained on CPU, one thread, for --minutes, then
 *    exported to ONNX (opset 14). Debian's torch links the reference BLAS; when libopenblas0 is
 *    installed its library is put first on the loader path (about 10× faster training).
 *
 *   nice -n 10 npm run build:neural -- [--corpus ../shared/corpus] [--minutes 35] [--out dictionaries/restore/neural]
 *   npm run build:neural -- --tiny   (the ≤ 100 KB test model test/fixtures/neural/, seconds)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DOC_HEADER, fnv1a, splitOfLine, type Split } from '../../src/lm/corpus.js';
import { foldKey } from '../../src/lang/fold.js';
import { tokenize } from '../../src/restore/tokenize.js';
import { FIXED_ID, markClassKey, MarkClasses, NeuralVocabulary, NUMBER_ID, shapeOf } from '../../src/restore/neural-input.js';
import { NEURAL_MODEL_FILE, NEURAL_VOCAB_FILE, NeuralMarkModel, type NeuralVocabFile } from '../../src/restore/neural.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const tiny = process.argv.includes('--tiny');
const corpus = resolve(arg('--corpus', '../shared/corpus'));
const outDir = resolve(arg('--out', tiny ? 'test/fixtures/neural' : 'dictionaries/restore/neural'));
const python = arg('--python', '/usr/bin/python3');
/** Training time budget (minutes of the training loop; data preparation and export come on top). */
const minutes = Number(arg('--minutes', tiny ? '1' : '35'));
/** Percent of the pháp điển documents and of Wikipedia's lines used (the whole of both does not fit the time budget). */
const phapdienShare = Number(arg('--phapdien', '45'));
const wikiShare = Number(arg('--wiki', '15'));
/** A skeleton enters the vocabulary from this many occurrences in the training text; the rest read as <unk>. */
const MIN_SKELETON_COUNT = tiny ? 2 : 3;
const MAX_VOCABULARY = tiny ? 300 : 40_000;
/** A mark class gets its own output from this many occurrences; rarer ones share RARE_CLASS. */
const MIN_CLASS_COUNT = tiny ? 1 : 20;
/** Training lines the tiny model's fixture keeps (test/fixtures/neural/sample.txt). */
const TINY_SAMPLE_LINES = 20;
/** Largest gap allowed between training's validation accuracy and the run-time scorer's (lines read alone see less context). */
const RUNTIME_TOLERANCE = 0.03;
/** Validation text (the corpus DEV split, lines) kept to this many tokens. */
const MAX_VALIDATION_TOKENS = tiny ? 2_000 : 150_000;

interface Source { file: string; keep: (line: string, doc: string | undefined) => boolean }
const keepShare = (share: number, salt: string) => (key: string): boolean => fnv1a(`neural:${salt}:${key}`) % 100 < share;
const phapdien = keepShare(phapdienShare, 'phapdien');
const wiki = keepShare(wikiShare, 'wiki');
const tinyLines = keepShare(6, 'tiny');
const SOURCES: Source[] = tiny
  ? [{ file: 'admin_word_recommend.txt.gz', keep: (line) => tinyLines(line) }]
  : [
      { file: 'admin_word_recommend.txt.gz', keep: () => true },
      { file: 'legal_tvpl_johnpa02.txt.gz', keep: () => true },
      { file: 'legal_phapdien_diepxuan.txt.gz', keep: (_line, doc) => doc !== undefined && phapdien(doc) },
      { file: 'viwiki.txt.gz', keep: (line) => wiki(line) },
    ];

/** Growable encoded stream: skeleton keys (resolved to ids once the vocabulary is known), shapes, mark class keys. */
class Stream {
  skeletons: string[] = [];
  shapes: number[] = [];
  labels: string[] = [];
  add(line: string): void {
    const pieces = tokenize(line);
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      this.skeletons.push(p.kind === 'word' ? foldKey(p.input) : `\u0000${p.kind}`);
      this.shapes.push(shapeOf(pieces, i));
      this.labels.push(p.kind === 'word' ? markClassKey(p.input) : '');
    }
  }
}

async function* lines(path: string): AsyncGenerator<{ line: string; split: Split; doc: string | undefined }> {
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let doc: string | undefined;
  let docSplit: Split | undefined;
  for await (const line of rl) {
    if (!line.trim()) continue;
    if (line.startsWith(DOC_HEADER)) {
      doc = line.slice(DOC_HEADER.length).trim();
      docSplit = splitOfLine(doc);
      continue;
    }
    yield { line, split: docSplit ?? splitOfLine(line), doc };
  }
}

const started = Date.now();
if (corpus.includes('dev-docs')) throw new Error('the dev set (dev-docs) is never training text');
const train = new Stream();
const validation = new Stream();
/** Validation lines as text, for the check through the run-time scorer after export. */
const validationLines: string[] = [];
/** The tiny model's fixture keeps some of its training lines, for the test that it learnt them. */
const sampleLines: string[] = [];
for (const source of SOURCES) {
  const path = join(corpus, source.file);
  const before = train.skeletons.length;
  for await (const { line, split, doc } of lines(path)) {
    if (split === 'train' && source.keep(line, doc)) {
      train.add(line);
      if (tiny && sampleLines.length < TINY_SAMPLE_LINES) sampleLines.push(line);
    } else if (split === 'dev' && validation.skeletons.length < MAX_VALIDATION_TOKENS) {
      validation.add(line);
      validationLines.push(line);
    }
  }
  console.log(`${source.file}: ${(train.skeletons.length - before).toLocaleString('en')} tokens`);
}

const skeletonCounts = new Map<string, number>();
for (const s of train.skeletons) if (!s.startsWith('\u0000')) skeletonCounts.set(s, (skeletonCounts.get(s) ?? 0) + 1);
const skeletons = [...skeletonCounts].filter(([, c]) => c >= MIN_SKELETON_COUNT).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .slice(0, MAX_VOCABULARY).map(([s]) => s);
const classCounts = new Map<string, number>();
for (const k of train.labels) if (k) classCounts.set(k, (classCounts.get(k) ?? 0) + 1);
const classKeys = ['<rare>', ...[...classCounts].filter(([, c]) => c >= MIN_CLASS_COUNT).sort((a, b) => b[1] - a[1]).map(([k]) => k)];
const vocabulary = new NeuralVocabulary(skeletons);
const classes = new MarkClasses(classKeys);
console.log(`vocabulary ${vocabulary.size.toLocaleString('en')}, classes ${classes.size}, training tokens ${train.skeletons.length.toLocaleString('en')}, validation ${validation.skeletons.length.toLocaleString('en')}`);

const work = mkdtempSync(join(tmpdir(), 'vnplan-neural-'));
/** ids (int32), shapes (uint8), labels (int16, -1 for pieces that are not words) of a stream. */
function writeStream(stream: Stream, name: string): void {
  const n = stream.skeletons.length;
  const ids = new Int32Array(n);
  const shapes = new Uint8Array(n);
  const labels = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const s = stream.skeletons[i];
    ids[i] = s === '\u0000number' ? NUMBER_ID : s === '\u0000fixed' ? FIXED_ID : vocabulary.idOfSkeleton(s);
    shapes[i] = stream.shapes[i];
    labels[i] = stream.labels[i] ? classes.indexOf(stream.labels[i]) : -1;
  }
  writeFileSync(join(work, `${name}.ids`), ids);
  writeFileSync(join(work, `${name}.shapes`), shapes);
  writeFileSync(join(work, `${name}.labels`), labels);
}
writeStream(train, 'train');
writeStream(validation, 'validation');
const prepared = (Date.now() - started) / 1000;
console.log(`data prepared in ${prepared.toFixed(0)} s (${work})`);

mkdirSync(outDir, { recursive: true });
const report = join(work, 'report.json');
const openblas = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
if (existsSync(join(openblas, 'libblas.so.3'))) env.LD_LIBRARY_PATH = [openblas, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
const script = join(dirname(new URL(import.meta.url).pathname), 'neural', 'train.py');
const trainArgs = [script, '--data', work, '--vocab', String(vocabulary.size), '--classes', String(classes.size), '--minutes', String(minutes),
  '--onnx', join(outDir, NEURAL_MODEL_FILE), '--report', report, ...(tiny ? ['--tiny'] : [])];
const run = spawnSync(python, trainArgs, { stdio: 'inherit', env });
if (run.status !== 0) {
  rmSync(work, { recursive: true, force: true });
  throw new Error(`${python} ${script} failed (status ${run.status}${run.error ? `, ${run.error.message}` : ''}): it needs PyTorch (Debian: apt-get install python3-torch; --python another interpreter)`);
}
const trained = JSON.parse(readFileSync(report, 'utf8')) as NeuralVocabFile['training'];
const vocabFile: NeuralVocabFile = {
  format: 1,
  skeletons,
  classes: classKeys,
  window: trained.window,
  training: { ...trained, tokens: train.skeletons.length, preparationSeconds: Math.round(prepared), sources: SOURCES.map((s) => s.file), phapdienShare, wikiShare },
};
writeFileSync(join(outDir, NEURAL_VOCAB_FILE), JSON.stringify(vocabFile));
rmSync(work, { recursive: true, force: true });
if (tiny) writeFileSync(join(outDir, 'sample.txt'), `${sampleLines.join('\n')}\n`);

// The exported model read through the run-time scorer (src/restore/neural.ts), line by line:
// its accuracy must match training's, or export, encoding or classes disagree.
const model = await NeuralMarkModel.load(outDir);
let right = 0;
let words = 0;
for (const line of validationLines) {
  const pieces = tokenize(line);
  const scores = await model.score(pieces);
  for (let t = 0; t < pieces.length; t++) {
    if (!scores.scored[t]) continue;
    const row = scores.logprobs.subarray(t * classes.size, (t + 1) * classes.size);
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    words++;
    if (best === classes.classOf(pieces[t].input)) right++;
  }
}
await model.dispose();
const runtimeAccuracy = right / Math.max(1, words);
vocabFile.training.runtimeValidationAccuracy = runtimeAccuracy;
writeFileSync(join(outDir, NEURAL_VOCAB_FILE), JSON.stringify(vocabFile));
console.log(`wrote ${join(outDir, NEURAL_MODEL_FILE)} and ${NEURAL_VOCAB_FILE} in ${((Date.now() - started) / 60000).toFixed(1)} min; validation mark accuracy ${(trained.validationAccuracy * 100).toFixed(2)} % (training windows), ${(runtimeAccuracy * 100).toFixed(2)} % through the run-time scorer, line by line`);
if (Math.abs(runtimeAccuracy - trained.validationAccuracy) > RUNTIME_TOLERANCE) throw new Error('the run-time scorer disagrees with training: check the export, the input encoding and the class table');
