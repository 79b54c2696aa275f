/** Shared helpers for the end-to-end tests: temp folders from fixtures/ and a CLI spawner. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentRecordSchema, type DocumentRecord } from '../../src/schema/document.js';
import type { Pipeline } from '../../pipelines/index.js';
import { pipelineVersion } from '../../pipelines/version.js';
import { ingestStage } from '../../src/stages/ingest.js';
import { normalizeStage } from '../../src/stages/normalize.js';
import { seededBytes } from '../support/prng.js';
import { ROOT, SEEDS_DIR } from '../support/fixtures.js';

/**
 * The runner's own behaviour (incremental, atomic, locking, failures) is tested with the two
 * stages it cannot do without, so those tests do not depend on restoration or extraction;
 * the full default pipeline has its own end-to-end test.
 */
export function runnerTestPipeline(): Pipeline {
  const stages = [ingestStage, normalizeStage];
  return { name: 'runner-test', description: 'ingest → normalize', stages, version: pipelineVersion('runner-test', stages) };
}

export { ROOT };
export const FIXTURES = SEEDS_DIR;

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
  // Deterministic "random" binary, NULs included.
  writeFileSync(join(dir, 'random.bin'), seededBytes(12345, 4096));
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

export { runCli, startCli, type CliResult } from '../support/cli.js';
