/**
 * The one schema of vnplan's output JSON. TypeScript types are inferred from it and the
 * committed JSON Schema file (document.schema.json) is emitted from it by
 * `npm run schema` (tools/build/schema.ts); a test checks the file is current.
 *
 * Field names follow the annotation format users gave us (shared fixtures README):
 * scalars are wrapped as { value, confidence, provenance }, list items carry their plain
 * fields plus confidence and provenance, so both analysts and the scorer read them.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = '1.0.0';

export const BBoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const ProvenanceSchema = z
  .object({
    /** Outline path of the section holding the value, e.g. "III.3.3"; null outside the outline. */
    section: z.string().nullable(),
    /** Character offsets [start, end) into the record's `text`. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    /** 1-based page and bounding box (pixels of the OCR'd page image) for OCR'd input. */
    page: z.number().int().positive().optional(),
    bbox: BBoxSchema.optional(),
  })
  .describe('Where a value was found.');
export type Provenance = z.infer<typeof ProvenanceSchema>;

const confidence = z.number().min(0).max(1);

/** A scalar extracted value. `value` is null when the document leaves it blank or lacks it. */
/** Who confirmed or corrected a value in `vnplan review` (<outDir>/corrections), and when. */
export const HumanVerifiedSchema = z.object({ who: z.string(), when: z.string() });

export function extracted<T extends z.ZodTypeAny>(value: T) {
  return z.object({
    value: value.nullable(),
    confidence,
    provenance: ProvenanceSchema.nullable(),
    /** Present when a person corrected or confirmed the value (records as read by export/query/review). */
    humanVerified: HumanVerifiedSchema.optional(),
  });
}
const ExtractedString = extracted(z.string());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ExtractedDate = extracted(isoDate).extend({
  /** 'day' for a full date; 'month' or 'year' when the document only gives those. */
  precision: z.enum(['day', 'month', 'year']).optional(),
});

