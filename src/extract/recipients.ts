/**
 * "Nơi nhận:" entries: one per bullet line, without the bullet and the final ";"/".";
 * the archive entry ("Lưu: VT") is left out. On scans the signature column shares these
 * lines ("Nơi nhận: CHỦ TỊCH"), so an entry stops at its ";".
 */
import { repairBodyName } from './bodynames.js';
import { fold, lines } from './text.js';

export interface Recipient { value: string; start: number; end: number; /** The value was respelt (misread Đ, wrong marks). */ repaired: boolean }

export function extractRecipients(text: string, block: { start: number; end: number } | null): Recipient[] {
  if (!block) return [];
  const out: Recipient[] = [];
  const all = lines(text).filter((l) => l.start >= block.start && l.start < block.end);
  let started = false;
  for (const [i, l] of all.entries()) {
    let t = l.text;
    let offset = l.start;
    if (i === 0) {
      // The label line may carry an entry after "Nơi nhận:" in run-in layouts.
      const m = /n[o0]i nh[a-z]n\s*:?/.exec(fold(t));
      if (!m) continue;
      offset += m.index + m[0].length;
      t = t.slice(m.index + m[0].length);
      if (!/^\s*[-+•–]/.test(t)) continue;
    }
    const bullet = /^\s*[-+•–*]\s*/.exec(t);
    if (!bullet) {
      if (!t.trim()) continue;
      if (started) break;
      continue;
    }
    started = true;
    const content = t.slice(bullet[0].length);
    if (/^luu\b/.test(fold(content).trim())) break;
    const stop = content.search(/;|\.\s*$|\.\s{2,}/);
    let value = (stop >= 0 ? content.slice(0, stop) : content).replace(/\*\*/g, '').trim();
    value = value.replace(/[\s,.]+$/, '');
    if (!value) continue;
    const s = offset + bullet[0].length + content.indexOf(value.slice(0, 3));
    const fixed = repairBodyName(value);
    out.push({ value: fixed, start: s, end: s + value.length, repaired: fixed !== value });
  }
  return out;
}
