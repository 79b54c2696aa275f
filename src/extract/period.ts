/**
 * The period a plan runs over: "từ ngày ban hành … đến hết ngày 31/12/2024", "từ nay đến
 * năm 2025", "đến hết tháng 12 năm 2023", "Trong năm 2025", and, when the body says nothing,
 * the year or span of the title ("Kế hoạch cải cách hành chính năm 2025", "… giai đoạn 2021 -
 * 2025"). "From the issue date" needs the issue date; an end given as a month or a year runs
 * to its last day, a start to its first. `evidence` names what the period was read from.
 */
import type { OutlineNode } from '../schema/document.js';
import { endOf, findDates, isoDate } from './dates.js';
import { flattenOutline, sectionAt } from '../segment/outline.js';

export interface PeriodValue {
  iso: string | null;
  precision: 'day' | 'month' | 'year';
  start: number;
  end: number;
  confidence: number;
  section: string | null;
}
export type PeriodEvidence = 'dates' | 'months' | 'year' | 'title';
export interface Period { from: PeriodValue | null; to: PeriodValue | null; evidence?: PeriodEvidence }
/** Strength of each kind of evidence, strongest first (a decision's period and its plan's are compared by it). */
export const EVIDENCE_RANK: Record<PeriodEvidence, number> = { dates: 3, months: 2, year: 1, title: 0 };
/** Confidence cap by evidence: written dates are read as printed, a title's year is an inference. */
const EVIDENCE_CONFIDENCE: Record<PeriodEvidence, number> = { dates: 0.9, months: 0.85, year: 0.8, title: 0.6 };

const FROM_ISSUE = /(?:ke\s+)?tu\s+(?:nay|ngay\s+(?:[a-z]+\s+){0,5}?ban hanh)/;
const TO = /den\s+(?:het\s+)?(?:ng[a-z]?y\s+(?=\d)|(?=th[a-z]{1,2}ng\s+\d|n[a-z]{1,2}m\s+\d))/;
const WITHIN_YEAR = /(?<![a-z])trong\s+n[a-z]{1,2}m\s+(\d{4})(?!\d)/;

/** Confidence of a period by where it was read: a "thời gian" section, a sentence about timing, or the title. */
const ZONE_CONFIDENCE = { timeSection: 0.9, timeSentence: 0.8, opening: 0.75, title: 0.7 } as const;
/** A span of years: "giai đoạn 2021 - 2025", "năm 2024 - 2025", "các năm 2025-2026" (not "năm học", "nhiệm kỳ"). */
const TITLE_SPAN = /(?<![a-z])(?:giai\s+doan|cac\s+nam|nam|thoi\s+ky)\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)/;
const TITLE_YEAR = /(?<![a-z])nam\s+((?:19|20)\d{2})(?!\d|\s*[-–—]\s*\d)/;
/** A year that names a season, quarter, month or term, not the whole year ("hè năm 2024", "quý I năm 2025"). */
const PART_OF_YEAR = /(?:(?<![a-z])he|quy\s+[ivx\d]+|thang\s+\d{1,2}|hoc\s+ky\s+[ivx\d]+|dot\s+[ivx\d]+|6\s+thang\s+(?:dau|cuoi))\s*$/;
/** How far into the body the opening paragraph (before the outline) is read for "trong năm …". */
const OPENING_MAX_CHARS = 1500;

export interface PeriodOptions {
  /** The body (after the title): its opening paragraph may say "trong năm 2025". */
  body?: { start: number; end: number };
  /** Whether the title's year or span may stand for the period (plans and programmes, not a Công văn). */
  titleYear?: boolean;
}