export const ReferenceSchema = z.object({
  type: z.string(),
  number: z.string().nullable(),
  date: isoDate.nullable(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  confidence,
  provenance: ProvenanceSchema.nullable(),
});

export const QuotaItemSchema = z.object({ count: z.number(), unit: z.string() });
export const QuotaSchema = z.object({
  text: z.string(),
  items: z.array(QuotaItemSchema).optional(),
  percent: z.number().optional(),
  /** What the percentage applies to, e.g. "số hồ sơ TTHC". */
  subject: z.string().nullable().optional(),
  /** Qualifier such as "không quá", "tối thiểu". */
  qualifier: z.string().nullable().optional(),
  section: z.string().nullable(),
  confidence,
  provenance: ProvenanceSchema.nullable(),
});

export const DeadlineSchema = z.object({
  date: isoDate,
  text: z.string(),
  kind: z.enum(['before', 'no_later_than', 'until', 'by', 'from']),
  action: z.string().nullable().optional(),
  who: z.string().nullable().optional(),
  section: z.string().nullable(),
  confidence,
  provenance: ProvenanceSchema.nullable(),
});

export interface OutlineNode {
  number: string;
  title: string;
  /** Full outline path, e.g. "III.3.1". */
  path: string;
  kind: 'roman' | 'arabic' | 'decimal' | 'letter';
  /** Offsets of the heading and of the whole section (heading + body) in `text`. */
  titleSpan: { start: number; end: number };
  span: { start: number; end: number };
  confidence: number;
  /** Provenance of the title (section = this node's path); page and bbox are added for OCR'd input. */
  provenance?: Provenance;
  children: OutlineNode[];
}
export const OutlineNodeSchema: z.ZodType<OutlineNode> = z.lazy(() =>
  z.object({
    number: z.string(),
    title: z.string(),
    path: z.string(),
    kind: z.enum(['roman', 'arabic', 'decimal', 'letter']),
    titleSpan: z.object({ start: z.number().int(), end: z.number().int() }),
    span: z.object({ start: z.number().int(), end: z.number().int() }),
    confidence,
    provenance: ProvenanceSchema.optional(),
    children: z.array(OutlineNodeSchema),
  }),
);

/** A unit valid from 1 July 2025 that (part of) a pre-2025 unit named in the document went into. */
export const CurrentUnitSchema = z
  .object({
    /** Type and name as from 1 July 2025: "xã Liên Minh", "tỉnh Ninh Bình". */
    name: z.string(),
    /** GSO code of the unit from 1 July 2025 (dictionaries/gazetteer.json provinces2025/communes2025). */
    code: z.string(),
    /** Its province from 1 July 2025; null for a province. */
    province: z.string().nullable(),
    /** 'full': the whole named unit went into this one; 'partial': the named unit was split and this one got part of it. */
    merge: z.enum(['full', 'partial']),
  })
  .describe('A unit after the 1 July 2025 reorganisation (dictionaries/admin-mapping-2025.json).');
export type CurrentUnit = z.infer<typeof CurrentUnitSchema>;
/** Present only when the document names a pre-2025 unit the gazetteer knows. */
const currentUnits = z.array(CurrentUnitSchema).optional();

/**
 * The period a plan runs over, from the strongest evidence the text gives (fixtures README:
 * whole years → 01-01 … 12-31, months → first … last day). `evidence` says which:
 *   'dates': written to the day ("từ ngày 01/3/2025 đến ngày 31/3/2025", "từ ngày ban hành
 *            … đến hết ngày …"); 'months': "từ tháng 4/2025 đến tháng 10/2025", "đến hết tháng
 *            12 năm 2023"; 'year': "Trong năm 2025" in a time section or the opening;
 *   'title': the year or span in the title ("… năm 2025", "giai đoạn 2021 - 2025").
 * Confidence falls in that order.
 */
export const PeriodSchema = z.object({
  from: ExtractedDate,
  to: ExtractedDate,
  evidence: z.enum(['dates', 'months', 'year', 'title']).optional(),
});

/**
 * A part attached after the main document: the plan a Quyết định issues ("Ban hành kèm theo
 * Quyết định số …"), a Công văn's Phụ lục. Its outline is numbered on its own (paths restart at
 * I); provenance offsets point into the record's `text` like the main fields'.
 */
export const AttachmentSchema = z.object({
  /** "Kế hoạch", "Phụ lục", … as the part's type line names it. */
  documentType: ExtractedString,
  title: ExtractedString,
  /** The caption under the type line, e.g. "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 10/01/2025 …)". */
  caption: ExtractedString,
  /** Offsets [start, end) of the whole part in `text`. */
  span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  period: PeriodSchema,
  sections: z.array(OutlineNodeSchema),
  quotas: z.array(QuotaSchema),
  deadlines: z.array(DeadlineSchema),
  awards: z.array(ExtractedString),
  /** The part's own signature block (a Phụ lục signed under its last line), present when it has one. */
  signer: z.object({ name: ExtractedString, title: ExtractedString, onBehalfOf: ExtractedString }).optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const DocumentFieldsSchema = z.object({
  documentType: ExtractedString,
  number: ExtractedString,
  issuingBody: z.object({
    name: ExtractedString,
    parent: ExtractedString,
    /** The unit(s) from 1 July 2025 of the issuer's locality, when the document names it by its pre-2025 name. */
    currentLocality: currentUnits,
  }),
  /** `current`: the unit(s) from 1 July 2025 of the place, when the place line names a pre-2025 unit. */
  place: ExtractedString.extend({ current: currentUnits }),
  issueDate: ExtractedDate,
  title: ExtractedString,
  period: PeriodSchema,
  references: z.array(ReferenceSchema),
  sections: z.array(OutlineNodeSchema),
  quotas: z.array(QuotaSchema),
  deadlines: z.array(DeadlineSchema),
  awards: z.array(ExtractedString),
  signer: z.object({ name: ExtractedString, title: ExtractedString, onBehalfOf: ExtractedString }),
  recipients: z.array(ExtractedString),
  /**
   * Parts attached after the main document, present when there are any. The main fields are
   * the main document's; its period and signer come from the parts when it has none, and its
   * quotas, deadlines and awards include the parts'.
   */
  attachments: z.array(AttachmentSchema).optional(),
});
export type DocumentFields = z.infer<typeof DocumentFieldsSchema>;

export const DiagnosticSchema = z.object({
  stage: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
  position: z
    .object({ offset: z.number().optional(), page: z.number().optional(), line: z.number().optional(), column: z.number().optional() })
    .optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const LowConfidenceTokenSchema = z.object({
  /** Offsets [start, end) of the token in the record's `text`. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The token before restoration and as restored (= text.slice(start, end)). */
  input: z.string(),
  output: z.string(),
  confidence,
  /** Other outputs the restorer weighed, best first, with their share of the probability. */
  alternatives: z.array(z.object({ output: z.string(), score: z.number() })),
});
export type LowConfidenceToken = z.infer<typeof LowConfidenceTokenSchema>;
export const LowConfidenceSchema = z.object({
  /** The confidence line: tokens below it are listed. */
  below: confidence,
  tokens: z.array(LowConfidenceTokenSchema),
  /** Tokens below the line left out of `tokens` (a list is capped on very long documents). */
  omitted: z.number().int().nonnegative(),
});

export const DocumentRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  docId: z.string(),
  source: z.object({
    path: z.string(),
    relPath: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    mime: z.string().optional(),
    kind: z.enum(['text', 'pdf-text', 'pdf-scan', 'pdf-mixed', 'image']),
    encoding: z.string().optional(),
  }),
  pipeline: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  timings: z.record(z.string(), z.number()),
  diagnostics: z.array(DiagnosticSchema),
  pages: z.array(
    z.object({
      number: z.number().int().positive(),
      origin: z.enum(['text', 'text-layer', 'ocr']),
      confidence: z.number().optional(),
      needsRestoration: z.boolean().optional(),
      /** Offsets [start, end) of this page's text within `text`. */
      start: z.number().int(),
      end: z.number().int(),
    }),
  ),
  restoration: z
    .object({
      applied: z.boolean(),
      accentedRatioBefore: z.number(),
      changedTokens: z.number().int(),
      totalTokens: z.number().int(),
      meanConfidence: z.number(),
      tokens: z
        .array(
          z.object({
            input: z.string(),
            output: z.string(),
            start: z.number().int(),
            end: z.number().int(),
            confidence: z.number(),
            alternatives: z.array(z.object({ output: z.string(), score: z.number() })).optional(),
          }),
        )
        .optional(),
      /** Word tokens restored with a confidence below `below`, for review (`vnplan review`) without re-running. */
      lowConfidence: LowConfidenceSchema.optional(),
    })
    .optional(),
  /** The final (normalized, restored) text that all offsets point into. */
  text: z.string(),
  fields: DocumentFieldsSchema,
  /**
   * Human corrections applied to this record (<outDir>/corrections/<docId>.json; set when export,
   * query or review read the record, never in the file the run writes).
   */
  review: z
    .object({
      corrections: z.number().int().nonnegative(),
      applied: z.number().int().nonnegative(),
      /** Every correction: applied (where made), moved (applied where its context now is) or stale (the run's text or value changed: kept, not applied, to be looked at). */
      items: z.array(
        z.object({
          id: z.string(),
          target: z.enum(['text', 'field']),
          status: z.enum(['applied', 'moved', 'stale']),
          /** Field corrections: the field's path (e.g. "issuingBody.name"). */
          field: z.string().optional(),
          /** Text corrections not stale: the span of `text` a person corrected or confirmed. */
          start: z.number().int().optional(),
          end: z.number().int().optional(),
          original: z.string().nullable(),
          value: z.string().nullable(),
          /** Text corrections: accept (the machine was right), pick (an alternative) or type. */
          action: z.string().optional(),
          /** Text corrections: the restorer's input token, confidence and alternatives, and the context kept. */
          input: z.string().optional(),
          confidence: z.number().optional(),
          alternatives: z.array(z.string()).optional(),
          before: z.string().optional(),
          after: z.string().optional(),
          who: z.string(),
          when: z.string(),
        }),
      ),
    })
    .optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/** The JSON Schema (draft 2020-12) emitted from the zod schema. */
export function documentJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://vnplan.local/schema/document-${SCHEMA_VERSION}.json`,
    title: 'vnplan document record',
    ...z.toJSONSchema(DocumentRecordSchema, { target: 'draft-2020-12' }),
  } as Record<string, unknown>;
}
