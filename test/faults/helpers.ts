/** Shared helpers of the fault-injection suite: CLI children (optionally unprivileged) and output checks. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DocumentRecordSchema } from '../../src/schema/document.js';
import { FIXTURES, ROOT, tempDir } from '../e2e/helpers.js';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  events: Array<{ event: string; [k: string]: unknown }>;
}

/** Root ignores permission bits: permission faults need the child to run as `nobody`. */
export const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
export const canDropPrivileges: boolean =
  process.getuid?.() === 0 && spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'true']).status === 0;

/**
 * Starts `vnplan <args>` from source. `onEvent` sees each JSON progress line of stderr as it
 * arrives (the moment to send a signal).
 */
export function runVnplan(
  args: string[],
  options: { asNobody?: boolean; onEvent?: (e: ChildResult['events'][number], kill: (s: NodeJS.Signals) => void) => void } = {},
): Promise<ChildResult> {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args];
  const [cmd, ...rest] = options.asNobody ? [...AS_NOBODY, ...node] : node;
  const child = spawn(cmd!, rest, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const result: ChildResult = { code: null, signal: null, stdout: '', stderr: '', events: [] };
  let pending = '';
  const kill = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
  };
  child.stdout.on('data', (d: Buffer) => (result.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    result.stderr += d.toString();
    pending += d.toString();
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as ChildResult['events'][number];
      result.events.push(event);
      options.onEvent?.(event, kill);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...result, code, signal }));
  });
}

/** `n` small Vietnamese text files (a fixture's first paragraphs), fast to process. */
export function smallTexts(n: number, dir = tempDir('in')): string {
  const text = readFileSync(join(FIXTURES, '001_b5b6068bbf0ccc88.txt'), 'utf8').slice(0, 1200);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `doc-${String(i).padStart(3, '0')}.txt`), `${text}\n${i}\n`);
  return dir;
}

/** No partial output: every record parses and validates, its .txt matches, no temp file is left. */
export function expectOnlyCompleteFiles(outDir: string): number {
  const names = readdirSync(outDir);
  expect(names.filter((n) => /\.(json|jsonl|txt)\.\d+$/.test(n))).toEqual([]);
  const records = names.filter((n) => n.endsWith('.json') && !n.startsWith('.') && n !== 'run-report.json');
  for (const name of records) {
    const record = DocumentRecordSchema.parse(JSON.parse(readFileSync(join(outDir, name), 'utf8')));
    expect(readFileSync(join(outDir, `${record.docId}.txt`), 'utf8')).toBe(record.text);
  }
  if (existsSync(join(outDir, 'run-report.json'))) JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8'));
  return records.length;
}

export function expectLockReleased(outDir: string): void {
  expect(readdirSync(outDir).filter((n) => n.startsWith('.vnplan.lock'))).toEqual([]);
}
