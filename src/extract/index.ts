/**
 * From final text (+ outline) to the DocumentFields record: each scalar as {value,
 * confidence, provenance}, list items with their own confidence and provenance, offsets into
 * the same text. Works on restored and unrestored text alike (matching is diacritic-blind).
 */
import type { AdminUnit } from '../data/index.js';
import type { Attachment, DocumentFields, OutlineNode, Provenance } from '../schema/document.js';
import type { AttachmentPart } from './attachments.js';
import { extractAwards } from './awards.js';
import { extractDeadlines } from './deadlines.js';
import { findDocumentType, findIssuingBody, type Found } from './header.js';
import { gazetteerOrNull, localityMentions, parseLocality, superiorLocality, type Locality } from './issuer.js';
import { currentOfLocality, currentOfPlace, eraOfDate } from './current-unit.js';
import { buildOutline, sectionAt } from '../segment/outline.js';
import { EVIDENCE_RANK, extractPeriod, type Period, type PeriodValue } from './period.js';
import { extractQuotas } from './quotas.js';
import { extractRecipients } from './recipients.js';
import { extractReferences } from './references.js';
import { extractSigner, trailingSignatureBlock, type SignerPart } from './signer.js';
import { attachmentSkeleton, buildSkeleton, type DocumentSkeleton } from './layout.js';
import { editDistance, flat, fold, none, scalar } from './text.js';

export { buildSkeleton, type DocumentSkeleton } from './layout.js';

/**
 * Confidence of the fields read here, by evidence: a value parsed from its printed form scores
 * highest, a line taken as printed a little lower, a repaired value lower still.
 */
const CONFIDENCE = {
  /** A value parsed from its printed form (number, ISO issue date, "TM." / "KT." authority). */
  parsed: 0.9,
  /** The field's line was found but its value could not be parsed. */
  unparsed: 0.8,
  /** A line taken as printed (place, title, signer's title, a recipient). */
  printedLine: 0.85,
  /** An award named in the text. */
  award: 0.8,
  /** The signer's name as printed. */
  signerName: 0.75,
  /** The signer's name after repairing its OCR'd syllables. */
  signerNameRepaired: 0.6,
  /** A recipient line after repairing its OCR'd words. */
  recipientRepaired: 0.7,
} as const;

