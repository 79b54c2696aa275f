/** Shared helpers for the end-to-end tests: temp folders from fixtures/ and a CLI spawner. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentRecordSchema, type DocumentRecord } from '../../src/schema/document.js';
import type { Pipeline } from '../../pipelines/index.js';
import { pipelineVersion } from '../../pipelines/version.js';
import { ingestStage } from '../../src/stages/ingest.js';
import { normalizeStage } from '../../src/stages/normalize.js';

/**
 * The runner's own behaviour (incremental, atomic, locking, failures) is tested with the two
 * stages it cannot do without, so those tests do not depend on restoration or extraction;
 * the full default pipeline has its own end-to-end test.
 */
export function runnerTestPipeline(): Pipeline {
  const stages = [ingestStage, normalizeStage];
  return { name: 'runner-test', description: 'ingest → normalize', stages, version: pipelineVersion('runner-test', stages) };
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vnplan-${prefix}-`));
}

/** Copies the named files of fixtures/ into a new temp folder. */
export function copyFixtures(names: string[], dir = tempDir('in')): string {
  for (const name of names) copyFileSync(join(FIXTURES, name), join(dir, name));
  return dir;
}

export const TEXT_FIXTURES = ['001_b5b6068bbf0ccc88.txt', '003_36ab5c401d102818.txt'];

/** Inputs every run must reject with a clear code, while the other documents succeed. */
export function writeBadInputs(dir: string): Record<string, string> {
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'corrupt.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ntruncated garbage');
  // Deterministic "random" binary: bytes of a linear congruential sequence, NULs included.
  const bytes = new Uint8Array(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  writeFileSync(join(dir, 'random.bin'), bytes);
  writeFileSync(join(dir, 'locked.pdf'), encryptedPdf());
  return { 'empty.txt': 'INPUT_EMPTY', 'corrupt.pdf': 'PDF_CORRUPT', 'random.bin': 'UNSUPPORTED_FORMAT', 'locked.pdf': 'PDF_ENCRYPTED' };
}

/**
 * A one-page PDF protected by the standard security handler with a user password: its /O and
 * /U entries do not match the empty password, so a reader must ask for one.
 */
export function encryptedPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** Every <docId>.json in an output folder, parsed and validated. */
export function readRecords(outDir: string): DocumentRecord[] {
  return readdirSync(outDir)
    .filter((n) => n.endsWith('.json') && !n.startsWith('.') && n !== 'run-report.json')
    .map((n) => DocumentRecordSchema.parse(JSON.parse(readFileSync(join(outDir, n), 'utf8'))));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source (node --import tsx src/cli.ts …). */
export function startCli(args: string[], input?: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input ?? '');
  return child;
}

export function runCli(args: string[], input?: string): Promise<CliResult> {
  const child = startCli(args, input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
