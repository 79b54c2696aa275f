/**
 * Extraction benchmark: per-field precision/recall/F1 and outline F1 with the judges' scorer
 * (../shared/tools/fieldscore.mjs) against ../shared/fixtures/expected, on
 *   1. the gold text (001 = the clean seed itself),
 *   2. the garbled seeds as they are (no restoration),
 *   3. the garbled seeds through the restore stage (when src/restore/index.ts exists),
 *   4. apart from the seeds, the synthetic documents of test/fixtures/synthetic (*.txt with a
 *      hand-written *.json in the same shape): other document types, bodies and layouts,
 * each fed the way the pipeline feeds it (one text page → normalize → [restore] → segment →
 * extract), plus extraction speed (segment + extract on normalized text, one core).
 *   npm run bench:extract [-- --json] [-- --verbose] [-- --synthetic [--stripped] [--garbled]] [-- --only id,id]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { VDoc } from '../../src/document.js';
import { emptyDoc } from '../../src/document.js';
import { normalizeStage } from '../../src/stages/normalize.js';
import { segmentStage } from '../../src/stages/segment.js';
import { extractStage } from '../../src/stages/extract.js';
import { DocumentFieldsSchema } from '../../src/schema/document.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared next to the checkout; VNPLAN_SHARED names it for a worktree elsewhere. */
const shared = process.env.VNPLAN_SHARED ?? resolve(root, '../shared');
const asJson = process.argv.includes('--json');
/** --verbose: per document, the fields that missed, with expected and extracted values. */
const verbose = process.argv.includes('--verbose');
/** --synthetic: only the synthetic documents (no seeds, no speed run; add --stripped for their restored variant). */
const syntheticOnly = process.argv.includes('--synthetic');
/** --only id,id: score only these synthetic documents (e.g. newly written ones, blind). */
const onlyArg = process.argv.indexOf('--only');
const onlyIds = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : null;

interface Scorer { scoreDoc(g: unknown, p: unknown): { per: Record<string, { tp: number; fp: number; fn: number }> }; scoreMany(pairs: [unknown, unknown][]): { fieldsF1: number; sectionsF1: number; perDocF1: number[]; perField: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>; sections: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number } } }

type Restore = (doc: VDoc) => Promise<VDoc> | VDoc;

/** The restore stage when it exists, else `restoreText` from src/restore applied to the normalized text. */
async function loadRestore(): Promise<Restore | null> {
  const stageFile = join(root, 'src/stages/restore.ts');
  const libFile = join(root, 'src/restore/index.ts');
  try {
    if (existsSync(stageFile)) {
      const mod = (await import(pathToFileURL(stageFile).href)) as { restoreStage?: { run: (d: VDoc, c: unknown) => Promise<VDoc> | VDoc } };
      const stage = mod.restoreStage;
      if (stage) return (d) => stage.run(d, { options: { restore: 'auto' } });
    }
    if (existsSync(libFile)) {
      const lib = (await import(pathToFileURL(libFile).href)) as { restoreText?: (t: string) => Promise<{ text: string }> };
      const restoreText = lib.restoreText;
      if (restoreText) return async (d) => ({ ...d, text: (await restoreText(d.text)).text });
    }
  } catch (err) {
    console.error(`restore not usable: ${(err as Error).message}`);
  }
  return null;
}

function docFor(name: string, text: string): VDoc {
  const doc = emptyDoc({ path: name, relPath: name, sha256: '0'.repeat(64), bytes: text.length, kind: 'text' });
  return { ...doc, pages: [{ number: 1, origin: 'text', text }] };
}

async function run(name: string, text: string, restore: Restore | null): Promise<VDoc> {
  const ctx = { options: {} };
  let doc = normalizeStage.run(docFor(name, text), ctx) as VDoc;
  if (restore) doc = await restore(doc);
  doc = segmentStage.run(doc, ctx) as VDoc;
  return extractStage.run(doc, ctx) as VDoc;
}

/**
 * The scored parts of a record: the main record, then each annotated attachment against the
 * extracted attachment in the same position (an attachment not found scores as empty).
 */
