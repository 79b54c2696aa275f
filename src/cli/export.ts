/** `vnplan export <outDir>`: the records as flat tables (CSV, JSONL or SQLite). */
import { Command, Option } from 'commander';
import { EXIT } from '../errors.js';
import { exportArchive, type ExportFormat } from '../export/export.js';
import { ensureOutDir } from './query.js';

const DEFAULT_DEST: Record<ExportFormat, string> = { csv: 'vnplan-export-csv', jsonl: 'vnplan-export-jsonl', sqlite: 'vnplan-export.sqlite' };

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export the records in <outDir> as tables: documents, references, quotas, deadlines, sections (keyed by docId)')
    .argument('<outDir>', 'output folder of `vnplan run`')
    .addOption(new Option('-f, --format <format>', 'csv or jsonl (one file per table in a folder) or sqlite (one file)').choices(['csv', 'jsonl', 'sqlite']).makeOptionMandatory())
    .option('-o, --output <path>', 'destination folder (csv, jsonl) or file (sqlite); default vnplan-export-<format>[.sqlite]')
    .option('--corrections-only', 'only the corrected tokens of `vnplan review` (corrections table, text rows): a training set', false)
    .addHelpText(
      'after',
      `
references.citedDocId is the archived document a reference cites (the citation graph), when
it is in the archive. CSV files are UTF-8 with a BOM so spreadsheets show Vietnamese correctly.
Corrections made in \`vnplan review\` (<outDir>/corrections) are applied to the tables and
listed in the corrections table; documents.humanVerified marks corrected records.
Exit codes: 0 ok, 2 usage error or missing folder.

Examples:
  vnplan export out --format sqlite -o plans.sqlite
  sqlite3 plans.sqlite 'SELECT issuer, count(*) FROM documents GROUP BY issuer'
  vnplan export out --format csv -o tables/
  vnplan export out --format jsonl
  vnplan export out --format jsonl --corrections-only -o training/`,
    )
    .action(async (outDir: string, opts: { format: ExportFormat; output?: string; correctionsOnly: boolean }) => {
      await ensureOutDir(outDir);
      const stats = await exportArchive(outDir, opts.format, opts.output ?? DEFAULT_DEST[opts.format], { correctionsOnly: opts.correctionsOnly });
      for (const w of stats.warnings) process.stderr.write(`vnplan: warning: skipped ${w.file}: ${w.message}\n`);
      const counts = Object.entries(stats.rows).map(([t, n]) => `${t} ${n}`).join(', ');
      process.stdout.write(`exported ${counts} → ${stats.files.join(', ')} (${(stats.ms / 1000).toFixed(1)} s)\n`);
      process.exitCode = EXIT.OK;
    });
}
