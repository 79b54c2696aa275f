/**
 * Document types (tên loại văn bản, Decree 30/2020 Appendix III) and the abbreviations
 * used in document symbols ("KH-UBND" → Kế hoạch). Fuzzy matching with fuse.js tolerates
 * OCR damage to the type line ("KE HOACH", "KÉ HOẠCH").
 */
import Fuse from 'fuse.js';
import { fold } from './text.js';

/** Type name → symbol abbreviation. */
export const DOCUMENT_TYPES: Record<string, string> = {
  'Kế hoạch': 'KH',
  'Quyết định': 'QĐ',
  'Công văn': 'CV',
  'Thông báo': 'TB',
  'Báo cáo': 'BC',
  'Tờ trình': 'TTr',
  'Chỉ thị': 'CT',
  'Nghị quyết': 'NQ',
  'Nghị định': 'NĐ',
  'Thông tư': 'TT',
  'Hướng dẫn': 'HD',
  'Chương trình': 'CTr',
  'Quy chế': 'QC',
  'Quy định': 'QyĐ',
  'Đề án': 'ĐA',
  'Phương án': 'PA',
  'Công điện': 'CĐ',
  'Biên bản': 'BB',
  'Giấy mời': 'GM',
  'Thông tư liên tịch': 'TTLT',
  'Luật': 'Luật',
  'Pháp lệnh': 'PL',
};

const entries = Object.keys(DOCUMENT_TYPES).map((name) => ({ name, key: fold(name) }));
/** Fuse.js search threshold (0 exact … 1 anything): wide enough to list OCR-damaged type names. */
const FUSE_THRESHOLD = 0.3;
/** Best Fuse score a type line may have to count as that type: lower rejects more damaged lines, higher accepts other words. */
const MAX_TYPE_SCORE = 0.25;
/** Share of upper-case letters a type line needs (type lines are printed in capitals). */
const TYPE_LINE_UPPER_SHARE = 0.8;
const fuse = new Fuse(entries, { keys: ['key'], includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true });

/**
 * The document type named by a (short, upper-case) line, or null. `exact` when the folded
 * line equals a type name; fuzzy matches need the line to be upper case like a type line.
 */
export function matchDocumentType(line: string): { value: string; score: number; exact: boolean } | null {
  const t = line.trim();
  if (!t || t.length > 30) return null;
  const letters = t.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length;
  if (letters.length < 3 || upper / letters.length < TYPE_LINE_UPPER_SHARE) return null;
  const key = fold(t).replace(/[^a-z\s]/g, '').replace(/\s+/g, ' ').trim();
  const exact = entries.find((e) => e.key === key);
  if (exact) return { value: exact.name, score: 1, exact: true };
  const [best] = fuse.search(key);
  if (best && (best.score ?? 1) <= MAX_TYPE_SCORE && Math.abs(best.item.key.length - key.length) <= 2) {
    return { value: best.item.name, score: 1 - (best.score ?? 0), exact: true };
  }
  return null;
}

/** The type whose abbreviation starts a document symbol: "KH-UBND" → Kế hoạch. */
export function typeFromSymbol(symbol: string | null): string | null {
  if (!symbol) return null;
  const head = fold(symbol.split('-')[0] ?? '');
  for (const [name, abbr] of Object.entries(DOCUMENT_TYPES)) if (fold(abbr) === head) return name;
  return null;
}