function recordPairs(exp: Record<string, unknown>, doc: VDoc): [unknown, unknown][] {
  const got = ((doc.fields as unknown as { attachments?: unknown[] }).attachments ?? []) as unknown[];
  const want = (exp.attachments ?? []) as unknown[];
  return [[exp, { fields: doc.fields }], ...want.map((a, i) => [a, { fields: got[i] ?? {} }] as [unknown, unknown])];
}

function explain(scorer: Scorer, id: string, exp: Record<string, unknown>, doc: VDoc | { fields: unknown }): void {
  const { per } = scorer.scoreDoc(exp, { fields: doc.fields });
  const pick = (o: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((x, k) => {
      const v = (x as Record<string, unknown> | null)?.[k];
      return v && typeof v === 'object' && !Array.isArray(v) && 'value' in v ? (v as { value: unknown }).value : v;
    }, o);
  for (const [field, r] of Object.entries(per)) {
    if (!r.fp && !r.fn) continue;
    const show = (v: unknown) => JSON.stringify(v, (k, x) => (['provenance', 'confidence', 'children', 'span', 'titleSpan'].includes(k) ? undefined : x))?.slice(0, 300);
    console.log(`  ${id} ${field}: fp ${r.fp} fn ${r.fn}\n    expected  ${show(pick(exp, field))}\n    extracted ${show(pick(doc.fields, field))}`);
  }
  // Outline nodes: paths present on one side only, or with different titles.
  type Sec = { number: string; title: string; children?: Sec[] };
  const paths = (ss: Sec[] | undefined, prefix = ''): Map<string, string> =>
    new Map((ss ?? []).flatMap((s) => {
      const p = prefix ? `${prefix}.${s.number}` : s.number;
      return [[p, s.title] as [string, string], ...paths(s.children, p)];
    }));
  const want = paths(exp.sections as Sec[]);
  const got = paths((doc.fields as { sections?: Sec[] } | undefined)?.sections);
  for (const p of new Set([...want.keys(), ...got.keys()])) {
    const a = want.get(p);
    const b = got.get(p);
    if (a !== b) console.log(`  ${id} section ${p}: expected ${JSON.stringify(a ?? null)} extracted ${JSON.stringify(b ?? null)}`);
  }
}

async function main(): Promise<void> {
  const scorer = (await import(pathToFileURL(join(shared, 'tools/fieldscore.mjs')).href)) as Scorer;
  const expectedDir = join(shared, 'fixtures/expected');
  const ids = readdirSync(expectedDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
  const gold = (id: string) => {
    const g = join(shared, 'fixtures/gold', `${id}.txt`);
    return readFileSync(existsSync(g) ? g : join(shared, 'seeds', `${id}.txt`), 'utf8');
  };
  const seed = (id: string) => readFileSync(join(shared, 'seeds', `${id}.txt`), 'utf8');
  const restore = syntheticOnly ? null : await loadRestore();
  const modes: [string, (id: string) => string, Restore | null][] = [
    ['gold text', gold, null],
    ['garbled seeds, no restoration', seed, null],
  ];
  if (restore) modes.push(['garbled seeds through restore', seed, restore]);
  if (syntheticOnly) modes.length = 0;
  const report: Record<string, unknown> = {};
  for (const [label, textOf, rst] of modes) {
    const pairs: [unknown, unknown][] = [];
    for (const id of ids) {
      let doc: VDoc;
      try {
        doc = await run(id, textOf(id), rst);
      } catch (err) {
        console.log(`\n== ${label}: not available (${(err as Error).message.split('\n')[0]})`);
        break;
      }
      DocumentFieldsSchema.parse(doc.fields);
      const exp = JSON.parse(readFileSync(join(expectedDir, `${id}.json`), 'utf8'));
      pairs.push([exp, { fields: doc.fields }]);
      if (verbose && !asJson) explain(scorer, id, exp, doc);
    }
    if (pairs.length < ids.length) continue;
    const r = scorer.scoreMany(pairs);
    report[label] = r;
    if (!asJson) {
      console.log(`\n== ${label}: fields F1 ${r.fieldsF1}  sections F1 ${r.sectionsF1}  per-doc ${r.perDocF1.join(' ')}`);
      console.log('field'.padEnd(20), 'P'.padStart(6), 'R'.padStart(6), 'F1'.padStart(6), '  tp fp fn');
      for (const [k, v] of Object.entries(r.perField)) {
        console.log(k.padEnd(20), String(v.precision).padStart(6), String(v.recall).padStart(6), String(v.f1).padStart(6), `  ${v.tp} ${v.fp} ${v.fn}`);
      }
      console.log('sections'.padEnd(20), String(r.sections.precision).padStart(6), String(r.sections.recall).padStart(6), String(r.sections.f1).padStart(6));
    }
  }
  if (!restore && !asJson && !syntheticOnly) console.log('\n(restore stage not available yet: no restored figures)');
  // Synthetic documents of the genre (test/fixtures/synthetic/*.txt with hand-written *.json),
  // scored apart from the seeds: other types, bodies, layouts and wordings than the five.
  // A document whose annotation has `attachments` (a decision with the plan it issues, a Công
  // văn with its Phụ lục) is scored as its main record plus each attached part in order, each
  // part's outline on its own; those documents are reported as their own group.
  const synthDir = join(root, 'test/fixtures/synthetic');
  const synthIds = readdirSync(synthDir).filter((f) => f.endsWith('.json') && existsSync(join(synthDir, f.replace(/\.json$/, '.txt')))).map((f) => f.replace(/\.json$/, '')).filter((id) => !onlyIds || onlyIds.has(id)).sort();
  const expectedOf = (id: string) => JSON.parse(readFileSync(join(synthDir, `${id}.json`), 'utf8')) as Record<string, unknown>;
  const hasAttachments = (id: string) => Array.isArray(expectedOf(id).attachments) && (expectedOf(id).attachments as unknown[]).length > 0;
  const scoreGroup = async (label: string, key: string, ids: string[], textOf: (id: string) => string | null, rst: Restore | null) => {
    const pairs: [unknown, unknown][] = [];
    for (const id of ids) {
      const text = textOf(id);
      if (text === null) continue;
      const doc = await run(id, text, rst);
      DocumentFieldsSchema.parse(doc.fields);
      const exp = expectedOf(id);
      pairs.push(...recordPairs(exp, doc));
      if (verbose && !asJson) {
        const tag = key === 'synthetic' || key === 'attached' ? '' : ` (${key})`;
        recordPairs(exp, doc).forEach(([e, p], i) => explain(scorer, `${id}${i ? ` attachment ${i}` : ''}${tag}`, e as Record<string, unknown>, p as { fields: unknown }));
      }
    }
    if (!pairs.length) return;
    const r = scorer.scoreMany(pairs);
    report[key] = r;
    if (!asJson) {
      console.log(`\n== ${label} (${ids.length} documents, ${pairs.length} scored parts): fields F1 ${r.fieldsF1}  sections F1 ${r.sectionsF1}  per-part ${r.perDocF1.join(' ')}`);
      for (const [k, v] of Object.entries(r.perField)) {
        if (v.f1 < 1) console.log(k.padEnd(20), String(v.precision).padStart(6), String(v.recall).padStart(6), String(v.f1).padStart(6), `  ${v.tp} ${v.fp} ${v.fn}`);
      }
      if (r.sections.f1 < 1) console.log('sections'.padEnd(20), String(r.sections.precision).padStart(6), String(r.sections.recall).padStart(6), String(r.sections.f1).padStart(6), `  ${r.sections.tp} ${r.sections.fp} ${r.sections.fn}`);
    }
  };
  const clean = (id: string) => readFileSync(join(synthDir, `${id}.txt`), 'utf8');
  const genreIds = synthIds.filter((id) => !hasAttachments(id));
  const attachedIds = synthIds.filter(hasAttachments);
  // The same documents with every diacritic and đ stripped (the commonest damage of the genre's
  // text: wrong-language OCR, unaccented typing), through the restore stage: joint robustness.
  const stripped = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
  const strippedRestore = syntheticOnly && !process.argv.includes('--stripped') ? null : restore ?? (await loadRestore());
  if (strippedRestore) await scoreGroup('synthetic documents, diacritics stripped, through restore', 'syntheticStrippedThroughRestore', synthIds, (id) => stripped(clean(id)), strippedRestore);
  // English-model OCR of the synthetic documents rendered as scans (test/fixtures/garbled, made by
  // `npm run bench:garble-docs`), through the restore stage: the genre's worst real input.
  const garbledDir = join(root, 'test/fixtures/garbled');
  const garbled = (id: string) => (existsSync(join(garbledDir, `${id}.txt`)) ? readFileSync(join(garbledDir, `${id}.txt`), 'utf8') : null);
  const garbledRestore = syntheticOnly && !process.argv.includes('--garbled') ? null : restore ?? (await loadRestore());
  if (garbledRestore && existsSync(garbledDir)) {
    await scoreGroup('synthetic genre documents, English-model OCR of rendered scans, through restore', 'syntheticGarbledThroughRestore', genreIds.filter((id) => garbled(id) !== null), garbled, garbledRestore);
    await scoreGroup('attached-plan documents, English-model OCR of rendered scans, through restore', 'attachedGarbledThroughRestore', attachedIds.filter((id) => garbled(id) !== null), garbled, garbledRestore);
  }
  await scoreGroup('synthetic genre documents, clean text (test/fixtures/synthetic)', 'synthetic', genreIds, clean, null);
  await scoreGroup('decisions and Công văn with an attached plan or Phụ lục, clean text', 'attached', attachedIds, clean, null);
  // Our own OCR of fixtures/001_scan.pdf (tesseract, vie model; the pipeline's final text, stored),
  // against seed 001's annotation: extraction on real OCR noise of the right language.
  const ocrText = join(root, 'test/fixtures/synthetic/ocr-scan-001.txt');
  const ocrExp = join(expectedDir, '001_b5b6068bbf0ccc88.json');
  if (existsSync(ocrText) && existsSync(ocrExp)) {
    const doc = await run('ocr-scan-001', readFileSync(ocrText, 'utf8'), null);
    DocumentFieldsSchema.parse(doc.fields);
    const exp = JSON.parse(readFileSync(ocrExp, 'utf8'));
    if (verbose && !asJson) explain(scorer, 'ocr-scan-001', exp, doc);
    const r = scorer.scoreMany([[exp, { fields: doc.fields }]]);
    report.ocrScan001 = r;
    if (!asJson) console.log(`\n== OCR of fixtures/001_scan.pdf (vie model, stored text): fields F1 ${r.fieldsF1}  sections F1 ${r.sectionsF1}`);
  }
  if (syntheticOnly) {
    if (asJson) console.log(JSON.stringify(report, null, 1));
    return;
  }
  // Speed: segment + extract on normalized gold text, one core.
  const normalized = ids.map((id) => normalizeStage.run(docFor(id, gold(id)), { options: {} }) as VDoc);
  const ctx = { options: {} };
  for (const d of normalized) extractStage.run(segmentStage.run(d, ctx) as VDoc, ctx); // warm-up (gazetteer load)
  let n = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - t0 < 3000) {
    for (const d of normalized) { extractStage.run(segmentStage.run(d, ctx) as VDoc, ctx); n++; }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Wall-clock speed depends on what else the machine runs; CPU time is this process's own core.
  const docsPerSecond = Math.round((n / wallMs) * 1000);
  const docsPerCpuSecond = Math.round((n / cpuMs) * 1000);
  report.docsPerSecond = docsPerSecond;
  report.docsPerCpuSecond = docsPerCpuSecond;
  if (asJson) console.log(JSON.stringify(report, null, 1));
  else console.log(`\nextraction speed: ${docsPerSecond} docs/s wall, ${docsPerCpuSecond} docs per CPU-second (segment + extract, ${n} docs, one thread; target ≥ 50)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
