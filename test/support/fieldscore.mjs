#!/usr/bin/env node
// Copy of the judges' scorer (../shared/tools/fieldscore.mjs, no licence stated there), kept unchanged
// below this line so the tests score outputs exactly as the project is judged.
// Field-level precision/recall/F1 of extracted plan JSON against gold JSON.
//   fieldscore.mjs GOLD.json PRED.json [GOLD2.json PRED2.json ...]  -> JSON report
// Facts: scalar fields (type, number, issuer, parent, place, issueDate, title, period,
// signer name/title), each reference (number+date identity), each quota item
// (count+unit, or percent), each deadline (date), each award / recipient (fuzzy), and,
// reported apart, each outline node (number + title). Values may be plain or wrapped as
// {value: ...}; fields may sit at the top level or under "fields".
import { readFileSync } from 'node:fs';

const unwrap = (v) => (v && typeof v === 'object' && !Array.isArray(v) && 'value' in v ? v.value : v);
const ABBR = [[/\bubnd\b/g, 'ủy ban nhân dân'], [/\bhđnd\b/g, 'hội đồng nhân dân'],
  [/\bbcđ\b/g, 'ban chỉ đạo'], [/\btm\.?\s*/g, ''], [/\bcchc\b/g, 'cải cách hành chính']];
const canon = (s) => {
  if (s == null) return '';
  let t = String(unwrap(s)).normalize('NFC').toLowerCase();
  for (const [re, rep] of ABBR) t = t.replace(re, rep);
  return t.replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
};
// tone-placement-insensitive token form
const toneCanon = (w) => { let tone = ''; const b = w.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (m) => { tone = m; return ''; }); return b.normalize('NFC') + tone; };
const toks = (s) => canon(s).split(' ').filter(Boolean).map(toneCanon);
function sim(a, b) { // token F1 similarity
  const A = toks(a), B = toks(b);
  if (!A.length && !B.length) return 1;
  if (!A.length || !B.length) return 0;
  const m = new Map(); for (const x of A) m.set(x, (m.get(x) || 0) + 1);
  let hit = 0; for (const x of B) if (m.get(x) > 0) { hit++; m.set(x, m.get(x) - 1); }
  return (2 * hit) / (A.length + B.length);
}
const symbol = (s) => canon(s).replace(/\s+/g, '').replace(/^s[ốo]/, '');
const get = (o, path) => path.split('.').reduce((x, k) => (x == null ? x : unwrap(x[k])), o);
const root = (o) => (o && o.fields ? o.fields : o);

function matchLists(gold, pred, same) { // greedy one-to-one
  const used = new Set(); let tp = 0;
  for (const g of gold) {
    const j = pred.findIndex((p, i) => !used.has(i) && same(g, p));
    if (j >= 0) { used.add(j); tp++; }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}
const SCALARS = [
  ['documentType', (a, b) => sim(a, b) >= 0.99],
  ['number', (a, b) => symbol(a) === symbol(b)],
  ['issuingBody.name', (a, b) => sim(a, b) >= 0.8],
  ['issuingBody.parent', (a, b) => sim(a, b) >= 0.8],
  ['place', (a, b) => sim(a, b) >= 0.99],
  ['issueDate', (a, b) => String(a) === String(b)],
  ['title', (a, b) => sim(a, b) >= 0.85],
  ['period.from', (a, b) => String(a) === String(b)],
  ['period.to', (a, b) => String(a) === String(b)],
  ['signer.name', (a, b) => sim(a, b) >= 0.99],
  ['signer.title', (a, b) => sim(a, b) >= 0.8],
];
const refSame = (g, p) => {
  g = unwrap(g); p = unwrap(p);
  const gn = g.number ? symbol(g.number) : '', pn = p.number ? symbol(p.number) : '';
  if (gn) return gn === pn && (!g.date || !p.date || String(g.date) === String(p.date));
  return !!g.date && String(g.date) === String(p.date) && sim(g.type, p.type) >= 0.5;
};
const quotaFacts = (qs) => (qs || []).flatMap((q) => {
  q = unwrap(q);
  const items = (q.items || []).map((it) => ({ k: 'n', count: Number(it.count), unit: it.unit, text: q.text }));
  if (q.percent != null) items.push({ k: 'p', percent: Number(q.percent), text: q.text });
  return items;
});
// units match when one's words begin the other's ("tập thể" ~ "tập thể lớp"): where a unit
// ends is a convention, its head noun is not
const unitSame = (a, b) => { const A = toks(a), B = toks(b); const n = Math.min(A.length, B.length);
  return n > 0 && A.slice(0, n).join(' ') === B.slice(0, n).join(' '); };
const quotaSame = (g, p) => g.k === p.k && (g.k === 'n'
  ? g.count === p.count && unitSame(g.unit, p.unit)
  : g.percent === p.percent && sim(g.text, p.text) >= 0.3);
// an outline number as its last part, without a label: "Điều 3" -> "3", "3.1." -> "1"
const secNum = (n) => String(unwrap(n) ?? '').replace(/^\s*(điều|mục|phần|chương|khoản|điểm)\s+/i, '')
  .replace(/[.):\s]+$/, '').split('.').pop();
