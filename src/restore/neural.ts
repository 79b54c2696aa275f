/**
 * The neural mark model behind one small interface: a BiLSTM over syllable skeletons that reads
 * the whole window around each syllable, both sides, and gives log P(mark class) per piece
 * (neural-input.ts says what it reads and predicts). Built by `npm run build:neural`
 * (tools/build/neural.ts, PyTorch), run here with onnxruntime-node on one thread.
 * The pieces are scored in windows: a core of `window.core` pieces with `window.margin` pieces
 * of context on each side (the shape it was trained on), all windows in one batch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { dictionaryPath } from '../dictionaries.js';
import { VnplanError } from '../errors.js';
import { MarkClasses, NeuralVocabulary, PAD_ID } from './neural-input.js';
import { changeCost, ownSlot, type TokenSlot } from './slots.js';
import type { CaseShape } from './text.js';
import type { Piece } from './tokenize.js';

export const NEURAL_MODEL_FILE = 'marks.onnx';
export const NEURAL_VOCAB_FILE = 'marks.json';
/** The command that rebuilds the model (in DICTIONARY_MISSING messages). */
export const NEURAL_REBUILD_COMMAND = 'npm run build:neural';
/** Windows per inference call: bounds the memory of one call on long documents. */
const WINDOWS_PER_RUN = 128;

/** marks.json: the model's vocabulary, classes, window and how it was trained. */
export interface NeuralVocabFile {
  format: 1;
  /** Skeletons in id order from FIRST_SKELETON_ID. */
  skeletons: string[];
  /** Mark class keys in output order; [0] is the rare class. */
  classes: string[];
  window: { core: number; margin: number };
  training: Record<string, unknown> & { validationAccuracy: number; window: { core: number; margin: number } };
}

/** The model's log-probabilities for the pieces it scored. */
export class MarkScores {
  constructor(
    private readonly classes: MarkClasses,
    /** [piece × class], row-major; rows of unscored pieces are zero. */
    readonly logprobs: Float32Array,
    /** 1 for the pieces that were scored. */
    readonly scored: Uint8Array,
  ) {}

  /** −log P(the marks of `word`) at piece t; undefined when piece t was not scored. */
  cost(t: number, word: string): number | undefined {
    if (!this.scored[t]) return undefined;
    return -this.logprobs[t * this.classes.size + this.classes.classOf(word)];
  }
}

/** What the restorer asks the model for: the pieces of one text, the ones it wants scored (undefined: all), their case. */
export interface NeuralRequest {
  pieces: readonly Piece[];
  wanted: Uint8Array | undefined;
  caseShapes: (i: number) => CaseShape;
}

/**
 * Adds `weight` × −ln P(marks) to every candidate of the scored slots (of the `only` ones when
 * given) that has a choice; a slot gets its own candidate list first (ownSlot).
 */
export function applyMarkScores(slots: TokenSlot[], scores: MarkScores | undefined, weight: number, only?: Uint8Array): void {
  if (!scores || weight === 0) return;
  for (let t = 0; t < slots.length; t++) {
    if ((only && !only[t]) || slots[t].candidates.length < 2 || !scores.scored[t]) continue;
    const slot = ownSlot(slots, t);
    for (let j = 0; j < slot.candidates.length; j++) {
      const candidate = slot.candidates[j];
      changeCost(slot, j, candidate.cost + weight * (scores.cost(t, candidate.word) ?? 0));
    }
  }
}

function missing(path: string, cause?: unknown): VnplanError {
  return new VnplanError('DICTIONARY_MISSING', `cannot load the neural mark model ${path} (rebuild it: ${NEURAL_REBUILD_COMMAND})`, { cause });
}

export class NeuralMarkModel {
  private constructor(
    private readonly session: InferenceSession,
    private readonly tensor: typeof import('onnxruntime-node').Tensor,
    readonly vocabulary: NeuralVocabulary,
    readonly classes: MarkClasses,
    readonly window: { core: number; margin: number },
    readonly meta: NeuralVocabFile,
  ) {}

  /** The model in `dir` (marks.onnx + marks.json); DICTIONARY_MISSING when either is missing or unreadable. */
  static async load(dir = dictionaryPath('restore', 'neural')): Promise<NeuralMarkModel> {
    const modelPath = join(dir, NEURAL_MODEL_FILE);
    const vocabPath = join(dir, NEURAL_VOCAB_FILE);
    for (const path of [modelPath, vocabPath]) if (!existsSync(path)) throw missing(path);
    let meta: NeuralVocabFile;
    try {
      meta = JSON.parse(readFileSync(vocabPath, 'utf8')) as NeuralVocabFile;
      if (meta.format !== 1 || !Array.isArray(meta.skeletons) || !Array.isArray(meta.classes)) throw new Error('not a format-1 marks.json');
    } catch (err) {
      throw missing(vocabPath, err);
    }
    const ort = await import('onnxruntime-node');
    let session: InferenceSession;
    try {
      // One thread: the pipeline runs one document per core.
      session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
    } catch (err) {
      throw missing(modelPath, err);
    }
    return new NeuralMarkModel(session, ort.Tensor, new NeuralVocabulary(meta.skeletons), new MarkClasses(meta.classes), meta.window, meta);
  }

  /**
   * Scores the pieces of one text: every piece, or (with `wanted`) the window cores that hold a
   * wanted piece. `caseShapes` gives a piece's case when the caller already knows it.
   */
  async score(pieces: readonly Piece[], wanted?: Uint8Array, caseShapes?: (i: number) => CaseShape): Promise<MarkScores> {
    const n = pieces.length;
    const C = this.classes.size;
    const logprobs = new Float32Array(n * C);
    const scored = new Uint8Array(n);
    const { core, margin } = this.window;
    const length = Math.min(n, core + 2 * margin);
    /** Window starts and their cores' starts (a window is shifted to stay inside the text). */
    const starts: number[] = [];
    const cores: number[] = [];
    for (let c = 0; c < n; c += core) {
      const end = Math.min(n, c + core);
      if (wanted && !wanted.subarray(c, end).includes(1)) continue;
      starts.push(Math.max(0, Math.min(c - margin, n - length)));
      cores.push(c);
      // Words only: the model predicts no marks for numbers and kept pieces.
      for (let t = c; t < end; t++) scored[t] = pieces[t].kind === 'word' ? 1 : 0;
    }
    if (starts.length === 0) return new MarkScores(this.classes, logprobs, scored);
    const { ids, shapes } = this.vocabulary.encode(pieces, caseShapes);
    for (let w0 = 0; w0 < starts.length; w0 += WINDOWS_PER_RUN) {
      const batch = starts.slice(w0, w0 + WINDOWS_PER_RUN);
      const idBatch = new Int32Array(batch.length * length).fill(PAD_ID);
      const shapeBatch = new Int32Array(batch.length * length);
      batch.forEach((start, b) => {
        idBatch.set(ids.subarray(start, start + length), b * length);
        shapeBatch.set(shapes.subarray(start, start + length), b * length);
      });
      const dims = [batch.length, length];
      const out = await this.session.run({ ids: new this.tensor('int32', idBatch, dims), shapes: new this.tensor('int32', shapeBatch, dims) });
      const values = out.logprobs.data as Float32Array;
      batch.forEach((start, b) => {
        const c = cores[w0 + b];
        const end = Math.min(n, c + core);
        logprobs.set(values.subarray((b * length + (c - start)) * C, (b * length + (end - start)) * C), c * C);
      });
    }
    return new MarkScores(this.classes, logprobs, scored);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
