/**
 * The period a plan runs over: "từ ngày ban hành … đến hết ngày 31/12/2024", "từ nay đến
 * năm 2025", "đến hết tháng 12 năm 2023", "Trong năm 2025". "From the issue date" needs
 * the issue date; an end given as a month or a year runs to its last day.
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
export interface Period { from: PeriodValue | null; to: PeriodValue | null }

const FROM_ISSUE = /(?:ke\s+)?tu\s+(?:nay|ngay\s+(?:[a-z]+\s+){0,5}?ban hanh)/;
const TO = /den\s+(?:het\s+)?(?:ng[a-z]?y\s+(?=\d)|(?=th[a-z]{1,2}ng\s+\d|n[a-z]{1,2}m\s+\d))/;
const WITHIN_YEAR = /(?<![a-z])trong\s+n[a-z]{1,2}m\s+(\d{4})(?!\d)/;

/** Confidence of a period by where it was read: a "thời gian" section, a sentence about timing, or the title. */
const ZONE_CONFIDENCE = { timeSection: 0.9, timeSentence: 0.8, title: 0.7 } as const;

export function extractPeriod(text: string, folded: string, outline: OutlineNode[], issueDate: string | null, title: { start: number; end: number } | null): Period {
  // Candidate sentences: a "thời gian" section first, then sentences that say thời gian, then anything.
  const timeSections = flattenOutline(outline).filter((n) => /thoi gian|tien do/.test(foldedTitle(folded, n)));
  const zones: { start: number; end: number; conf: number }[] = [
    ...timeSections.map((n) => ({ start: n.span.start, end: n.span.end, conf: ZONE_CONFIDENCE.timeSection })),
    ...sentencesWith(folded, /thoi gian|phong trao thi dua duoc|thuc hien tu/).map((z) => ({ ...z, conf: ZONE_CONFIDENCE.timeSentence })),
    ...(title ? [{ start: title.start, end: title.end, conf: ZONE_CONFIDENCE.title }] : []),
  ];
  for (const z of zones) {
    const seg = folded.slice(z.start, z.end);
    const wy = WITHIN_YEAR.exec(seg);
    const to = TO.exec(seg);
    if (to) {
      const dates = findDates(seg.slice(to.index + to[0].length, to.index + to[0].length + 40));
      const d = dates.find((x) => x.start <= 1 && x.iso);
      if (d) {
        const at = z.start + to.index + to[0].length + d.start;
        const iso = d.precision === 'day' ? d.iso : endOf(d.year, d.month);
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
        return { from: fromV, to: toV };
      }
    }
    if (wy) {
      const y = Number(wy[1]);
      const at = z.start + wy.index;
      const mk = (iso: string | null): PeriodValue => ({ iso, precision: 'day', start: at, end: at + wy[0].length, confidence: z.conf, section: sectionAt(outline, at) });
      return { from: mk(isoDate(y, 1, 1)), to: mk(endOf(y, 12)) };
    }
  }
  return { from: null, to: null };
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
