/** `vnplan extract <file>`: one document's JSON record on stdout. */
import { Command } from 'commander';
import { pipelineNames } from '../../pipelines/index.js';
import { processDocument } from '../runner/process.js';
import { ENCODINGS } from '../encoding/names.js';
import { addLimitOptions, encodingName } from './run.js';

export function registerExtractCommand(program: Command): void {
  const command = program
    .command('extract')
    .description('process one file and print its document JSON (text, fields, provenance) on stdout')
    .argument('<file>', 'a PDF, PNG/JPEG/TIFF image or text file')
    .option('-p, --pipeline <name>', `pipeline: ${pipelineNames().join(', ')}`, 'default')
    .option('-e, --encoding <enc>', `force the encoding of a text file or PDF text layer (${ENCODINGS.join(', ')})`, encodingName)
    .option('--restore-tokens', 'keep per-token restoration details in the JSON', false)
    .option('--compact', 'print the JSON on one line', false);
  addLimitOptions(command)
    .addHelpText('after', '\nExamples:\n  vnplan extract scan.pdf > scan.json\n  vnplan extract dump.txt --encoding tcvn3 | jq .fields.number')
    .action(async (file: string, opts: { pipeline: string; encoding?: string; restoreTokens: boolean; compact: boolean; maxBytes?: number; maxPages?: number }) => {
      const record = await processDocument(file, {
        pipeline: opts.pipeline,
        encoding: opts.encoding,
        restoreTokens: opts.restoreTokens,
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
        ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
      });
      process.stdout.write(`${JSON.stringify(record, null, opts.compact ? undefined : 2)}\n`);
    });
}
