/**
 * Deadlines written to the day: "trước ngày 10/11/2024" (before), "chậm nhất ngày
 * 28/02/2022" (no_later_than), "đến hết ngày 31/12/2025" (until), "từ ngày …" (from),
 * with the sentence that states the action and who must act.
 */
import type { OutlineNode } from '../schema/document.js';
import { dateAt } from './dates.js';
import { sectionAt } from '../segment/outline.js';
import { flat } from './text.js';

/** Confidence of a deadline: a cue word followed by a full date is a strong but not certain sign. */
const DEADLINE_CONFIDENCE = 0.9;

export type DeadlineKind = 'before' | 'no_later_than' | 'until' | 'by' | 'from';
export interface Deadline {
  date: string;
  text: string;
  kind: DeadlineKind;
  action?: string | null;
  who?: string | null;
  section: string | null;
  confidence: number;
  provenance: { section: string | null; start: number; end: number };
}

/** An hour before the date: "trước 17 giờ ngày", "chậm nhất 16h30, ngày", "trước 10h00' ngày". */
const HOUR = String.raw`(?:\d{1,2}\s*(?:gio|h)\s*(?:\d{1,2}\s*(?:phut|')?)?\s*,?\s+)?`;
const CUES: [RegExp, DeadlineKind][] = [
  [new RegExp(String.raw`(?<![a-z])cham nhat(?:\s+la)?(?:\s+(?:vao|den))?\s+${HOUR}(?:ngay\s+)?$`), 'no_later_than'],
  [new RegExp(String.raw`(?<![a-z])(?:han chot|han cuoi|thoi han)(?:\s+(?:la|nop))?\s+${HOUR}(?:ngay\s+)?$`), 'no_later_than'],
  // (and as English-model OCR and restoration leave it: "triedc", "trudc")
  [new RegExp(String.raw`(?<![a-z])tr(?:uoc|[a-z]{1,4}c)\s+${HOUR}ngay\s+$`), 'before'],
  [/(?<![a-z])den\s+(?:het\s+)?ngay\s+$/, 'until'],
  [/(?<![a-z])(?:hoan thanh|xong)\s+(?:trong\s+|vao\s+)?ngay\s+$/, 'by'],
];

/** Sentence bounds around an offset (paragraph start/". " … ". "/paragraph end). */
export function sentenceAt(text: string, at: number): { start: number; end: number } {
  let s = at;
  while (s > 0 && text[s - 1] !== '\n' && !(text[s - 1] === ' ' && /[.!?]/.test(text[s - 2] ?? '') && !/\d/.test(text[s - 3] ?? ''))) s--;
  let e = at;
  while (e < text.length && text[e] !== '\n' && !(text[e] === '.' && /\s|$/.test(text[e + 1] ?? ''))) e++;
  // Skip an outline marker at the sentence start.
  const lead = /^\s*(?:[-+•]\s*|\d{1,2}(?:\.\d{1,2})*\s?[.)]\s+|[a-zđ]\)\s+|[IVX]+\.\s+)?/u.exec(text.slice(s, e));
  if (lead) s += lead[0].length;
  return { start: s, end: e };
}

export function extractDeadlines(text: string, folded: string, outline: OutlineNode[], bounds: { start: number; end: number }): Deadline[] {
  const out: Deadline[] = [];
  const re = /ng[a-z]?y\s+(?=\d{1,2}\s?[/.-]\s?\d|\d{1,2}\s+th[a-z]{1,2}ng\s+\d)/g;
  re.lastIndex = bounds.start;
  for (let m = re.exec(folded); m && m.index < bounds.end; m = re.exec(folded)) {
    const before = folded.slice(Math.max(0, m.index - 45), m.index + m[0].length);
    const cue = CUES.find(([r]) => r.test(before));
    if (!cue) continue;
    // "từ ngày 01/01/2025 đến ngày 31/12/2025" states a span (the period), not a deadline; "đến hết ngày" ends a campaign.
    if (cue[1] === 'until' && !/het\s+ngay\s+$/.test(before) && /tu\s+ngay\s+\d/.test(folded.slice(Math.max(0, m.index - 60), m.index))) continue;
    const d = dateAt(folded, m.index + m[0].length, 0) ?? dateAt(folded, m.index, 0);
    if (!d?.iso || d.precision !== 'day') continue;
    const sent = sentenceAt(text, m.index);
    const section = sectionAt(outline, m.index);
    const action = flat(text.slice(sent.start, m.index)).replace(/\s*(trước|chậm nhất( là)?|đến( hết)?|hạn chót|hạn cuối( nộp)?|thời hạn|hoàn thành)(\s+\d{1,2}\s*(giờ|h)\s*(\d{1,2}\s*(phút|')?)?,?)?\s*$/u, '');
    out.push({
      date: d.iso,
      text: flat(text.slice(sent.start, sent.end)),
      kind: cue[1],
      action: action || null,
      who: null,
      section,
      confidence: DEADLINE_CONFIDENCE,
      provenance: { section, start: sent.start, end: sent.end },
    });
  }
  return out;
}
