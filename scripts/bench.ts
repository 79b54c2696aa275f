/**
 * `npm run bench`: end-to-end throughput of `vnplan run` on fixtures/ with 1 and 2 workers
 * (documents in flight = OCR workers = N), each on a fresh output folder with --force, plus
 * peak RSS of the whole CLI process (from /usr/bin/time -v; null where that tool is not
 * installed). Then the OCR helper's benchOcr
 * when scripts/bench-ocr.ts is present. Prints a table and the JSON.
 *
 *   npm run bench [-- --input fixtures --workers 1,2 --no-ocr-bench]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunReport } from '../src/runner/report.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export interface BenchRow {
  workers: number;
  documents: number;
  ok: number;
  failed: number;
  pages: number;
  wallSeconds: number;
  pagesPerMinute: number;
  peakRssMB: number | null;
}

function runOnce(input: string, workers: number): Promise<BenchRow> {
  const out = mkdtempSync(join(tmpdir(), 'vnplan-bench-'));
  const cli = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli.ts'), 'run', input, '--out', out, '--force', '--concurrency', String(workers), '--ocr-workers', String(workers)];
  const useTime = existsSync(TIME);
  const [cmd, ...args] = useTime ? [TIME, '-v', ...cli] : cli;
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0 && code !== 1) return reject(new Error(`vnplan run exited ${code}:\n${stderr.slice(-2000)}`));
      const report = JSON.parse(readFileSync(join(out, 'run-report.json'), 'utf8')) as RunReport;
      rmSync(out, { recursive: true, force: true });
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolvePromise({
        workers,
        documents: report.totals.documents,
        ok: report.totals.ok,
        failed: report.totals.failed,
        pages: report.totals.pages,
        wallSeconds: Number(wallSeconds.toFixed(2)),
        pagesPerMinute: Number(((report.totals.pages / wallSeconds) * 60).toFixed(1)),
        peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null,
      });
    });
  });
}

async function main(): Promise<void> {
  const input = resolve(arg('input') ?? join(ROOT, 'fixtures'));
  const workers = (arg('workers') ?? '1,2').split(',').map(Number);
  const rows: BenchRow[] = [];
  for (const w of workers) {
    process.stderr.write(`bench: vnplan run ${input} with ${w} worker(s)…\n`);
    rows.push(await runOnce(input, w));
  }
  console.log('\nvnplan run (wall time includes process start and model loading)');
  console.table(rows);
  let ocr: unknown = null;
  const benchOcrFile = join(ROOT, 'scripts/bench-ocr.ts');
  if (!process.argv.includes('--no-ocr-bench') && existsSync(benchOcrFile)) {
    const mod = (await import(pathToFileURL(benchOcrFile).href)) as { benchOcr?: (o: Record<string, unknown>) => Promise<{ rows: unknown[] }> };
    if (mod.benchOcr) {
      ocr = await mod.benchOcr({ workers, log: (line: string) => process.stderr.write(`${line}\n`) });
      console.log('\nOCR (scripts/bench-ocr.ts)');
      console.table((ocr as { rows: unknown[] }).rows);
    }
  }
  console.log(JSON.stringify({ input, run: rows, ocr }, null, 2));
}

await main();
