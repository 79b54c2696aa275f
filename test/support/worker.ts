/** `vnplan worker` processes for the queue tests and bench:queue, with their JSON log events. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { IndexEntry } from '../../src/runner/report.js';
import { startCli } from './cli.js';

export type LogEvent = Record<string, unknown>;

/** Calls `onEvent` with each line of `stream` that parses as JSON (the CLI's log lines); other lines are skipped. */
export function onJsonLines(stream: Readable, onEvent: (e: LogEvent) => void): void {
  let buffer = '';
  stream.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let e: LogEvent;
      try {
        e = JSON.parse(line) as LogEvent;
      } catch {
        continue; // not a log line
      }
      onEvent(e);
    }
  });
}

export interface LoggedWorker {
  child: ChildProcess;
  events: LogEvent[];
  /** Resolves with the first event matching `test` (one already logged, or the next one). */
  next(test: (e: LogEvent) => boolean): Promise<LogEvent>;
  /** Resolves when the worker has loaded its models and takes jobs. */
  ready: Promise<LogEvent>;
  exited: Promise<number | null>;
}

/** A worker taking one document at a time, whose lost jobs return to the queue after `stalledSeconds`. */
export function startLoggedWorker(url: string, stalledSeconds: number): LoggedWorker {
  const child = startCli(['worker', '--queue', url, '--concurrency', '1', '--ocr-workers', '1', '--stalled-seconds', String(stalledSeconds)]);
  const events: LogEvent[] = [];
  const waiters: { test: (e: LogEvent) => boolean; resolve: (e: LogEvent) => void }[] = [];
  onJsonLines(child.stderr!, (e) => {
    events.push(e);
    for (const w of [...waiters]) if (w.test(e)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(e);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = (test: (e: LogEvent) => boolean): Promise<LogEvent> => {
    const found = events.find(test);
    return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ test, resolve }));
  };
  return { child, events, exited, next, ready: next((e) => e.event === 'ready') };
}

/** The run's index.jsonl entries. */
export function readIndex(out: string): IndexEntry[] {
  return readFileSync(join(out, 'index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as IndexEntry);
}
