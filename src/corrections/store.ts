/**
 * Reading and writing <outDir>/corrections/<docId>.json. Writes go through the runner's atomic
 * writer (src/output/write.ts: temp file, fsync, rename), so a crash leaves the old file or the
 * new one; edits of one document are serialised within the process.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJson } from '../output/write.js';
import type { DocumentRecord } from '../schema/document.js';
import { contextOf } from './apply.js';
import {
  CORRECTIONS_DIR, CORRECTIONS_KIND, CorrectionsFileSchema, DATE_FIELDS,
  type Correction, type CorrectionRequest, type CorrectionsFile,
} from './schema.js';

export function correctionsDir(outDir: string): string {
  return join(outDir, CORRECTIONS_DIR);
}

export function correctionsPath(outDir: string, docId: string): string {
  return join(correctionsDir(outDir), `${docId}.json`);
}

/** A corrections file that is present but unreadable or invalid. */
export class CorrectionsFileError extends Error {}

/** The document's corrections; undefined when it has none. Throws CorrectionsFileError for a damaged file. */
export async function readCorrections(outDir: string, docId: string): Promise<CorrectionsFile | undefined> {
  let raw: string;
  try {
    raw = await readFile(correctionsPath(outDir, docId), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CorrectionsFileError(`${correctionsPath(outDir, docId)}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new CorrectionsFileError(`${correctionsPath(outDir, docId)}: unreadable JSON: ${(err as Error).message}`);
  }
  const parsed = CorrectionsFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.docId !== docId) {
    const issue = parsed.success ? { path: ['docId'], message: `is ${parsed.data.docId}` } : parsed.error.issues[0];
    throw new CorrectionsFileError(`${correctionsPath(outDir, docId)}: not a valid corrections file: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Size and mtime of the corrections file (null when none): the query index re-reads a record when they change. */
export async function correctionsStamp(outDir: string, docId: string): Promise<{ size: number; mtimeMs: number } | null> {
  const st = await stat(correctionsPath(outDir, docId)).catch(() => undefined);
  return st?.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
}

export async function writeCorrections(outDir: string, file: CorrectionsFile): Promise<void> {
  const parsed = CorrectionsFileSchema.parse(file);
  await mkdir(correctionsDir(outDir), { recursive: true });
  await writeJson(correctionsPath(outDir, file.docId), parsed);
}

/** A request that does not fit the record (offsets, original text, field value). */
export class CorrectionConflict extends Error {}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task for the same file (read-modify-write without lost updates). */
function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => { if (queues.get(key) === settled) queues.delete(key); });
  return run;
}

/**
 * Adds a correction made on `record` (the record as the run wrote it): checked against the
 * record's text or field, given an id, who, when and context, and written atomically. A new
 * correction of the same span or field replaces the earlier one.
 */
export async function addCorrection(outDir: string, record: DocumentRecord, request: CorrectionRequest, defaultWho: string, now = new Date()): Promise<Correction> {
  return serialised(correctionsPath(outDir, record.docId), async () => {
    const who = request.who ?? defaultWho;
    const base = { id: randomUUID(), who, when: now.toISOString() };
    let correction: Correction;
    if (request.target === 'text') {
      const { start, end, original } = request;
      if (end <= start || end > record.text.length || record.text.slice(start, end) !== original) {
        throw new CorrectionConflict(`the text at ${start}–${end} is not "${original}"`);
      }
      if (request.action === 'accept' && request.value !== original) throw new CorrectionConflict('accept keeps the machine text: value must equal original');
      const token = record.restoration?.lowConfidence?.tokens.find((t) => t.start === start && t.end === end);
      correction = {
        ...base, target: 'text', start, end, original, value: request.value, action: request.action, ...contextOf(record.text, start, end),
        ...(token ? { machine: { input: token.input, confidence: token.confidence, alternatives: token.alternatives.map((a) => a.output) } } : {}),
      };
    } else {
      let node: unknown = record.fields;
      for (const key of request.field.split('.')) node = (node as Record<string, unknown>)[key];
      const current = (node as { value: string | null }).value;
      if (current !== request.original) throw new CorrectionConflict(`${request.field} is ${JSON.stringify(current)}, not ${JSON.stringify(request.original)}`);
      if (DATE_FIELDS.has(request.field) && request.value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(request.value)) throw new CorrectionConflict(`${request.field} takes a date YYYY-MM-DD`);
      correction = { ...base, target: 'field', field: request.field, original: request.original, value: request.value };
    }
    const existing = await readCorrections(outDir, record.docId);
    const kept = (existing?.corrections ?? []).filter((c) => !sameTarget(c, correction));
    if (correction.target === 'text') {
      const c = correction;
      const overlap = kept.find((k) => k.target === 'text' && k.start < c.end && c.start < k.end);
      if (overlap?.target === 'text') throw new CorrectionConflict(`overlaps correction ${overlap.id} (${overlap.start}–${overlap.end})`);
    }
    await writeCorrections(outDir, { kind: CORRECTIONS_KIND, version: 1, docId: record.docId, corrections: [...kept, correction] });
    return correction;
  });
}

/** Removes one correction (undo); false when there was none with that id. */
export async function removeCorrection(outDir: string, docId: string, id: string): Promise<boolean> {
  return serialised(correctionsPath(outDir, docId), async () => {
    const existing = await readCorrections(outDir, docId);
    if (!existing?.corrections.some((c) => c.id === id)) return false;
    await writeCorrections(outDir, { ...existing, corrections: existing.corrections.filter((c) => c.id !== id) });
    return true;
  });
}

function sameTarget(a: Correction, b: Correction): boolean {
  if (a.target === 'field' && b.target === 'field') return a.field === b.field;
  if (a.target === 'text' && b.target === 'text') return a.start === b.start && a.end === b.end;
  return false;
}
