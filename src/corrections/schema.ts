/**
 * Human corrections of a record, kept apart from it in <outDir>/corrections/<docId>.json so a
 * re-run (`vnplan run --force`, the nightly run) never loses them: the runner rewrites records,
 * never this folder, and corrections are applied whenever records are read (export, query,
 * review). Offsets point into the machine text (the record's `text` as the run wrote it);
 * `original` and its context let a correction be found again in a re-run's text.
 */
import { z } from 'zod';

export const CORRECTIONS_DIR = 'corrections';
export const CORRECTIONS_KIND = 'vnplan corrections';
/** Characters of context kept on each side of a text correction (to find it again after a re-run). */
export const CONTEXT_CHARS = 24;
/** Longest corrected span or value: a token or a field value, not a paragraph. */
export const MAX_VALUE_CHARS = 2_000;

/** The scalar fields a reviewer can correct (paths into DocumentFields; each is { value, confidence, provenance }). */
export const FIELD_PATHS = [
  'documentType', 'number', 'issuingBody.name', 'issuingBody.parent', 'place', 'issueDate', 'title',
  'period.from', 'period.to', 'signer.name', 'signer.title', 'signer.onBehalfOf',
] as const;
export type FieldPath = (typeof FIELD_PATHS)[number];
/** Fields whose value is an ISO date (the record schema requires YYYY-MM-DD). */
export const DATE_FIELDS: ReadonlySet<FieldPath> = new Set(['issueDate', 'period.from', 'period.to']);

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const who = z.string().trim().min(1).max(100);
const when = z.iso.datetime();
const value = z.string().max(MAX_VALUE_CHARS);

export const TextCorrectionSchema = z.object({
  id,
  target: z.literal('text'),
  /** [start, end) in the machine text when the correction was made. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The machine's text of the span then. */
  original: value.min(1),
  /** What a person says it should be; equal to `original` when they accepted the machine's choice. */
  value: value.min(1).refine((v) => !/[\n\r]/.test(v), 'a token correction cannot contain a line break'),
  /** accept: the machine was right; pick: one of its alternatives; type: typed by hand. */
  action: z.enum(['accept', 'pick', 'type']),
  before: z.string().max(CONTEXT_CHARS),
  after: z.string().max(CONTEXT_CHARS),
  /** What the restorer had: its input token, confidence and alternatives (the training example). */
  machine: z.object({ input: z.string(), confidence: z.number().min(0).max(1), alternatives: z.array(z.string()) }).optional(),
  who,
  when,
}).refine((c) => c.end > c.start && c.end - c.start === c.original.length, 'end - start must be the length of original');
export type TextCorrection = z.infer<typeof TextCorrectionSchema>;

export const FieldCorrectionSchema = z.object({
  id,
  target: z.literal('field'),
  field: z.enum(FIELD_PATHS),
  /** The machine's value then (null: it found none). */
  original: value.nullable(),
  /** The corrected value (null: the document has none). */
  value: value.nullable(),
  who,
  when,
}).refine((c) => !DATE_FIELDS.has(c.field) || c.value === null || /^\d{4}-\d{2}-\d{2}$/.test(c.value), 'a date field takes YYYY-MM-DD');
export type FieldCorrection = z.infer<typeof FieldCorrectionSchema>;

export const CorrectionSchema = z.union([TextCorrectionSchema, FieldCorrectionSchema]);
export type Correction = z.infer<typeof CorrectionSchema>;

export const CorrectionsFileSchema = z.object({
  kind: z.literal(CORRECTIONS_KIND),
  version: z.literal(1),
  docId: z.string().regex(/^[a-z0-9-]{1,128}$/),
  corrections: z.array(CorrectionSchema),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFileSchema>;

/** What a client sends for a new correction: the server adds id, who (unless given), when and context. */
export const CorrectionRequestSchema = z.union([
  z.object({
    target: z.literal('text'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    original: value.min(1),
    value: value.min(1),
    action: z.enum(['accept', 'pick', 'type']),
    who: who.optional(),
  }).strict(),
  z.object({
    target: z.literal('field'),
    field: z.enum(FIELD_PATHS),
    original: value.nullable(),
    value: value.nullable(),
    who: who.optional(),
  }).strict(),
]);
export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;
