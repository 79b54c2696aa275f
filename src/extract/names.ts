/**
 * Personal names of signers. A restorer working syllable by syllable gets names wrong more
 * often than words ("Nguyên" for Nguyễn, "Là" for Lê): names are rare in its language model
 * and almost any syllable is a possible given name. The family name, though, comes from a
 * short closed list, so a family name that is not one is replaced by the likeliest one
 * within a letter, weighed by how common each is. Middle and given names are left as
 * restored: corpus counts of their spellings ("Trinh" 199 / "Trình" 8) would overrule
 * correct rarer names.
 */
import { editDistance, fold } from './text.js';

/**
 * Vietnamese family names with their approximate share of the population (per cent;
 * commonly cited census-based figures, rounded; rare names get a small floor share).
 */
export const FAMILY_NAMES: { name: string; share: number }[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Hoàng', 3.1], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2],
  ['Võ', 1.9], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đinh', 0.5], ['Trương', 0.5], ['Đào', 0.4], ['Đoàn', 0.4], ['Hà', 0.3], ['Lương', 0.3], ['Trịnh', 0.3], ['Lâm', 0.3],
  ['Phùng', 0.2], ['Mai', 0.2], ['Cao', 0.2], ['Lưu', 0.2], ['Tô', 0.1], ['Tạ', 0.1], ['Vương', 0.1], ['Châu', 0.1],
  ['Thái', 0.1], ['Chu', 0.1], ['Triệu', 0.1], ['Nông', 0.1], ['Đàm', 0.1], ['Lại', 0.1], ['Quách', 0.05], ['Kiều', 0.05],
  ['Tăng', 0.05], ['Lục', 0.05], ['Hứa', 0.05], ['Giáp', 0.05], ['La', 0.05], ['Lã', 0.05], ['Mạc', 0.05], ['Thân', 0.05],
  ['Ninh', 0.05], ['Nghiêm', 0.05], ['Thạch', 0.05], ['Lò', 0.05], ['Tống', 0.05], ['Lữ', 0.03], ['Diệp', 0.03],
  ['Bạch', 0.03], ['Hầu', 0.03], ['Doãn', 0.03], ['Quan', 0.03], ['Đồng', 0.03], ['Khổng', 0.02], ['Âu', 0.02],
  ['Kim', 0.02], ['Tôn', 0.02], ['Ông', 0.02], ['Cù', 0.02], ['Khúc', 0.02], ['Phí', 0.02], ['Từ', 0.02], ['Hàn', 0.02],
  ['Vi', 0.02], ['Lường', 0.02], ['Mông', 0.02], ['Văn', 0.01], ['Sầm', 0.01], ['Viên', 0.01],
].map(([name, share]) => ({ name: name as string, share: share as number }));

const BY_NAME = new Map(FAMILY_NAMES.map((f) => [f.name, f]));
const FOLDED = FAMILY_NAMES.map((f) => ({ ...f, key: fold(f.name) }));

/** True when `word` folds to a family name ("Nguyen", "NGUYỄN" …). */
export function looksLikeFamilyName(word: string): boolean {
  const k = fold(word);
  return FOLDED.some((f) => f.key === k);
}

/** Per one letter of difference between the written and a candidate family name (natural log). */
const EDIT_PENALTY = 3;
/** More when the letter is the first: OCR and restoration damage vowels and marks far more than the onset ("Hệ" is Hồ, not Lê). */
const ONSET_PENALTY = 3;

/** The family name `word` most likely stands for, or null when none is within one letter. */
export function repairFamilyName(word: string): string | null {
  const cased = word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi');
  if (BY_NAME.has(cased)) return cased;
  const k = fold(word);
  let best: { name: string; score: number } | null = null;
  for (const f of FOLDED) {
    const d = f.key === k ? 0 : Math.abs(f.key.length - k.length) > 1 ? 2 : editDistance(f.key, k);
    if (d > 1) continue;
    const score = Math.log(f.share) - EDIT_PENALTY * d - (d > 0 && f.key[0] !== k[0] ? ONSET_PENALTY : 0);
    if (!best || score > best.score) best = { name: f.name, score };
  }
  return best?.name ?? null;
}

/** "Nguyên Quang Trình" → "Nguyễn Quang Trình"; null when the first word is not near a family name. */
export function repairPersonName(name: string): string | null {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  const family = repairFamilyName(words[0]!);
  if (!family) return null;
  return [family, ...words.slice(1)].join(' ');
}
