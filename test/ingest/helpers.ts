import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { VDoc, PipelineOptions } from '../../src/document.js';
import { ingestStage } from '../../src/stages/ingest.js';
import { bytesDoc } from '../support/doc.js';

export const repoPath = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
export const readRepo = (rel: string): Uint8Array => new Uint8Array(readFileSync(repoPath(rel)));

export function ingest(bytes: Uint8Array, options: PipelineOptions = {}, name?: string): Promise<VDoc> {
  return Promise.resolve(ingestStage.run(bytesDoc(bytes, name), { options }));
}

/** Resolves to the VnplanError code a promise rejects with (or 'resolved'). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return (err as { code?: string }).code ?? `uncoded: ${String(err)}`;
  }
}

/**
 * Two 2480x180 strips cut from the committed scanned PNG fixture (page 2 of seed 001), so
 * tests can build small multi-frame images without depending on system fonts. Strip 1 shows
 * "- Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy…", strip 2 "- Nội dung và tiêu chí thi đua…".
 */
export async function scanStrips(): Promise<Buffer[]> {
  const { default: sharp } = await import('sharp');
  const page = Buffer.from(readRepo('fixtures/001_page2.png'));
  return Promise.all([200, 440].map((top) => sharp(page).extract({ left: 0, top, width: 2480, height: 180 }).png().toBuffer()));
}
