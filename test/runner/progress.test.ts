/** Operator-facing progress: JSON log lines when stderr is not a terminal. */
import { describe, expect, it } from 'vitest';
import { formatSummary, progressReporter } from '../../src/runner/progress.js';
import type { RunReport } from '../../src/runner/report.js';

function capture(): { stream: NodeJS.WriteStream; lines: () => Record<string, unknown>[] } {
  let out = '';
  const stream = { isTTY: false, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const report: RunReport = {
  inputDir: '/in',
  outDir: '/out',
  pipeline: { name: 'default', version: 'default@0.1.0+x' },
  startedAt: '2026-11-30T02:15:00.000Z',
  finishedAt: '2026-11-30T02:16:30.000Z',
  interrupted: false,
  totals: { documents: 2, ok: 1, skipped: 0, failed: 1, pages: 40, seconds: 90 },
  documents: [
    { docId: 'a', relPath: 'a.pdf', status: 'ok', pages: 40, seconds: 80 },
    { docId: 'b', relPath: 'b.pdf', status: 'failed', pages: 0, seconds: 1, error: { code: 'PDF_ENCRYPTED', message: 'x — Remove the protection' } },
  ],
};

describe('progress reporting', () => {
  it('logs start, documents, throttled page progress of long documents, and the end as JSON lines', () => {
    const { stream, lines } = capture();
    const report$ = progressReporter(stream);
    report$({ type: 'start', total: 2, pipeline: report.pipeline });
    // A 40-page scan: first and last page events are logged, the ones in between are throttled.
    for (let done = 0; done <= 40; done++) report$({ type: 'progress', relPath: 'a.pdf', stage: 'ocr', done, total: 40 });
    // A 2-page document logs no page progress at all.
    for (let done = 0; done <= 2; done++) report$({ type: 'progress', relPath: 'c.pdf', stage: 'ocr', done, total: 2 });
    report$({ type: 'document', report: report.documents[1]!, done: 1, total: 2 });
    report$({ type: 'end', report });
    const events = lines();
    expect(events.map((e) => e.event)).toEqual(['start', 'progress', 'progress', 'document', 'end']);
    expect(events.filter((e) => e.event === 'progress').map((e) => e.done)).toEqual([0, 40]);
    expect(events[3]).toMatchObject({ status: 'failed', relPath: 'b.pdf', error: { code: 'PDF_ENCRYPTED' } });
    expect(events[4]).toMatchObject({ totals: { failed: 1 }, interrupted: false });
  });

  it('summarises the run for the human reader, with each failure and its code', () => {
    const text = formatSummary(report);
    expect(text).toContain('2 documents — 1 processed, 0 skipped (up to date), 1 failed; 40 pages in 90.0 s');
    expect(text).toContain('FAILED b.pdf: PDF_ENCRYPTED');
  });
});
