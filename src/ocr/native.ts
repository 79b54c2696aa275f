/**
 * The native engine: the system `tesseract` program (Debian `tesseract-ocr`), one process per
 * page, at most `workers` at once, each single-threaded (OMP_THREAD_LIMIT=1: Tesseract's
 * OpenMP threads made it ~5× slower per page on a busy 2-core machine). The page goes in on
 * stdin, TSV comes out on stdout (word boxes and confidences, see native-tsv.ts), so nothing
 * touches the disk. The model is the installed one (Debian tesseract-ocr-vie, 'system'), or
 * a @tesseract.js-data variant when asked for (or when the language is not installed),
 * unpacked once per process into a temporary tessdata folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import PQueue from 'p-queue';
import { VnplanError } from '../errors.js';
import { resolveLanguages } from './model.js';
import { paragraphsFromTsv } from './native-tsv.js';
import { pageFromParagraphs, type PageOcr } from './words.js';
import { TESSERACT_PSM } from './settings.js';

/** The program run; VNPLAN_TESSERACT names another (a build of its own, or a missing one in tests). */
export function tesseractCommand(): string {
  return process.env.VNPLAN_TESSERACT || 'tesseract';
}

/** --ocr-model value for the model installed with the tesseract program (Debian tesseract-ocr-vie). */
export const SYSTEM_MODEL = 'system';
/** A page that takes longer than this is stuck (a healthy 300 dpi A4 page takes 1–3 CPU s). */
export const NATIVE_PAGE_TIMEOUT_MS = 300_000;
/** Bytes of stderr kept for the error message of a failed page. */
const STDERR_KEEP = 2000;

let detected: { command: string; version: string | null; languages: Set<string> } | undefined;

/** The `tesseract` version ("5.3.0"), or null when the program cannot be run. Cached per command. */
export function nativeTesseractVersion(): string | null {
  const command = tesseractCommand();
  if (detected?.command !== command) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const m = r.status === 0 ? /tesseract\s+v?(\d+[\w.-]*)/i.exec(`${r.stdout}\n${r.stderr}`) : null;
    // The LSTM engine (--oem 1) and TSV output need Tesseract 4 or later.
    const version = m && Number.parseInt(m[1]!, 10) >= 4 ? m[1]! : null;
    const list = version ? spawnSync(command, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 }) : undefined;
    // First line is 'List of available languages in "…" (n):', then one code a line.
    const languages = new Set(list?.status === 0 ? `${list.stdout}`.split('\n').slice(1).map((l) => l.trim()).filter(Boolean) : []);
    detected = { command, version, languages };
  }
  return detected.version;
}

/** Whether the installed tesseract has a model for each of 'vie' or 'eng+vie'. */
export function nativeHasLanguages(languages: string): boolean {
  if (!nativeTesseractVersion()) return false;
  return languages.split('+').every((l) => detected!.languages.has(l.trim()));
}

export interface NativeSettings {
  languages: string;
  model: string;
  workers?: number;
  dpi: number;
}

/** Unpacked models, one temporary tessdata folder per model variant; removed by terminateNative(). */
const tessdataFolders = new Map<string, Promise<string>>();
const queues = new Map<number, PQueue>();

async function tessdataFor(languages: string, model: string): Promise<string | undefined> {
  if (model === SYSTEM_MODEL) return undefined;
  const key = `${languages}|${model}`;
  let folder = tessdataFolders.get(key);
  if (!folder) {
    folder = (async () => {
      const resolved = resolveLanguages(languages, model);
      const dir = await mkdtemp(join(tmpdir(), 'vnplan-tessdata-native-'));
      for (const r of resolved) await writeFile(join(dir, `${r.code}.traineddata`), gunzipSync(await readFile(r.file)));
      return dir;
    })();
    tessdataFolders.set(key, folder);
    folder.catch(() => tessdataFolders.delete(key));
  }
  return folder;
}

function queueFor(workers: number): PQueue {
  let q = queues.get(workers);
  if (!q) {
    q = new PQueue({ concurrency: workers });
    queues.set(workers, q);
  }
  return q;
}

/** Runs one `tesseract` process on one page image; resolves to its TSV. */
function runTesseract(image: Uint8Array, tessdata: string | undefined, s: NativeSettings): Promise<string> {
  // TSV asked for by its variable: the 'tsv' config file lives in the system tessdata only.
  const args = ['-', '-', ...(tessdata ? ['--tessdata-dir', tessdata] : []), '-l', s.languages, '--oem', '1', '--psm', TESSERACT_PSM, '--dpi', String(s.dpi), '-c', 'tessedit_create_tsv=1'];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tesseractCommand(), args, {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: NATIVE_PAGE_TIMEOUT_MS,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < STDERR_KEEP) err += b.toString('utf8');
    });
    // EPIPE when tesseract dies before reading the whole image: the exit code says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => reject(new VnplanError('OCR_FAILED', `cannot run ${tesseractCommand()}: ${e.message}`, { cause: e })));
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new VnplanError('OCR_FAILED', `${tesseractCommand()} ${signal ? `was killed (${signal})` : `exited with ${code}`}: ${err.trim().slice(0, STDERR_KEEP)}`));
    });
    child.stdin.end(image);
  });
}

/** OCR one page image (PNG/JPEG/TIFF/PNM bytes) with the system tesseract. */
export async function recognizeNative(image: Uint8Array, s: NativeSettings): Promise<PageOcr> {
  const tessdata = await tessdataFor(s.languages, s.model);
  const workers = Math.max(1, s.workers ?? availableParallelism());
  const tsv = await queueFor(workers).add(() => runTesseract(image, tessdata, s), { throwOnTimeout: true });
  return pageFromParagraphs(paragraphsFromTsv(tsv));
}

/** Removes the unpacked models; the next page unpacks them again. */
export async function terminateNative(): Promise<void> {
  const folders = [...tessdataFolders.values()];
  tessdataFolders.clear();
  queues.clear();
  await Promise.all(folders.map(async (f) => {
    const dir = await f.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }));
}
