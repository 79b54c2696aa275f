/** `vnplan restore [file|-]`: diacritic restoration of a text (e.g. an English-model OCR dump). */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { inputReadError, VnplanError } from '../errors.js';
import { looksBinary } from '../ingest/detect.js';
import { restoreText } from '../restore/index.js';
import { positiveInt } from './run.js';

async function readAll(source: string): Promise<string> {
  let bytes: Buffer;
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    bytes = Buffer.concat(chunks);
  } else {
    bytes = await readFile(source).catch((err: unknown) => {
      throw inputReadError(err, source);
    });
  }
  // UTF-8 text has no NUL; other binary shows as control bytes (the same test as `run` uses).
  if (bytes.includes(0) || looksBinary(bytes)) {
    throw new VnplanError('UNSUPPORTED_FORMAT', `${source === '-' ? 'stdin' : source} holds binary data (NUL or control bytes); \`vnplan restore\` takes UTF-8 text — use \`vnplan extract\` for PDFs, images and legacy encodings`);
  }
  return bytes.toString('utf8');
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
    .addHelpText('after', '\nExamples:\n  echo "thyc hién nhiém vu" | vnplan restore\n  vnplan restore dump.txt --json > restored.json')
    .action(async (file: string, opts: RestoreCliOptions) => {
      const input = await readAll(file);
      const result = await restoreText(input, {
        toneStyle: opts.toneStyle,
        mode: opts.mode,
        restore: opts.always ? 'always' : 'auto',
        ...(opts.alternatives ? { alternatives: opts.alternatives } : {}),
      });
      if (opts.json) {
        // The offset map is for provenance inside the pipeline; tokens carry the offsets users need.
        const { offsetMap: _map, ...shown } = result;
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      } else process.stdout.write(result.text.endsWith('\n') || result.text === '' ? result.text : `${result.text}\n`);
    });
}