export function extractFields(text: string, outline?: OutlineNode[], skeleton?: DocumentSkeleton): DocumentFields {
  const sk = skeleton ?? buildSkeleton(text);
  const tree = outline ?? buildOutline(text, sk.body);
  const folded = fold(text);
  const prov = (start: number, end: number): Provenance => ({ section: sectionAt(tree, start), start, end });
  const fromFound = (f: Found | null) => (f ? scalar(f.value, f.confidence, f.end > f.start ? prov(f.start, f.end) : null) : none<string>());
  const fromPart = (p: SignerPart | null, conf: number) => (p ? scalar(p.value, conf, prov(p.start, p.end)) : none<string>());

  const issuer = findIssuingBody(text, folded, sk);
  const number = sk.numberField;
  const issueDate = sk.date;
  const issueIso = issueDate?.iso ?? null;
  const era = eraOfDate(issueIso);
  const chain = localityChain(text, folded, issuer.locality, era);
  const place = sk.place ? snapPlace(flat(sk.place.text), issuer.locality) : null;
  const currentLocality = currentOfLocality(issuer.locality, folded, era);
  const currentPlace = currentOfPlace(place, issuer.locality, folded, era);
  const documentType = findDocumentType(text, folded, sk);
  const ownPeriod = extractPeriod(text, folded, tree, issueIso, sk.title, { body: sk.body, titleYear: planLike(documentType?.value ?? null, sk.title ? folded.slice(sk.title.start, sk.title.end) : '') });
  const parts = sk.attachments.map((a) => extractAttachment(text.slice(a.start, a.end), a, issueIso));
  // The main period from the strongest evidence of the document and its parts (a decision's title vs its plan's dates).
  const period = [ownPeriod, ...parts.map((p) => p.period)].reduce((best, p) => (rank(p) > rank(best) ? p : best));
  const dateOut = (v: PeriodValue | null) =>
    v ? { ...scalar(v.iso, v.iso ? v.confidence : 0, prov(v.start, v.end)), precision: v.precision } : none<string>();
  const signer = extractSigner(text, sk.tail, folded);
  const body = { start: sk.body.start, end: sk.body.end };
  const everything = { start: 0, end: text.length };

  return {
    documentType: fromFound(documentType),
    number: number
      ? scalar(number.number, number.number ? CONFIDENCE.parsed : CONFIDENCE.unparsed, prov(number.start, number.end))
      : none<string>(),
    issuingBody: { name: fromFound(issuer.name), parent: fromFound(issuer.parent), ...(currentLocality && { currentLocality }) },
    place: {
      ...(sk.place ? scalar(place, CONFIDENCE.printedLine, prov(sk.place.start, sk.place.end)) : none<string>()),
      ...(currentPlace && { current: currentPlace }),
    },
    issueDate: issueDate
      ? { ...scalar(issueIso, issueIso ? CONFIDENCE.parsed : CONFIDENCE.unparsed, prov(issueDate.start, issueDate.end)), precision: issueDate.precision }
      : none<string>(),
    title: sk.title ? scalar(flat(sk.title.text).replace(/^#+\s*|\*\*/g, ''), CONFIDENCE.printedLine, prov(sk.title.start, sk.title.end)) : none<string>(),
    period: { from: dateOut(period.from), to: dateOut(period.to), ...(period.evidence && { evidence: period.evidence }) },
    references: extractReferences(text, folded, { outline: tree, ownNumber: number?.number ?? null, localities: chain }),
    sections: tree,
    // The document's targets include its parts': a decision's own body has none.
    quotas: [...extractQuotas(text, folded, tree, body), ...parts.flatMap((p) => p.record.quotas)],
    deadlines: [...extractDeadlines(text, folded, tree, body), ...parts.flatMap((p) => p.record.deadlines)],
    awards: extractAwards(text, folded, everything).map((a) => scalar(a.value, CONFIDENCE.award, prov(a.start, a.end))),
    signer: {
      name: fromPart(signer.name, signer.name?.repaired ? CONFIDENCE.signerNameRepaired : CONFIDENCE.signerName),
      title: fromPart(signer.title, CONFIDENCE.printedLine),
      onBehalfOf: fromPart(signer.onBehalfOf, CONFIDENCE.parsed),
    },
    recipients: extractRecipients(text, sk.recipients).map((r) => scalar(r.value, r.repaired ? CONFIDENCE.recipientRepaired : CONFIDENCE.printedLine, prov(r.start, r.end))),
    ...(parts.length && { attachments: parts.map((p) => p.record) }),
  };
}

const rank = (p: Period) => (p.from || p.to ? EVIDENCE_RANK[p.evidence ?? 'title'] : -1);

/** Types whose title year or span is the period they run over ("Kế hoạch … năm 2025", a Quyết định issuing one). */
function planLike(type: string | null, foldedTitle: string): boolean {
  if (type && ['Kế hoạch', 'Chương trình', 'Đề án', 'Phương án'].includes(type)) return true;
  return type === 'Quyết định' && /ban hanh\s+(?:ke hoach|chuong trinh|de an|phuong an)/.test(foldedTitle);
}

/**
 * One attached part, read on its own text (its outline numbered from its own I.) with offsets
 * moved into the whole text. A plan issued by a decision is issued on the decision's date.
 */
function extractAttachment(partText: string, part: AttachmentPart, issueIso: string | null): { record: Attachment; period: Period } {
  const sk = attachmentSkeleton(partText, part);
  const folded = fold(partText);
  const tree = buildOutline(partText, sk.body);
  const prov = (start: number, end: number): Provenance => ({ section: sectionAt(tree, start), start, end });
  // Parts are plans or their appendices: a year in their title is their period.
  const period = extractPeriod(partText, folded, tree, issueIso, sk.title, { body: sk.body, titleYear: true });
  const dateOut = (v: PeriodValue | null) =>
    v ? { ...scalar(v.iso, v.iso ? v.confidence : 0, prov(v.start, v.end)), precision: v.precision } : none<string>();
  const everything = { start: 0, end: partText.length };
  // A part signed on its own (a Phụ lục with the signature block under it): the block ends it.
  const signatureAt = trailingSignatureBlock(partText, folded);
  const signer = signatureAt ? extractSigner(partText, signatureAt, folded) : null;
  const fromPart = (p: SignerPart | null, conf: number) => (p ? scalar(p.value, conf, prov(p.start, p.end)) : none<string>());
  const record: Attachment = {
    documentType: scalar(part.type, CONFIDENCE.printedLine, prov(sk.documentType!.start, sk.documentType!.end)),
    title: sk.title ? scalar(flat(sk.title.text).replace(/^#+\s*|\*\*/g, ''), CONFIDENCE.printedLine, prov(sk.title.start, sk.title.end)) : none<string>(),
    caption: part.caption ? scalar(flat(partText.slice(part.caption.start - part.start, part.caption.end - part.start)), CONFIDENCE.printedLine, prov(part.caption.start - part.start, part.caption.end - part.start)) : none<string>(),
    span: { start: 0, end: partText.length },
    period: { from: dateOut(period.from), to: dateOut(period.to), ...(period.evidence && { evidence: period.evidence }) },
    sections: tree,
    quotas: extractQuotas(partText, folded, tree, sk.body),
    deadlines: extractDeadlines(partText, folded, tree, sk.body),
    awards: extractAwards(partText, folded, everything).map((a) => scalar(a.value, CONFIDENCE.award, prov(a.start, a.end))),
    ...(signer && (signer.name || signer.title) && {
      signer: {
        name: fromPart(signer.name, signer.name?.repaired ? CONFIDENCE.signerNameRepaired : CONFIDENCE.signerName),
        title: fromPart(signer.title, CONFIDENCE.printedLine),
        onBehalfOf: fromPart(signer.onBehalfOf, CONFIDENCE.parsed),
      },
    }),
  };
  return { record: shiftOffsets(record, part.start), period: shiftOffsets(period, part.start) };
}

/** A copy of `value` with every offset pair ({start, end}: provenance, spans) moved by `by`. */
function shiftOffsets<T>(value: T, by: number): T {
  if (Array.isArray(value)) return value.map((v) => shiftOffsets(v, by)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shiftOffsets(v, by);
  if (typeof out.start === 'number' && typeof out.end === 'number') {
    out.start = (out.start as number) + by;
    out.end = (out.end as number) + by;
  }
  return out as T;
}

/** The issuing body's locality and its superiors (xã → huyện → tỉnh), for completing "UBND huyện". */
function localityChain(text: string, folded: string, loc: Locality | null, era?: AdminUnit['era']): Locality[] {
  const chain: Locality[] = [];
  let cur = loc;
  for (let i = 0; cur && i < 3; i++) {
    chain.push(cur);
    cur = superiorLocality(cur, text, folded, era)?.locality ?? null;
  }
  // Types the chain lacks: the locality of that type the text mentions most.
  for (const m of localityMentions(text)) {
    if (!chain.some((c) => c.type === m.type)) {
      const l = parseLocality(`${m.type} ${m.name}`);
      if (l) chain.push(l);
    }
  }
  return chain;
}

/**
 * The place name as the gazetteer spells it when restoration left a mark wrong ("Chấu
 * Thành" → "Châu Thành"); the issuing body's own locality wins among homonym skeletons.
 */
function snapPlace(place: string, own: Locality | null): string {
  const g = gazetteerOrNull();
  if (!g) return place;
  const names = g.namesForStripped(place);
  if (names.includes(place)) return place;
  // The place line names the issuer's own locality in most documents: a near miss is it.
  if (own && editDistance(fold(place), fold(own.name)) <= Math.max(1, Math.floor(own.name.length / 4))) return own.name;
  if (!names.length) return place;
  if (own && names.includes(own.name)) return own.name;
  return names.length === 1 ? names[0]! : place;
}