const flattenSections = (ss, prefix = '') => (ss || []).flatMap((s) => {
  s = unwrap(s); const n = secNum(s.number); const path = prefix ? `${prefix}.${n}` : n;
  return [{ path, title: s.title }, ...flattenSections(s.children, path)];
});
const secSame = (g, p) => canon(g.path) === canon(p.path) && sim(g.title, p.title) >= 0.8;

export function scoreDoc(goldDoc, predDoc) {
  const g = root(goldDoc), p = root(predDoc) || {};
  const per = {};
  const add = (k, r) => { per[k] ??= { tp: 0, fp: 0, fn: 0 }; for (const x of ['tp', 'fp', 'fn']) per[k][x] += r[x]; };
  for (const [path, same] of SCALARS) {
    const gv = get(g, path), pv = get(p, path);
    const gHas = gv != null && gv !== '', pHas = pv != null && pv !== '';
    add(path, { tp: gHas && pHas && same(gv, pv) ? 1 : 0,
      fp: pHas && !(gHas && same(gv, pv)) ? 1 : 0, fn: gHas && !(pHas && same(gv, pv)) ? 1 : 0 });
  }
  add('references', matchLists(unwrap(g.references) || [], unwrap(p.references) || [], refSame));
  add('quotas', matchLists(quotaFacts(unwrap(g.quotas)), quotaFacts(unwrap(p.quotas)), quotaSame));
  add('deadlines', matchLists((unwrap(g.deadlines) || []).map(unwrap), (unwrap(p.deadlines) || []).map(unwrap),
    (a, b) => String(a.date) === String(b.date)));
  add('awards', matchLists(unwrap(g.awards) || [], unwrap(p.awards) || [], (a, b) => sim(a, b) >= 0.7));
  add('recipients', matchLists(unwrap(g.recipients) || [], unwrap(p.recipients) || [], (a, b) => sim(a, b) >= 0.7));
  const sections = matchLists(flattenSections(unwrap(g.sections)), flattenSections(unwrap(p.sections)), secSame);
  return { per, sections };
}

const prf = ({ tp, fp, fn }) => {
  const P = tp + fp ? tp / (tp + fp) : 1, R = tp + fn ? tp / (tp + fn) : 1;
  const r = (x) => Math.round(x * 1000) / 1000;
  return { tp, fp, fn, precision: r(P), recall: r(R), f1: r(P + R ? (2 * P * R) / (P + R) : 0) };
};

export function scoreMany(pairs) {
  const tot = {}, sec = { tp: 0, fp: 0, fn: 0 }, docs = [];
  for (const [gold, pred] of pairs) {
    const { per, sections } = scoreDoc(gold, pred);
    for (const [k, v] of Object.entries(per)) { tot[k] ??= { tp: 0, fp: 0, fn: 0 }; for (const x in v) tot[k][x] += v[x]; }
    for (const x in sec) sec[x] += sections[x];
    const m = Object.values(per).reduce((a, v) => ({ tp: a.tp + v.tp, fp: a.fp + v.fp, fn: a.fn + v.fn }), { tp: 0, fp: 0, fn: 0 });
    docs.push(prf(m).f1);
  }
  const micro = Object.values(tot).reduce((a, v) => ({ tp: a.tp + v.tp, fp: a.fp + v.fp, fn: a.fn + v.fn }), { tp: 0, fp: 0, fn: 0 });
  return { fieldsF1: prf(micro).f1, sectionsF1: prf(sec).f1, perDocF1: docs,
    perField: Object.fromEntries(Object.entries(tot).map(([k, v]) => [k, prf(v)])), sections: prf(sec) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = process.argv.slice(2);
  if (a.length < 2 || a.length % 2) { console.error('usage: fieldscore.mjs GOLD PRED [GOLD PRED ...]'); process.exit(2); }
  const pairs = [];
  for (let i = 0; i < a.length; i += 2) {
    let pred = {};
    try { pred = JSON.parse(readFileSync(a[i + 1], 'utf8')); } catch { pred = {}; }
    pairs.push([JSON.parse(readFileSync(a[i], 'utf8')), pred]);
  }
  console.log(JSON.stringify(scoreMany(pairs), null, 1));
}
