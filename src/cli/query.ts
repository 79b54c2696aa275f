/** `vnplan query <outDir>`: filter, search and follow citations in an output folder. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { EXIT, VnplanError } from '../errors.js';
import { QueryIndex, type QueryOptions } from '../query/query.js';
import type { HighlightStyle } from '../query/snippet.js';
import { render, type OutputFormat } from '../query/format.js';

/** "2024", "2024-03" or "2024-03-15"; a range start pads to the first day, an end to the last. */
export function dateBound(end: 'from' | 'to') {
  return (value: string): string => {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim());
    if (!m) throw new InvalidArgumentError('expected a date YYYY, YYYY-MM or YYYY-MM-DD');
    const [, y, mo, d] = m;
    if (d) return `${y}-${mo}-${d}`;
    if (mo) return end === 'from' ? `${y}-${mo}-01` : `${y}-${mo}-${String(new Date(Date.UTC(+y, +mo, 0)).getUTCDate()).padStart(2, '0')}`;
    return end === 'from' ? `${y}-01-01` : `${y}-12-31`;
  };
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

interface CliOptions extends Omit<QueryOptions, 'highlight'> {
  format: OutputFormat;
  highlight?: HighlightStyle;
  rebuild: boolean;
  update: boolean;
}

export async function ensureOutDir(outDir: string): Promise<void> {
  const st = await stat(outDir).catch(() => undefined);
  if (!st?.isDirectory()) throw new VnplanError('INPUT_NOT_FOUND', `output folder not found: ${outDir}`);
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('filter, search and follow citations across the records in <outDir> (builds/refreshes <outDir>/.vnplan-index)')
    .argument('<outDir>', 'output folder of `vnplan run`')
    .option('-t, --type <type>', 'document type, accent-insensitive (e.g. "ke hoach", "Quyết định")')
    .option('-i, --issuer <name>', 'issuing body, fuzzy and accent-insensitive (e.g. "uy ban nhan dan xa dai thang", "UBND huyen Vu Ban")')
    .option('--place <name>', 'place on the place/date line, accent-insensitive')
    .option('--issued-from <date>', 'issued on or after (YYYY[-MM[-DD]])', dateBound('from'))
    .option('--issued-to <date>', 'issued on or before', dateBound('to'))
    .option('--period-from <date>', 'campaign period overlaps a range starting here', dateBound('from'))
    .option('--period-to <date>', 'campaign period overlaps a range ending here', dateBound('to'))
    .option('--deadline-from <date>', 'has a deadline on or after', dateBound('from'))
    .option('--deadline-to <date>', 'has a deadline on or before', dateBound('to'))
    .option('--quota-unit <unit>', 'has a quota counted in this unit ("tap the", "cá nhân"), or "%" for percentage targets')
    .option('--cites <symbol>', 'cites this document number/symbol (e.g. 25/KH-UBND) or docId')
    .option('--cited-by <symbol>', 'archived documents cited by the document with this number/symbol or docId')
    .option('-q, --text <words>', 'free text over the restored text (ranked, accent-insensitive, highlighted snippets)')
    .option('-a, --all-terms', 'with --text: only documents containing every word (default: any, fuller matches first)', false)
    .option('-n, --limit <n>', 'results to show (0 = all)', nonNegativeInt, 20)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .addOption(new Option('--highlight <style>', 'snippet highlighting (default: ansi on a terminal, guillemets otherwise)').choices(['ansi', 'guillemets', 'markdown', 'none']))
    .option('--rebuild', 'rebuild the index from scratch', false)
    .option('--no-update', 'use the existing index without checking for changed records')
    .addHelpText(
      'after',
      `
The first query builds <outDir>/.vnplan-index; later ones re-read only records that changed.
Filters combine with AND. Results are ranked by relevance with --text, else newest first.
Exit codes: 0 ok (also when nothing matches), 2 usage error or missing folder.

Examples:
  vnplan query out --issuer "uy ban nhan dan xa dai thang"
  vnplan query out --type "ke hoach" --issued-from 2024 --issued-to 2024-06
  vnplan query out --text "cai cach hanh chinh" --limit 5
  vnplan query out --text "phòng chống thiên tai" --all-terms --issuer "UBND huyen Van Ban"
  vnplan query out --cites 25/KH-UBND --format json
  vnplan query out --cited-by 05/KH-UBND
  vnplan query out --deadline-from 2025-01 --deadline-to 2025-01 --format csv > deadlines.csv
  vnplan query out --quota-unit "tap the" --period-from 2023 --period-to 2023`,
    )
    .action(async (outDir: string, opts: CliOptions) => {
      await ensureOutDir(outDir);
      const { index, stats } = await QueryIndex.open(outDir, { update: opts.update, force: opts.rebuild });
      for (const w of stats?.warnings ?? []) process.stderr.write(`vnplan: warning: skipped ${w.file}: ${w.message}\n`);
      const highlight = opts.highlight ?? (opts.format === 'table' && process.stdout.isTTY ? 'ansi' : 'guillemets');
      const { format, rebuild: _r, update: _u, ...query } = opts;
      const res = await index.query({ ...query, highlight });
      process.stdout.write(render(res, format));
      process.exitCode = EXIT.OK;
    });
}