export function extractPeriod(text: string, folded: string, outline: OutlineNode[], issueDate: string | null, title: { start: number; end: number } | null, opts: PeriodOptions = {}): Period {
  // Candidate sentences: a "thời gian" section first, then sentences that say thời gian, then
  // the opening paragraph ("trong năm" only: its căn cứ clauses cite other documents' periods), then the title.
  const timeSections = flattenOutline(outline).filter((n) => /thoi gian|tien do/.test(foldedTitle(folded, n)));
  const firstNode = outline[0]?.span.start;
  const opening = opts.body ? { start: opts.body.start, end: Math.min(opts.body.end, firstNode ?? opts.body.end, opts.body.start + OPENING_MAX_CHARS) } : null;
  const zones: { start: number; end: number; conf: number; withinYearOnly?: boolean; isTitle?: boolean }[] = [
    ...timeSections.map((n) => ({ start: n.span.start, end: n.span.end, conf: ZONE_CONFIDENCE.timeSection })),
    ...sentencesWith(folded, /thoi gian|phong trao thi dua duoc|thuc hien tu/).map((z) => ({ ...z, conf: ZONE_CONFIDENCE.timeSentence })),
    ...(opening && opening.end > opening.start ? [{ ...opening, conf: ZONE_CONFIDENCE.opening, withinYearOnly: true }] : []),
    ...(title ? [{ start: title.start, end: title.end, conf: ZONE_CONFIDENCE.title, isTitle: true }] : []),
  ];
  const capped = (conf: number, evidence: PeriodEvidence) => Math.min(conf, EVIDENCE_CONFIDENCE[evidence]);
  for (const z of zones) {
    const seg = folded.slice(z.start, z.end);
    const wy = WITHIN_YEAR.exec(seg);
    const to = z.withinYearOnly ? null : TO.exec(seg);
    if (to) {
      const dates = findDates(seg.slice(to.index + to[0].length, to.index + to[0].length + 40));
      const d = dates.find((x) => x.start <= 1 && x.iso);
      if (d) {
        const at = z.start + to.index + to[0].length + d.start;
        const iso = d.precision === 'day' ? d.iso : endOf(d.year, d.month);
        const evidence: PeriodEvidence = d.precision === 'day' ? 'dates' : 'months';
        z.conf = capped(z.conf, evidence);
        const toV: PeriodValue = { iso, precision: 'day', start: at, end: at + (d.end - d.start), confidence: z.conf, section: sectionAt(outline, at) };
        const fm = FROM_ISSUE.exec(seg.slice(0, to.index));
        let fromV: PeriodValue | null = null;
        if (fm) {
          const at2 = z.start + fm.index;
          fromV = { iso: issueDate, precision: 'day', start: at2, end: at2 + fm[0].length, confidence: issueDate ? z.conf : 0, section: sectionAt(outline, at2) };
        } else {
          const fromDate = /tu\s+ngay\s+$/.test(seg.slice(0, to.index)) ? null : findDates(seg.slice(0, to.index)).reverse().find((x) => x.iso && /tu\s+(ngay\s+)?$/.test(seg.slice(Math.max(0, x.start - 10), x.start)));
          if (fromDate) fromV = { iso: fromDate.iso, precision: 'day', start: z.start + fromDate.start, end: z.start + fromDate.end, confidence: z.conf, section: sectionAt(outline, z.start + fromDate.start) };
        }
        return { from: fromV, to: toV, evidence };
      }
    }
    if (wy) {
      const y = Number(wy[1]);
      const at = z.start + wy.index;
      const evidence: PeriodEvidence = z.isTitle ? 'title' : 'year';
      const mk = (iso: string | null): PeriodValue => ({ iso, precision: 'day', start: at, end: at + wy[0].length, confidence: capped(z.conf, evidence), section: sectionAt(outline, at) });
      return { from: mk(isoDate(y, 1, 1)), to: mk(endOf(y, 12)), evidence };
    }
    if (z.isTitle && opts.titleYear) {
      const years = titleYears(seg);
      if (years) {
        const mk = (iso: string | null, s: number, e: number): PeriodValue => ({ iso, precision: 'day', start: z.start + s, end: z.start + e, confidence: capped(z.conf, 'title'), section: sectionAt(outline, z.start + s) });
        return { from: mk(isoDate(years.from, 1, 1), years.start, years.end), to: mk(endOf(years.to, 12), years.start, years.end), evidence: 'title' };
      }
    }
  }
  return { from: null, to: null };
}

/** The year or span of years a title names ("năm 2025", "giai đoạn 2021 - 2025"), or null. */
export function titleYears(foldedTitle: string): { from: number; to: number; start: number; end: number } | null {
  const span = TITLE_SPAN.exec(foldedTitle);
  if (span && Number(span[2]) >= Number(span[1])) return { from: Number(span[1]), to: Number(span[2]), start: span.index, end: span.index + span[0].length };
  for (const m of foldedTitle.matchAll(new RegExp(TITLE_YEAR.source, 'g'))) {
    if (PART_OF_YEAR.test(foldedTitle.slice(Math.max(0, m.index - 20), m.index))) continue;
    return { from: Number(m[1]), to: Number(m[1]), start: m.index, end: m.index + m[0].length };
  }
  return null;
}

function foldedTitle(folded: string, n: OutlineNode): string {
  return folded.slice(n.titleSpan.start, n.titleSpan.end);
}

function sentencesWith(folded: string, cue: RegExp): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = new RegExp(cue.source, 'g');
  for (const m of folded.matchAll(re)) {
    let s = m.index;
    while (s > 0 && folded[s - 1] !== '\n' && !(folded[s - 1] === ' ' && folded[s - 2] === '.')) s--;
    let e = m.index;
    while (e < folded.length && folded[e] !== '\n' && !(folded[e] === '.' && /\s|$/.test(folded[e + 1] ?? ''))) e++;
    out.push({ start: s, end: e });
  }
  return out;
}
