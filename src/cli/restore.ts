/** `vnplan restore [file|-]`: diacritic restoration of a text (e.g. an English-model OCR dump). */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { inputReadError, VnplanError } from '../errors.js';
import { looksBinary } from '../ingest/detect.js';
import type { RestoredToken } from '../document.js';
import { restoreStream, type RestoredChunk } from '../restore/stream.js';
import type { RestoreTextOptions } from '../restore/index.js';
import { positiveInt } from './run.js';

/**
 * The input as a stream of bytes: stdin for '-', else the file (checked first, so a missing one
 * is INPUT_NOT_FOUND and a folder USAGE), refused as UNSUPPORTED_FORMAT at the first chunk that
 * holds binary data.
 */
async function openSource(source: string): Promise<AsyncIterable<Uint8Array>> {
  if (source !== '-') {
    const info = await stat(source).catch((err: unknown) => {
      throw inputReadError(err, source);
    });
    if (info.isDirectory()) throw inputReadError(Object.assign(new Error(source), { code: 'EISDIR' }), source);
  }
  return refuseBinary(source === '-' ? process.stdin : createReadStream(source), source === '-' ? 'stdin' : source);
}

/** UTF-8 text has no NUL; other binary shows as control bytes (the same test as `run` uses). */
async function* refuseBinary(chunks: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.includes(0) || looksBinary(bytes)) {
      throw new VnplanError('UNSUPPORTED_FORMAT', `${name} holds binary data (NUL or control bytes); \`vnplan restore\` takes UTF-8 text — use \`vnplan extract\` for PDFs, images and legacy encodings`);
    }
    yield bytes;
  }
}

/** Writes to stdout, waiting when the pipe is full (a long input must not pile up in memory). */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text, (err) => (err ? reject(err) : undefined))) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** Plain output: each chunk printed as soon as it is restored, with a final newline. */
async function restorePlain(source: AsyncIterable<Uint8Array>, options: RestoreTextOptions): Promise<void> {
  let last = '';
  await restoreStream(source, options, async ({ result }) => {
    if (result.text === '') return;
    await write(result.text);
    last = result.text[result.text.length - 1]!;
  });
  if (last !== '' && last !== '\n') await write('\n');
}

/** A token as an element of the pretty-printed "tokens" array (the layout JSON.stringify(…, null, 2) gives). */
function tokenJson(token: RestoredToken): string {
  return `    ${JSON.stringify(token, null, 2).replace(/\n/g, '\n    ')}`;
}

/**
 * JSON output: one chunk prints exactly `JSON.stringify({ text, tokens, stats }, null, 2)`; a
 * longer input keeps only the restored text in memory and spills the token records to a
 * temporary file, printed after the text in the same layout.
 */
async function restoreJson(source: AsyncIterable<Uint8Array>, options: RestoreTextOptions): Promise<void> {
  const texts: string[] = [];
  let first: RestoredChunk | undefined;
  let spill: { dir: string; file: Awaited<ReturnType<typeof open>>; tokens: number } | undefined;
  const spillTokens = async (tokens: RestoredToken[]): Promise<void> => {
    if (!spill) {
      const dir = await mkdtemp(join(tmpdir(), 'vnplan-restore-'));
      spill = { dir, file: await open(join(dir, 'tokens.json'), 'w+'), tokens: 0 };
    }
    if (tokens.length === 0) return;
    await spill.file.write(`${spill.tokens ? ',\n' : ''}${tokens.map(tokenJson).join(',\n')}`);
    spill.tokens += tokens.length;
  };
  try {
    const stats = await restoreStream(source, options, async (chunk) => {
      texts.push(chunk.result.text);
      if (!first) {
        first = chunk;
        return;
      }
      if (first.result.tokens.length) await spillTokens(first.result.tokens);
      first.result.tokens = [];
      await spillTokens(chunk.result.tokens);
    });
    if (!spill) {
      // The offset map is for provenance inside the pipeline; tokens carry the offsets users need.
      const { offsetMap: _map, ...shown } = first!.result;
      await write(`${JSON.stringify(shown, null, 2)}\n`);
      return;
    }
    const stream = spill;
    await write(`{\n  "text": ${JSON.stringify(texts.join(''))},\n  "tokens": ${stream.tokens ? '[\n' : '[]'}`);
    texts.length = 0;
    if (stream.tokens) {
      for await (const piece of createReadStream('', { fd: stream.file, start: 0, autoClose: false, encoding: 'utf8' })) await write(piece as string);
      await write('\n  ]');
    }
    await write(`,\n  "stats": ${JSON.stringify(stats, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
  } finally {
    if (spill) {
      await spill.file.close().catch(() => undefined);
      await rm(spill.dir, { recursive: true, force: true });
    }
  }
}

interface RestoreCliOptions {
  json: boolean;
  toneStyle: 'old' | 'new';
  mode: 'fast' | 'accurate';
  always: boolean;
  alternatives?: number;
}

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('restore Vietnamese diacritics in a text file or stdin and print the result')
    .argument('[file]', "text file (UTF-8), or '-' for stdin", '-')
    .option('--json', 'print JSON: the text, statistics and per-token decisions with confidences', false)
    .addOption(new Option('--tone-style <style>', "tone placement: 'old' (hóa, Ủy) or 'new' (hoá, Uỷ)").choices(['old', 'new']).default('old'))
    .addOption(new Option('--mode <mode>', 'decoder beam: fast or accurate').choices(['fast', 'accurate']).default('fast'))
    .option('--always', 'restore even when the text already looks correctly accented', false)
    .option('--alternatives <n>', 'with --json: alternatives listed per token', positiveInt)
    .addHelpText(
      'after',
      '\nA long input is read and restored in chunks of paragraphs (about 200,000 characters), each printed when done.\n' +
        '\nExamples:\n  echo "thyc hién nhiém vu" | vnplan restore\n  vnplan restore dump.txt --json > restored.json',
    )
    .action(async (file: string, opts: RestoreCliOptions) => {
      const source = await openSource(file);
      const options: RestoreTextOptions = {
        toneStyle: opts.toneStyle,
        mode: opts.mode,
        restore: opts.always ? 'always' : 'auto',
        ...(opts.alternatives ? { alternatives: opts.alternatives } : {}),
      };
      if (opts.json) await restoreJson(source, options);
      else await restorePlain(source, options);
    });
}
