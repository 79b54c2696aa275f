/**
 * Vietnamese dates in the forms administrative documents use: "15/01/2024", "2/9/2021",
 * "ngày 21-02-2018" / "ngày 21.02.2018",
 * "ngày 10 tháng 02 năm 2023", "tháng 12 năm 2023" (month precision), "năm 2025" (year
 * precision) and the blank form of an unsigned draft, "ngày   tháng   năm 2024".
 * All patterns run on the folded text (see text.ts) and tolerate the commonest OCR
 * garbles of the keywords ("ndm", "nim" for năm; "thang" for tháng).
 */
export type DatePrecision = 'day' | 'month' | 'year';

export interface DateMatch {
  /** ISO date; for month/year precision the first day of the month/year. Null for a blank date. */
  iso: string | null;
  precision: DatePrecision;
  year: number;
  month: number | null;
  day: number | null;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a month or year, for period ends such as "đến hết tháng 12 năm 2023". */
export function endOf(year: number, month: number | null): string {
  const m = month ?? 12;
  return `${year}-${pad(m)}-${pad(daysInMonth(year, m))}`;
}

const NGAY = String.raw`ng[a-z]{0,1}y`;
const THANG = String.raw`th[a-z]{1,2}ng`;
const NAM = String.raw`n[a-z]{1,2}m`;
const NUMERIC = /(?<![\d/])(\d{1,2})\s?\/\s?(\d{1,2})\s?\/\s?(\d{4})(?![\d/])/g;
/** "ngày 21-02-2018", "ngày 21.02.2018": other separators, only after "ngày" (else 1.5.2024 may be a clause number). */
const NUMERIC_DASHED = new RegExp(String.raw`(?<=${'ng[a-z]{0,1}y'}\s)(\d{1,2})([.-])(\d{1,2})\2(\d{4})(?![\d.-]\d)`, 'g');
const VERBAL = new RegExp(String.raw`${NGAY}\s+(\d{1,2})\s*,?\s+${THANG}\s+(\d{1,2})\s*,?\s+${NAM}\s+(\d{4})(?!\d)`, 'g');
const BLANK = new RegExp(String.raw`${NGAY}[\s.…_]+${THANG}[\s.…_]+${NAM}\s+(\d{4})(?!\d)`, 'g');
const MONTH = new RegExp(String.raw`${THANG}\s+(\d{1,2})\s*(?:,\s*)?(?:${NAM}\s+|/\s?)(\d{4})(?!\d)`, 'g');
const YEAR = new RegExp(String.raw`(?<![\p{L}])${NAM}\s+(\d{4})(?!\d)`, 'gu');

/**
 * Every date in a folded text, longest form first: a day date is never also reported as
 * a month or year date. Sorted by position.
 */
export function findDates(folded: string, opts: { monthAndYear?: boolean } = {}): DateMatch[] {
  const out: DateMatch[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const push = (m: DateMatch) => {
    if (!free(m.start, m.end)) return;
    taken.push([m.start, m.end]);
    out.push(m);
  };
  for (const m of folded.matchAll(VERBAL)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const iso = isoDate(y, mo, d);
    if (iso) push({ iso, precision: 'day', year: y, month: mo, day: d, start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(NUMERIC)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const iso = isoDate(y, mo, d);
    if (iso) push({ iso, precision: 'day', year: y, month: mo, day: d, start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(NUMERIC_DASHED)) {
    const [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const iso = isoDate(y, mo, d);
    if (iso) push({ iso, precision: 'day', year: y, month: mo, day: d, start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(BLANK)) {
    push({ iso: null, precision: 'day', year: Number(m[1]), month: null, day: null, start: m.index, end: m.index + m[0].length });
  }
  if (opts.monthAndYear !== false) {
    for (const m of folded.matchAll(MONTH)) {
      const [mo, y] = [Number(m[1]), Number(m[2])];
      const iso = isoDate(y, mo, 1);
      if (iso) push({ iso, precision: 'month', year: y, month: mo, day: null, start: m.index, end: m.index + m[0].length });
    }
    for (const m of folded.matchAll(YEAR)) {
      const y = Number(m[1]);
      const iso = isoDate(y, 1, 1);
      if (iso) push({ iso, precision: 'year', year: y, month: null, day: null, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The date that starts at (or right after spaces from) `offset`, if any. */
export function dateAt(folded: string, offset: number, maxLookahead = 3): DateMatch | null {
  // A little left context, for forms recognised only after "ngày" ("ngày 21-02-2018").
  const from = Math.max(0, offset - 6);
  const window = folded.slice(from, offset + 60);
  const found = findDates(window).find((d) => d.start >= offset - from && d.start - (offset - from) <= maxLookahead);
  return found ? { ...found, start: found.start + from, end: found.end + from } : null;
}
