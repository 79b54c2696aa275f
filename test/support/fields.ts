/** Comparable forms of extracted and annotated fields, for assertions that show what differs. */

/**
 * A body or title compared loosely: NFC, lower case, "ủy ban nhân dân" as "ubnd", spaces
 * collapsed. Lower-cased without a locale: Unicode has no Vietnamese casing rules, so
 * `toLocaleLowerCase('vi')` gives the same and only adds a dependence on the ICU data; the
 * judges' scorer lower-cases the same way.
 */
export const nameKey = (s: string | null | undefined): string =>
  (s ?? '').normalize('NFC').toLowerCase().replace(/ủy ban nhân dân/g, 'ubnd').replace(/\s+/g, ' ').trim();

export interface QuotaLike { percent?: number; items?: { count: number; unit: string }[]; section: string | null }
/** Each quota item as "count unit@section" and each percentage as "n%@section", sorted. */
export const quotaFacts = (qs: QuotaLike[]): string[] =>
  qs.flatMap((x) => [...(x.items ?? []).map((i) => `${i.count} ${i.unit}@${x.section}`), ...(x.percent != null ? [`${x.percent}%@${x.section}`] : [])]).sort();

export interface SectionLike { number: string; title: string; children?: SectionLike[] }
/** Every outline node as "path title", depth first ("III.3.1 Title"). */
export const sectionPaths = (ss: SectionLike[], prefix = ''): string[] =>
  ss.flatMap((s) => {
    const p = prefix ? `${prefix}.${s.number}` : s.number;
    return [`${p} ${s.title}`, ...sectionPaths(s.children ?? [], p)];
  });
