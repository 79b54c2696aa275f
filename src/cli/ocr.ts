/**
 * `vnplan ocr <file>`: ingest + OCR of one file, printing each page's text (separated by a
 * page line) or, with --json, pages with words, boxes and confidences.
 */
import { Command, Option } from 'commander';
import { MODEL_VARIANTS } from '../ocr/model.js';
import { SYSTEM_MODEL } from '../ocr/native.js';
import { DEFAULT_OCR_ENGINE, OCR_ENGINES, type OcrEngine } from '../ocr/settings.js';
import { ocrFile } from '../ocr/ocr-file.js';
import { terminateOcr } from '../ocr/recognize.js';

export function pageSeparator(number: number, total: number): string {
  return `---------- page ${number}/${total} ----------`;
}

export function registerOcrCommand(program: Command): void {
  program
    .command('ocr')
    .description('OCR one file (PDF, PNG, JPEG, TIFF; text files pass through) and print its text per page')
    .argument('<file>', 'input file; its type is detected from its content')
    .option('--json', 'print JSON with pages, words, bounding boxes and confidences')
    .addOption(new Option('--lang <langs>', 'OCR languages').choices(['vie', 'eng+vie']).default('vie'))
    .addOption(new Option('--model <variant>', `Tesseract model variant (${SYSTEM_MODEL}: the one installed with the tesseract program; native engine only)`).choices([...MODEL_VARIANTS, SYSTEM_MODEL]))
    .addOption(new Option('--engine <engine>', 'OCR engine: auto = the system tesseract when installed, else tesseract.js').choices([...OCR_ENGINES]).default(DEFAULT_OCR_ENGINE))
    .option('--workers <n>', 'OCR worker threads (default: number of cores)', (v) => {
      const n = Number.parseInt(v, 10);
      if (!Number.isInteger(n) || n < 1) throw new Error('--workers must be a positive integer');
      return n;
    })
    .action(async (file: string, opts: { json?: boolean; lang: string; model?: string; workers?: number; engine: OcrEngine }) => {
      try {
        const result = await ocrFile(file, { languages: opts.lang, model: opts.model, workers: opts.workers, engine: opts.engine });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const total = result.pages.length;
        for (const page of result.pages) {
          process.stdout.write(`${pageSeparator(page.number, total)}\n${page.text}\n`);
        }
      } finally {
        await terminateOcr();
      }
    });
}
