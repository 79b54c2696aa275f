#!/usr/bin/env node
// Copy of the judges' scorer (../shared/tools/textmetrics.mjs, no licence stated there), kept unchanged
// below this line so the tests score outputs exactly as the project is judged.
// Text accuracy of restoration/OCR output against gold Vietnamese text.
//   textmetrics.mjs GOLD HYP [--lines]   -> JSON {syllables, errors, ser, accuracy, cer, ...}
// Syllable error rate (SER) = token Levenshtein distance / gold tokens; tokens are
// whitespace-separated words with edge punctuation removed, compared case-insensitively
// (diacritics and đ count). --lines compares line i of HYP with line i of GOLD (how
// line-preserving restoration is judged); otherwise whole texts are aligned at once.
// CER = character Levenshtein over whitespace-collapsed NFC text / gold length.
import { readFileSync } from 'node:fs';

const EDGE = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const nfc = (s) => s.normalize('NFC');
// Tone marks (grave, acute, tilde, hook above, dot below) are moved to the end of the
// syllable so that both placement styles compare equal ("hóa" = "hoá", "thủy" = "thuỷ").
const TONES = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };
export const canon = (t) => {
  let tone = '';
  const base = t.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (m) => { tone = TONES[m]; return ''; });
  return base.normalize('NFC') + tone;
};
export const tokens = (line) =>
  nfc(line).split(/\s+/).map((t) => canon(t.replace(EDGE, '').toLowerCase())).filter(Boolean);

export function lev(a, b) {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const x = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (x === b[j - 1] ? 0 : 1);
      const del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function score(gold, hyp, byLines = false) {
  let pairs;
  const g = gold.split(/\r?\n/), h = hyp.split(/\r?\n/);
  if (byLines) {
    const n = Math.max(g.length, h.length);
    pairs = Array.from({ length: n }, (_, i) => [g[i] ?? '', h[i] ?? '']);
  } else pairs = [[gold, hyp]];
  let n = 0, errors = 0;
  for (const [gl, hl] of pairs) {
    const gt = tokens(gl), ht = tokens(hl);
    n += gt.length;
    errors += lev(gt, ht);
  }
  const gc = nfc(gold).split(/\s+/).filter(Boolean).join(' ');
  const hc = nfc(hyp).split(/\s+/).filter(Boolean).join(' ');
  const cer = lev(gc, hc) / Math.max(1, gc.length);
  const ser = errors / Math.max(1, n);
  const r = (x) => Math.round(x * 1e5) / 1e5;
  return { syllables: n, errors, ser: r(ser), accuracy: r(1 - ser), cer: r(cer),
    lines_gold: g.length, lines_hyp: h.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (args.length !== 2) { console.error('usage: textmetrics.mjs GOLD HYP [--lines]'); process.exit(2); }
  const res = score(readFileSync(args[0], 'utf8'), readFileSync(args[1], 'utf8'), process.argv.includes('--lines'));
  console.log(JSON.stringify(res));
}
