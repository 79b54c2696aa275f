/** `vnplan run <inputDir>`: the nightly batch over a folder. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_OCR_ENGINE, OCR_ENGINES, type OcrEngine } from '../ocr/settings.js';
import { pipelineNames } from '../../pipelines/index.js';
import { EXIT } from '../errors.js';
import { ENCODINGS, normalizeEncodingName } from '../encoding/names.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES } from '../ingest/limits.js';
import { didYouMean } from '../runner/suggest.js';
import { formatSummary, progressReporter } from '../runner/progress.js';
import { defaultConcurrency, runFolder, STOP_GRACE_MS } from '../runner/run-folder.js';
import { trapStopSignals } from '../runner/signals.js';
import { runQueued } from '../queue/run-queued.js';
import { SPLIT_PAGES } from '../queue/page-jobs.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/** --max-bytes: a byte count, optionally with a K, M or G suffix (binary: 64M = 64 × 1024²). */
export function byteSize(value: string): number {
  const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(value.trim());
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = m ? Number(m[1]) * scale : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive size in bytes, e.g. 67108864, 64M or 1G');
  return n;
}

/** The per-document limit options shared by `run` and `extract`. */
export function addLimitOptions(command: Command): Command {
  return command
    .option('--max-bytes <size>', `fail a document larger than this with INPUT_TOO_LARGE (default ${DEFAULT_MAX_BYTES / 1024 ** 2}M)`, byteSize)
    .option('--max-pages <n>', `fail a document with more pages than this with INPUT_TOO_LARGE (default ${DEFAULT_MAX_PAGES})`, positiveInt);
}

/** --encoding: any accepted name or alias (ABC, VNI-Win, windows-1258 …), checked before any work. */
export function encodingName(value: string): string {
  try {
    return normalizeEncodingName(value);
  } catch {
    throw new InvalidArgumentError(`unknown encoding; use one of ${ENCODINGS.join(', ')} (aliases: abc, vni-win, windows-1258, …).${didYouMean(value, ENCODINGS)}`);
  }
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('process every file under <inputDir> into <out>/<docId>.json and .txt, index.jsonl and run-report.json')
    .argument('<inputDir>', 'folder of PDFs, images and text files (searched recursively; dotfiles skipped)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-c, --concurrency <n>', `documents processed at once (default: cores = ${defaultConcurrency()})`, positiveInt)
    .option('-f, --force', 'redo documents whose output is up to date', false)
    .option('-p, --pipeline <name>', `pipeline: ${pipelineNames().join(', ')}`, 'default')
    .option('-e, --encoding <enc>', 'force the encoding of text files and PDF text layers (utf8, utf16le, utf16be, cp1258, viscii, tcvn3, vni)', encodingName)
    .option('--ocr-workers <n>', 'tesseract workers shared by all documents (default: cores)', positiveInt)
    .addOption(new Option('--ocr-engine <engine>', 'OCR engine: auto = the system tesseract when installed, else tesseract.js').choices([...OCR_ENGINES]).default(DEFAULT_OCR_ENGINE))
    .option('--restore-tokens', 'keep per-token restoration details in the JSON', false)
    .option('-q, --queue <url>', 'process the documents on `vnplan worker`s of this Redis (redis://HOST:PORT) instead of here')
    .option('--split-pages <n>', `with --queue: a document with more pages to OCR than this is split into page-range jobs of at most n pages, read by several workers (default ${SPLIT_PAGES}; 0: never)`, wholeNumber);
  addLimitOptions(command)
    .addHelpText(
      'after',
      `
Incremental: a document is skipped when its sha256 and the pipeline version match its existing
<out>/<docId>.json. Files are written atomically; an interrupted run is finished by re-running.
A second run on the same output folder exits with code 2 (OUTPUT_LOCKED).
SIGINT/SIGTERM: no new documents, those in flight finish (up to ${STOP_GRACE_MS / 1000} s; a second signal abandons
them), run-report.json says "interrupted": true, the lock is released, exit 2. A full output
disk stops the run the same way (OUTPUT_WRITE_FAILED on the document that did not fit).

Examples:
  vnplan run scans/ --out out
  vnplan run scans/ --out out --concurrency 2 --force
  vnplan run dumps/ --pipeline text-only --encoding tcvn3
  vnplan run /shared/scans --out /shared/out --queue redis://10.0.0.5:6379`,
    )
    .action(async (inputDir: string, opts: { out: string; concurrency?: number; force: boolean; pipeline: string; encoding?: string; ocrWorkers?: number; ocrEngine: OcrEngine; restoreTokens: boolean; queue?: string; splitPages?: number; maxBytes?: number; maxPages?: number }) => {
      // Installed for the rest of the process's life (see runner/signals.ts for why).
      const signals = trapStopSignals((signal, count) => {
        const what = count === 1 ? 'stopping: no new documents; documents in flight finish (a second signal abandons them)' : 'abandoning the documents in flight';
        if (count <= 2) process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'signal', signal, message: what })}\n`);
      });
      const runOptions = {
        out: opts.out,
        concurrency: opts.concurrency,
        force: opts.force,
        pipeline: opts.pipeline,
        encoding: opts.encoding,
        restoreTokens: opts.restoreTokens,
        ...(opts.ocrWorkers ? { ocrWorkers: opts.ocrWorkers } : {}),
        ocrEngine: opts.ocrEngine,
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
        ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
        signal: signals.stop,
        abandon: signals.abandon,
        onEvent: progressReporter(),
      };
      const report = opts.queue ? await runQueued(inputDir, { ...runOptions, queue: opts.queue, ...(opts.splitPages !== undefined ? { splitPages: opts.splitPages } : {}) }) : await runFolder(inputDir, runOptions);
      process.stdout.write(`${formatSummary(report)}\n`);
      process.exitCode = report.interrupted ? EXIT.FATAL : report.totals.failed > 0 ? EXIT.SOME_FAILED : EXIT.OK;
    });
}
