/**
 * The `vnplan` command line: a thin shell over the library (src/index.ts). Exit codes:
 * 0 all documents ok, 1 some documents failed, 2 usage or fatal error (src/errors.ts EXIT).
 */
// First: V8 settings must precede the allocations they govern.
import './v8-tuning.js';
import { Command, CommanderError } from 'commander';
import { PIPELINES } from '../pipelines/index.js';
import { packageVersion } from '../pipelines/version.js';
import { registerExportCommand } from './cli/export.js';
import { registerExtractCommand } from './cli/extract.js';
import { registerOcrCommand } from './cli/ocr.js';
import { registerQueryCommand } from './cli/query.js';
import { registerRestoreCommand } from './cli/restore.js';
import { registerReviewCommand } from './cli/review.js';
import { registerRunCommand } from './cli/run.js';
import { registerWorkerCommand } from './cli/worker.js';
import { ERROR_CODES, EXIT, toVnplanError, type ErrorCode } from './errors.js';
import { shutdown } from './runner/shutdown.js';

/** Errors about the invocation or the environment rather than one document's content. */
const FATAL: ReadonlySet<ErrorCode> = new Set(['USAGE', 'INPUT_NOT_FOUND', 'INPUT_UNREADABLE', 'OUTPUT_LOCKED', 'OUTPUT_NOT_WRITABLE', 'OUTPUT_WRITE_FAILED', 'QUEUE_UNREACHABLE', 'OCR_MODEL_MISSING', 'DICTIONARY_MISSING', 'INTERNAL']);

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.OK : EXIT.FATAL;
  return FATAL.has(toVnplanError(err).code) ? EXIT.FATAL : EXIT.SOME_FAILED;
}

const HELP_FOOTER = `
Pipelines (--pipeline):
${Object.values(PIPELINES)
  .map((p) => `  ${p.name.padEnd(11)} ${p.description}`)
  .join('\n')}

Exit codes:
  0  every document processed (or skipped as up to date)
  1  some documents failed (see out/run-report.json; the others are written)
  2  usage error or fatal error (bad arguments, input missing or unreadable, output folder locked,
     not writable or full, interrupted by SIGINT/SIGTERM)

Error codes (per document in run-report.json and index.jsonl, and on stderr) and what to do:
${Object.entries(ERROR_CODES)
  .map(([code, hint]) => `  ${code.padEnd(19)} ${hint}`)
  .join('\n')}

Examples:
  vnplan run scans/ --out out                 nightly batch, incremental
  vnplan run scans/ --out /shared/out --queue redis://10.0.0.5:6379
                                              the same, on the workers of a queue
  vnplan worker --queue redis://10.0.0.5:6379 a worker (one per machine)
  vnplan extract plan.pdf > plan.json         one document to JSON
  echo "thyc hién nhiém vu" | vnplan restore  restore diacritics
  vnplan ocr scan.pdf --json                  OCR words, boxes, confidences
  vnplan query out --issuer "uy ban nhan dan xa dai thang"
  vnplan export out --format sqlite --output plans.sqlite
  vnplan review out                           check and correct in a browser
Run \`vnplan <command> --help\` for the options of each command.`;

export async function buildProgram(): Promise<Command> {
  const program = new Command()
    .name('vnplan')
    .description('Turn scanned or badly OCR’d Vietnamese administrative plans into correct Vietnamese text and structured JSON')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('after', HELP_FOOTER);
  registerRunCommand(program);
  registerWorkerCommand(program);
  registerExtractCommand(program);
  registerRestoreCommand(program);
  registerOcrCommand(program);
  registerQueryCommand(program);
  registerExportCommand(program);
  registerReviewCommand(program);
  // exitOverride is inherited only by commands added after it; set it on all of them.
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  let code: number = EXIT.OK;
  try {
    const program = await buildProgram();
    await program.parseAsync(argv);
    code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    code = exitCodeFor(err);
    if (!(err instanceof CommanderError)) {
      const e = toVnplanError(err);
      process.stderr.write(`vnplan: error ${e.code}: ${e.message}\n`);
      if (e.code === 'INTERNAL' && process.env.VNPLAN_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    }
  } finally {
    await shutdown().catch(() => undefined);
  }
  return code;
}

// Run when executed directly (tsx src/cli.ts, bin/vnplan.js), not when imported by tests.
const invokedAs = process.argv[1] ?? '';
if (/(^|[\\/])(cli\.(ts|js)|vnplan(\.js)?)$/.test(invokedAs) || process.env.VNPLAN_CLI_MAIN === '1') {
  const code = await main();
  // Flush stdout before exiting (a pipe may still hold the JSON); exit explicitly so no
  // lingering handle (worker threads of a third-party module) keeps the process alive.
  process.stdout.write('', () => process.exit(code));
}
