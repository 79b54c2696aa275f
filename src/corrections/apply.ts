/**
 * Applying stored corrections to a record as read (export, query, review). A text correction
 * applies where the machine text still reads `original` between the same context; when the text
 * moved (a re-run changed something before it), it applies where that context and original
 * occur once; when the machine now writes the corrected value itself it counts as applied;
 * otherwise it is kept in its file and reported stale (needs a look). A field correction
 * applies while the machine's value is still `original` (or already the corrected value).
 * Applied values are marked humanVerified; every offset in the record follows the edits.
 */
import type { DocumentRecord } from '../schema/document.js';
import { CONTEXT_CHARS, type Correction, type CorrectionsFile, type FieldCorrection, type FieldPath, type TextCorrection } from './schema.js';

export type CorrectionStatus = 'applied' | 'moved' | 'stale';

export interface CorrectionState {
  id: string;
  status: CorrectionStatus;
  /** Where a text correction sits now in the machine text (absent when stale). */
  start?: number;
  end?: number;
}

interface Edit { start: number; end: number; value: string; correction: TextCorrection }

/** The context a text correction keeps around [start, end) of `text`. */
export function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  return { before: text.slice(Math.max(0, start - CONTEXT_CHARS), start), after: text.slice(end, end + CONTEXT_CHARS) };
}

/** Where `c` applies in `text` now, or its status when it does not. */
export function locateTextCorrection(text: string, c: TextCorrection): CorrectionState {
  const here = (start: number, status: CorrectionStatus): CorrectionState => ({ id: c.id, status, start, end: start + c.original.length });
  const matchesAt = (start: number, span: string): boolean => {
    const ctx = contextOf(text, start, start + span.length);
    return text.startsWith(span, start) && ctx.before === c.before && ctx.after === c.after;
  };
  if (matchesAt(c.start, c.original)) return here(c.start, 'applied');
  // The machine now writes what the person wrote: nothing left to apply, the span is verified.
  if (c.value !== c.original && matchesAt(c.start, c.value)) return { id: c.id, status: 'applied', start: c.start, end: c.start + c.value.length };
  for (const span of c.value === c.original ? [c.original] : [c.original, c.value]) {
    const needle = c.before + span + c.after;
    const at = text.indexOf(needle);
    if (at >= 0 && text.indexOf(needle, at + 1) < 0) {
      const start = at + c.before.length;
      return { id: c.id, status: 'moved', start, end: start + span.length };
    }
  }
  return { id: c.id, status: 'stale' };
}

/** Maps an offset of the machine text to the corrected text, given sorted non-overlapping edits. */
export function offsetMapper(edits: readonly Pick<Edit, 'start' | 'end' | 'value'>[]): (offset: number, side: 'start' | 'end') => number {
  return (offset, side) => {
    let shift = 0;
    for (const e of edits) {
      if (offset < e.start || (offset === e.start && side === 'end' && e.end > e.start)) break;
      if (offset >= e.end) { shift += e.value.length - (e.end - e.start); continue; }
      // Inside an edited span: its start stays, anything later goes to the span's new end.
      return offset === e.start ? e.start + shift : e.start + shift + e.value.length;
    }
    return offset + shift;
  };
}

/** Every { start, end } pair and position.offset in the record (but its text) through `map`. */
function remapOffsets<T>(value: T, map: (offset: number, side: 'start' | 'end') => number): T {
  if (Array.isArray(value)) return value.map((v) => remapOffsets(v, map)) as T;
  if (value === null || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(src)) out[key] = remapOffsets(v, map);
  if (typeof src.start === 'number' && typeof src.end === 'number') {
    out.start = map(src.start, 'start');
    out.end = map(src.end, 'end');
  } else if (typeof src.offset === 'number') out.offset = map(src.offset, 'start');
  return out as T;
}

type Extracted = { value: string | null; confidence: number; humanVerified?: { who: string; when: string } };

function fieldAt(fields: DocumentRecord['fields'], path: FieldPath): Extracted {
  let node: unknown = fields;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as Extracted;
}

/** States of every correction against the record as the run wrote it. */
export function correctionStates(record: DocumentRecord, corrections: readonly Correction[]): CorrectionState[] {
  const taken: Array<[number, number]> = [];
  return corrections.map((c) => {
    if (c.target === 'field') {
      const current = fieldAt(record.fields, c.field).value;
      return { id: c.id, status: current === c.original || current === c.value ? 'applied' : 'stale' };
    }
    const state = locateTextCorrection(record.text, c);
    // Two corrections on one span (a re-run merged tokens): the first one made wins.
    if (state.start !== undefined && taken.some(([s, e]) => state.start! < e && s < state.end!)) return { id: c.id, status: 'stale' };
    if (state.start !== undefined) taken.push([state.start, state.end!]);
    return state;
  });
}

export interface AppliedRecord {
  record: DocumentRecord;
  states: CorrectionState[];
}

/** The record with the file's corrections applied and marked; the input record is not changed. */
export function applyCorrections(record: DocumentRecord, file: CorrectionsFile | undefined): AppliedRecord {
  const corrections = file?.corrections ?? [];
  if (corrections.length === 0) return { record, states: [] };
  const states = correctionStates(record, corrections);
  const edits: Edit[] = [];
  corrections.forEach((c, i) => {
    const s = states[i];
    if (c.target !== 'text' || s.status === 'stale') return;
    edits.push({ start: s.start!, end: s.end!, value: c.value, correction: c });
  });
  edits.sort((a, b) => a.start - b.start);
  const map = offsetMapper(edits);
  let text = '';
  let cursor = 0;
  for (const e of edits) {
    text += record.text.slice(cursor, e.start) + e.value;
    cursor = e.end;
  }
  text += record.text.slice(cursor);
  const { text: _machineText, ...rest } = record;
  const out = edits.length ? { ...remapOffsets(rest, map), text } : structuredClone(record);
  corrections.forEach((c, i) => {
    if (c.target === 'field' && states[i].status !== 'stale') applyField(out.fields, c);
  });
  const items: ReviewItem[] = corrections.map((c, i) => {
    const s = states[i];
    const common = { id: c.id, target: c.target, status: s.status, original: c.original, value: c.value, who: c.who, when: c.when };
    if (c.target === 'field') return { ...common, field: c.field };
    return {
      ...common,
      ...(s.status !== 'stale' ? { start: map(s.start!, 'start'), end: map(s.end!, 'end') } : {}),
      action: c.action, before: c.before, after: c.after,
      ...(c.machine ? { input: c.machine.input, confidence: c.machine.confidence, alternatives: c.machine.alternatives } : {}),
    };
  });
  const applied = states.filter((s) => s.status !== 'stale').length;
  return { record: { ...out, review: { corrections: corrections.length, applied, items } }, states };
}

type ReviewItem = NonNullable<DocumentRecord['review']>['items'][number];

function applyField(fields: DocumentRecord['fields'], c: FieldCorrection): void {
  const target = fieldAt(fields, c.field);
  target.value = c.value;
  target.confidence = 1;
  target.humanVerified = { who: c.who, when: c.when };
}
