/**
 * Progress for operators: a bar on an interactive terminal, one JSON object per line on
 * stderr otherwise (cron mail and log collectors parse those).
 */
import cliProgress from 'cli-progress';
import type { RunEvent } from './run-folder.js';

/** Seconds between two page-progress log lines of one document. */
const PAGE_LOG_SECONDS = 30;
/** Documents shorter than this get no page-progress log lines (the document line suffices). */
const MIN_PAGES_TO_LOG = 10;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (event: RunEvent) => void {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: ' {bar} {value}/{total} docs | {failed} failed | ETA {eta_formatted} | {file}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let failed = 0;
    return (event) => {
      if (event.type === 'start') bar.start(event.total, 0, { failed, file: '' });
      else if (event.type === 'document') {
        if (event.report.status === 'failed') failed++;
        bar.update(event.done, { failed, file: event.report.relPath.slice(-40) });
      } else if (event.type === 'progress') {
        // Long documents (a 100-page scan) show their page progress in the bar.
        bar.update({ failed, file: `${event.relPath.slice(-30)} ${event.stage} ${event.done}/${event.total}` });
      } else if (event.type === 'warning') stream.write(`\nwarning: ${event.message}\n`);
      else if (event.type === 'end') bar.stop();
    };
  }
  // Log lines: page progress only every PAGE_LOG_SECONDS per document, so logs stay readable.
  const lastLogged = new Map<string, number>();
  return (event) => {
    const time = new Date().toISOString();
    if (event.type === 'progress') {
      const now = Date.now();
      const key = `${event.relPath}\0${event.stage}`;
      if (event.done < event.total && now - (lastLogged.get(key) ?? 0) < PAGE_LOG_SECONDS * 1000) return;
      lastLogged.set(key, now);
      if (event.done === event.total) lastLogged.delete(key);
      if (event.total < MIN_PAGES_TO_LOG) return;
      stream.write(`${JSON.stringify({ time, event: 'progress', relPath: event.relPath, stage: event.stage, done: event.done, total: event.total })}\n`);
    } else if (event.type === 'end') {
      stream.write(`${JSON.stringify({ time, event: 'end', totals: event.report.totals, interrupted: event.report.interrupted })}\n`);
    } else if (event.type === 'document') {
      stream.write(`${JSON.stringify({ time, event: 'document', done: event.done, total: event.total, ...event.report })}\n`);
    } else {
      const { type, ...rest } = event;
      stream.write(`${JSON.stringify({ time, event: type, ...rest })}\n`);
    }
  };
}

export function formatSummary(report: import('./report.js').RunReport): string {
  const t = report.totals;
  const wall = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const lines = [
    `vnplan run: ${t.documents} documents — ${t.ok} processed, ${t.skipped} skipped (up to date), ${t.failed} failed; ${t.pages} pages in ${wall.toFixed(1)} s`,
    `pipeline ${report.pipeline.version}; output in ${report.outDir}`,
  ];
  if (report.interrupted) lines.push('interrupted: re-run the same command to finish the remaining documents');
  for (const d of report.documents) if (d.status === 'failed') lines.push(`  FAILED ${d.relPath}: ${d.error?.code} ${d.error?.message ?? ''}`);
  return lines.join('\n');
}
