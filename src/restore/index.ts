/**
 * Library entry of diacritic restoration: `restoreText(text, opts)`. The default restorer
 * loads the committed language model (src/lm, dictionaries/lm), the look-alike rules
 * (dictionaries/restore) and the learned OCR channel tables (dictionaries/channel) once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaryPath } from '../dictionaries.js';
import { loadAdminTerms, loadGazetteer } from '../data/index.js';
import { VnplanError } from '../errors.js';
import { loadLearnedTables, loadLookalikes } from './channel.js';
import type { DecoderLM } from './decoder-lm.js';
import { CertainContexts } from './certain.js';
import { NamePrior } from './names.js';
import { ConfidenceCalibration } from './calibration.js';
import { DocumentPlaces } from './document-places.js';
import { NeuralMarkModel } from './neural.js';
import { DAbbreviations } from './abbreviations.js';
import { Restorer, type RestoreOptions, type RestoreResult } from './restorer.js';

export { Restorer } from './restorer.js';
export { DocumentPlaces, type RegionalPlace, type LocalPlaces } from './document-places.js';
export type { RestoreOptions, RestoreResult, RestoreStats } from './restorer.js';
export type { DecoderLM } from './decoder-lm.js';
export { NeuralMarkModel, MarkScores, NEURAL_REBUILD_COMMAND } from './neural.js';
export { ChannelModel, loadLearnedTables, loadLookalikes } from './channel.js';
export { NamePrior, harvestNameRuns, countNameSyllables, SURNAMES, type NameStats, type NameRun } from './names.js';
export { tokenize, repairListLetters, repairRomanMarker, repairRomanMarkers, repairSymbol } from './tokenize.js';

/** Build a restorer around any DecoderLM (tests pass a tiny count LM). */
export function createRestorer(lm: DecoderLM, dictDir = dictionaryPath()): Restorer {
  const gazetteer = join(dictDir, 'gazetteer.json');
  // Units of both eras, with their unit word ("phường Thanh Bình"): documents use old and new names.
  const g = existsSync(gazetteer) ? loadGazetteer(gazetteer) : undefined;
  const places = g ? g.units.map((u) => u.fullName) : [];
  const termsFile = join(dictDir, 'admin-terms.txt');
  const terms = existsSync(termsFile) ? loadAdminTerms(termsFile).map((t) => t.key) : [];
  const certainFile = join(dictDir, 'restore', 'certain-contexts.bin');
  let certain: CertainContexts | undefined;
  try {
    certain = existsSync(certainFile) ? CertainContexts.load(certainFile) : undefined;
  } catch (err) {
    throw dictionaryMissing(`${certainFile}: ${(err as Error).message}`, err);
  }
  const restorer = new Restorer(lm, loadLookalikes(dictDir), loadLearnedTables(dictDir), places, NamePrior.load(join(dictDir, 'restore', 'names.json')), terms, certain);
  // The names of the provinces a document is about (document-places.ts), built on the first restore that needs them.
  if (g) restorer.documentPlacesLoader = () => DocumentPlaces.fromGazetteer(g, lm);
  // Loaded on first use: the default mode's runs without an unsure slot never need it.
  restorer.abbreviations = DAbbreviations.loadIfPresent(join(dictDir, 'restore', D_ABBREVIATIONS_FILE));
  restorer.neuralLoader = () => NeuralMarkModel.load(join(dictDir, 'restore', 'neural'));
  const calibrationFile = join(dictDir, 'restore', CALIBRATION_FILE);
  try {
    restorer.calibration = existsSync(calibrationFile) ? ConfidenceCalibration.load(calibrationFile) : undefined;
  } catch (err) {
    throw dictionaryMissing(`${calibrationFile}: ${(err as Error).message} (rebuild it: npx tsx tools/build/calibration.ts)`, err);
  }
  return restorer;
}

/** Capital abbreviations with Đ and their corpus counts under dictionaries/restore (tools/build/d-abbreviations.ts). */
export const D_ABBREVIATIONS_FILE = 'd-abbreviations.json';

/** The confidence calibration table under dictionaries/restore (tools/build/calibration.ts). */
export const CALIBRATION_FILE = 'confidence-calibration.json';

let defaultRestorer: Promise<Restorer> | undefined;

/** The restorer over the committed language model, loaded once per process. */
export function getDefaultRestorer(): Promise<Restorer> {
  defaultRestorer ??= (async () => {
    const { loadCommittedLM } = await import('./committed-lm.js');
    return createRestorer(loadCommittedLM());
  })();
  defaultRestorer.catch(() => { defaultRestorer = undefined; });
  return defaultRestorer;
}

export interface RestoreTextOptions extends RestoreOptions { restorer?: Restorer }

/** Restore Vietnamese diacritics in `text`, line-preserving. */
export async function restoreText(text: string, opts: RestoreTextOptions = {}): Promise<RestoreResult> {
  const restorer = opts.restorer ?? (await getDefaultRestorer());
  // Library/CLI callers get the top alternatives per token unless they ask otherwise.
  return restorer.restoreAsync(text.normalize('NFC'), { alternatives: 3, ...opts });
}

export function dictionaryMissing(detail: string, cause?: unknown): VnplanError {
  return new VnplanError('DICTIONARY_MISSING', detail, { cause });
}
