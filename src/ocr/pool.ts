/**
 * One shared pool of tesseract.js workers (a createScheduler) per language/model setting,
 * created lazily on the first page, reused across documents, and closed by terminateOcr()
 * which the runner calls at the end of a run. Jobs queue in the scheduler, so memory stays
 * bounded by the number of workers whatever the number of pages submitted. tesseract.js
 * itself is imported with the first pool, so runs that OCR nothing never load it.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type Tesseract from 'tesseract.js';
import { VnplanError } from '../errors.js';
import { resolveLanguages, DEFAULT_LANGUAGES, DEFAULT_MODEL } from './model.js';
import { pageFromResult, type PageOcr } from './words.js';
import { TESSERACT_PSM, type OcrSettings } from './settings.js';

interface Pool {
  scheduler: Promise<Tesseract.Scheduler>;
  ready: Promise<void>;
}

/** tesseract.js, loaded on first use (the module cache makes later calls free). */
function loadTesseract(): Promise<typeof import('tesseract.js')> {
  return import('tesseract.js');
}

const pools = new Map<string, Pool>();

function settingsKey(s: { languages: string; model: string; workers: number }): string {
  return `${s.languages}|${s.model}|${s.workers}`;
}

/** Temp folders that gather several packages' models under one langPath; removed by terminateOcr(). */
const langFolders = new Map<string, string>();

/**
 * tesseract.js reads every language from one langPath, but each language is its own npm
 * package. For 'eng+vie' we link both gzip'd models into one temporary folder (no copy, no
 * download). Handing the bytes over as Lang objects does not work in tesseract.js 7 (it
 * uses the data as a file name).
 */
async function langPathFor(languages: string, model: string): Promise<string> {
  const resolved = resolveLanguages(languages, model);
  if (resolved.length === 1) return resolved[0].folder;
  const key = `${languages}|${model}`;
  let folder = langFolders.get(key);
  if (!folder) {
    folder = await mkdtemp(join(tmpdir(), 'vnplan-tessdata-'));
    for (const r of resolved) await symlink(r.file, join(folder, basename(r.file)));
    langFolders.set(key, folder);
  }
  return folder;
}

async function startWorker(languages: string, model: string): Promise<Tesseract.Worker> {
  const { createWorker, OEM } = await loadTesseract();
  const worker = await createWorker(languages, OEM.LSTM_ONLY, {
    langPath: await langPathFor(languages, model),
    gzip: true,
    cacheMethod: 'none',
    // Without a handler tesseract.js rethrows a failed job inside its message listener,
    // which is an uncaught exception that would end the whole run; the job's promise
    // still rejects, and recognizeImage turns that into OCR_FAILED for this document.
    errorHandler: () => undefined,
  });
  await worker.setParameters({ tessedit_pageseg_mode: TESSERACT_PSM as Tesseract.PSM });
  return worker;
}

function getPool(settings: OcrSettings): Pool {
  const full = {
    languages: settings.languages ?? DEFAULT_LANGUAGES,
    model: settings.model ?? DEFAULT_MODEL,
    workers: Math.max(1, settings.workers ?? availableParallelism()),
  };
  // Resolve eagerly so a missing model is a clear OCR_MODEL_MISSING, not a worker crash.
  resolveLanguages(full.languages, full.model);
  const key = settingsKey(full);
  let pool = pools.get(key);
  if (!pool) {
    const scheduler = loadTesseract().then((t) => t.createScheduler());
    const ready = scheduler
      .then((s) => Promise.all(Array.from({ length: full.workers }, async () => s.addWorker(await startWorker(full.languages, full.model)))))
      .then(() => undefined);
    pool = { scheduler, ready };
    pools.set(key, pool);
    ready.catch(() => pools.delete(key));
  }
  return pool;
}

/**
 * OCR one page image (PNG/JPEG/TIFF bytes, already pre-filtered) with the shared tesseract.js
 * pool; `dpi` is the image's resolution (set per job: pages of one pool may differ).
 */
export async function recognizeWithTesseractJs(image: Uint8Array, dpi: number, settings: OcrSettings = {}): Promise<PageOcr> {
  const pool = getPool(settings);
  try {
    await pool.ready;
  } catch (err) {
    if (err instanceof VnplanError) throw err;
    throw new VnplanError('OCR_FAILED', `Could not start the OCR workers: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const buffer = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  try {
    const scheduler = await pool.scheduler;
    const result = await scheduler.addJob('recognize', buffer, { user_defined_dpi: String(dpi) } as unknown as Partial<Tesseract.RecognizeOptions>, { blocks: true, text: false });
    return pageFromResult(result.data);
  } catch (err) {
    throw new VnplanError('OCR_FAILED', err instanceof Error ? err.message : String(err), { cause: err });
  }
}

/** Stops every tesseract.js worker; the next page starts a new pool. */
export async function terminateTesseractJs(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  const folders = [...langFolders.values()];
  langFolders.clear();
  await Promise.all(all.map(async (p) => {
    await p.ready.catch(() => undefined);
    await p.scheduler.then((s) => s.terminate(), () => undefined);
  }));
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
}

/** Number of live pools (for tests of reuse). */
export function ocrPoolCount(): number {
  return pools.size;
}
