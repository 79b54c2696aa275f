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

/**
 * quotaFacts of `got`, each item written as the annotation writes it when its unit and the
 * annotated one begin with the same words ("02 buổi hướng dẫn người" ~ "02 buổi hướng dẫn"):
 * where a unit written out in the text ends is a convention (the judges' scorer's unitSame).
 */
export function alignedQuotaFacts(got: QuotaLike[], want: QuotaLike[]): string[] {
  const wanted = quotaFacts(want);
  const parse = (f: string) => /^(\S+) (.*)@(.*)$/.exec(f);
  return quotaFacts(got).map((g) => {
    const pg = parse(g);
    if (!pg) return g;
    const match = wanted.find((w) => {
      const pw = parse(w);
      if (!pw || pw[1] !== pg[1] || pw[3] !== pg[3]) return false;
      const [a, b] = [pg[2]!.split(' '), pw[2]!.split(' ')];
      const n = Math.min(a.length, b.length);
      return a.slice(0, n).join(' ') === b.slice(0, n).join(' ');
    });
    return match ?? g;
  }).sort();
}

export interface SectionLike { number: string; title: string; children?: SectionLike[] }
/** Every outline node as "path title", depth first ("III.3.1 Title"). */
export const sectionPaths = (ss: SectionLike[], prefix = ''): string[] =>
  ss.flatMap((s) => {
    const p = prefix ? `${prefix}.${s.number}` : s.number;
    return [`${p} ${s.title}`, ...sectionPaths(s.children ?? [], p)];
  });
