/**
 * A generator of realistic, varied synthetic document records (valid against
 * DocumentRecordSchema) for query/export tests and the 10 000-record benchmark. About a third
 * of the references cite an earlier document of the same archive (same number, date and
 * issuer as that document declares), so the citation graph has real edges; the rest cite
 * national documents that are not in the archive.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docIdFor } from '../../src/output/docid.js';
import { SCHEMA_VERSION, type DocumentRecord, type OutlineNode } from '../../src/schema/document.js';
import { AWARD_FORMS, LOCALITIES, NATIONAL_REFS, SIGNERS, THEMES, TextWriter, pad2, viDate } from './synthetic-text.js';
import { rng, type Rng } from './prng.js';

type Ref = DocumentRecord['fields']['references'][number];
const val = <T>(value: T | null, provenance: DocumentRecord['fields']['title']['provenance'] = null, confidence = 0.9) => ({ value, confidence: value === null ? 0 : confidence, provenance: value === null ? null : provenance });

const DOC_TYPES = [
  { type: 'Kế hoạch', code: 'KH', weight: 6 },
  { type: 'Quyết định', code: 'QĐ', weight: 2 },
  { type: 'Thông báo', code: 'TB', weight: 1 },
  { type: 'Công văn', code: 'CV', weight: 1 },
] as const;

function pickType(r: Rng) {
  const total = DOC_TYPES.reduce((s, t) => s + t.weight, 0);
  let x = r.next() * total;
  for (const t of DOC_TYPES) if ((x -= t.weight) < 0) return t;
  return DOC_TYPES[0];
}

function isoDate(r: Rng, year: number, monthFrom = 1, monthTo = 12): string {
  return `${year}-${pad2(r.int(monthFrom, monthTo))}-${pad2(r.int(1, 28))}`;
}

/** Summary of a generated document, kept so later documents can cite it. */
export interface Citable {
  docId: string;
  type: string;
  number: string;
  date: string | null;
  shortIssuer: string;
  subject: string;
}

function section(w: TextWriter, number: string, path: string, kind: OutlineNode['kind'], title: string): OutlineNode {
  const start = w.text.length;
  w.section = path;
  const titleSpan = w.add(`${number}. ${title}`);
  w.line();
  return { number, title, path, kind, titleSpan: { start: titleSpan.start + number.length + 2, end: titleSpan.end }, span: { start, end: start }, confidence: 0.95, children: [] };
}
const close = (w: TextWriter, node: OutlineNode) => (node.span.end = w.text.length);

export function makeRecord(i: number, r: Rng, earlier: Citable[]): { record: DocumentRecord; citable: Citable | null } {
  const loc = r.pick(LOCALITIES);
  const communeLevel = r.chance(0.6);
  const commune = r.pick(loc.communes);
  const district = `${loc.districtKind} ${loc.district}`;
  const bcd = !communeLevel && r.chance(0.2);
  const issuer = communeLevel ? `Ủy ban nhân dân ${commune.kind} ${commune.name}` : bcd ? `Ban Chỉ đạo cải cách hành chính ${district}` : `Ủy ban nhân dân ${district}`;
  const shortIssuer = communeLevel ? `UBND ${commune.kind} ${commune.name}` : bcd ? `BCĐ CCHC ${district}` : `UBND ${district}`;
  const parent = communeLevel || bcd ? `Ủy ban nhân dân ${district}` : `Ủy ban nhân dân tỉnh ${loc.province}`;
  const place = communeLevel ? commune.name : loc.district;
  const kind = pickType(r);
  const theme = r.pick(THEMES);
  const year = r.int(2020, 2025);
  const issueDate = r.chance(0.85) ? isoDate(r, year, 1, 6) : null;
  const number = r.chance(0.85) ? `${pad2(r.int(1, 420))}/${kind.code === 'CV' ? 'UBND-VP' : `${kind.code}-${bcd ? 'BCĐ' : 'UBND'}`}` : null;
  const title = `${kind.type === 'Kế hoạch' ? 'Phát động phong trào thi đua' : kind.type === 'Quyết định' ? 'Ban hành kế hoạch thi đua' : 'Triển khai phong trào thi đua'} ${theme.name} ${communeLevel ? `${commune.kind} ${commune.name}` : district} năm ${year}`;

  const w = new TextWriter();
  w.line(parent.toUpperCase());
  const pName = w.line(issuer.toUpperCase());
  const pNumber = number ? (w.add('Số: '), w.line(number)) : (w.line(`Số: /${kind.code}-UBND`), null);
  w.add(`${place}, `);
  const pDate = issueDate ? w.line(`ngày ${issueDate.slice(8, 10)} tháng ${issueDate.slice(5, 7)} năm ${issueDate.slice(0, 4)}`) : (w.line(`ngày    tháng    năm ${year}`), null);
  const pType = w.line(kind.type.toUpperCase());
  const pTitle = w.line(title);

  // References: national documents plus, often, earlier documents of this archive.
  const refs: Ref[] = [];
  w.add('Căn cứ ');
  const cited = new Set<string>();
  // Only documents issued by this document's year can be cited (91/2017 always qualifies).
  const ownPool = earlier.slice(-300).filter((c) => !c.date || c.date.slice(0, 4) <= String(year));
  const nationalPool = NATIONAL_REFS.filter((n) => n.date.slice(0, 4) < String(year) || n.number === '91/2017/NĐ-CP');
  for (let k = r.int(1, 4); k > 0; k--) {
    const own = ownPool.length > 0 && r.chance(0.45) ? r.pick(ownPool) : null;
    const ref = own ?? r.pick(nationalPool);
    const key = own ? own.docId : ref.number;
    if (cited.has(key)) continue;
    cited.add(key);
    const date = own ? own.date : (ref as (typeof NATIONAL_REFS)[number]).date;
    const refIssuer = own ? own.shortIssuer : (ref as (typeof NATIONAL_REFS)[number]).issuer;
    const text = `${ref.type} số ${ref.number}${date ? ` ngày ${viDate(date)}` : ''} của ${refIssuer} về ${ref.subject}`;
    const p = w.add(text);
    w.add('; ');
    refs.push({ type: ref.type, number: ref.number, date, issuer: refIssuer, subject: ref.subject, text, confidence: 0.85, provenance: p });
  }
  w.line(`${shortIssuer} xây dựng ${kind.type.toLowerCase()} như sau:`);

  const sections: OutlineNode[] = [];
  const s1 = section(w, 'I', 'I', 'roman', 'MỤC ĐÍCH, YÊU CẦU');
  const s11 = section(w, '1', 'I.1', 'arabic', 'Mục đích');
  w.line(`Phát động phong trào thi đua ${theme.name} nhằm ${theme.goal}.`);
  close(w, s11);
  const s12 = section(w, '2', 'I.2', 'arabic', 'Yêu cầu');
  w.line('Phong trào thi đua phải được tổ chức thiết thực, hiệu quả, tránh hình thức, phô trương, lãng phí.');
  close(w, s12);
  s1.children.push(s11, s12);
  close(w, s1);
  const s2 = section(w, 'II', 'II', 'roman', 'NỘI DUNG THI ĐUA');
  theme.items.forEach((item, k) => {
    if (k > 0 && r.chance(0.3)) return;
    const child = section(w, String(s2.children.length + 1), `II.${s2.children.length + 1}`, 'arabic', item);
    w.line(`Các cơ quan, đơn vị chủ động triển khai, lồng ghép nội dung ${theme.name} vào nhiệm vụ chuyên môn.`);
    close(w, child);
    s2.children.push(child);
  });
  close(w, s2);

  const quotas: DocumentRecord['fields']['quotas'] = [];
  const s3 = section(w, 'III', 'III', 'roman', 'CHỈ TIÊU VÀ KHEN THƯỞNG');
  if (r.chance(0.6)) {
    const a = r.int(1, 9);
    const b = r.int(2, 15);
    const second = r.pick(['cá nhân', 'hộ gia đình']);
    w.add('Lựa chọn ');
    const text = `${pad2(a)} tập thể, ${pad2(b)} ${second}`;
    const p = w.add(text);
    w.line(' tiêu biểu để đề nghị khen thưởng.');
    quotas.push({ text, items: [{ count: a, unit: 'tập thể' }, { count: b, unit: second }], section: 'III', confidence: 0.8, provenance: p });
  }
  if (r.chance(0.5)) {
    const pct = r.pick([80, 90, 95, 100]);
    const subject = r.pick(['hồ sơ thủ tục hành chính', 'hộ gia đình', 'cán bộ, công chức']);
    const text = `${pct}% ${subject} đạt yêu cầu`;
    const p = w.line(`${text}.`);
    quotas.push({ text, percent: pct, subject, qualifier: r.chance(0.3) ? 'tối thiểu' : null, section: 'III', confidence: 0.8, provenance: { ...p, end: p.start + text.length } });
  }
  const awardLevel = communeLevel ? `${commune.kind}` : loc.districtKind;
  const awards = AWARD_FORMS.filter(() => r.chance(0.5)).map((a) => (a.startsWith('Giấy khen') ? `${a} ${awardLevel}` : a));
  const awardValues = awards.map((a) => val(a, w.line(`Hình thức khen thưởng: ${a}.`), 0.8));
  close(w, s3);

  const deadlines: DocumentRecord['fields']['deadlines'] = [];
  const s4 = section(w, 'IV', 'IV', 'roman', 'TỔ CHỨC THỰC HIỆN');
  const periodTo = `${year}-12-31`;
  const dl = w.line(`Phong trào thi đua được triển khai từ ngày ban hành đến hết ngày ${viDate(periodTo)}.`);
  deadlines.push({ date: periodTo, text: w.text.slice(dl.start, dl.end - 1), kind: 'until', section: 'IV', confidence: 0.9, provenance: { ...dl, end: dl.end - 1 } });
  if (r.chance(0.7)) {
    const date = `${year + 1}-01-${pad2(r.int(5, 25))}`;
    const text = `Hồ sơ đề nghị khen thưởng gửi về ${shortIssuer} trước ngày ${viDate(date)}`;
    const p = w.line(`${text}.`);
    deadlines.push({ date, text, kind: 'before', who: 'các cơ quan, đơn vị', section: 'IV', confidence: 0.85, provenance: { ...p, end: p.start + text.length } });
  }
  close(w, s4);
  sections.push(s1, s2, s3, s4);
  w.section = null;
  const onBehalf = w.line(bcd ? 'TM. BAN CHỈ ĐẠO' : 'TM. ỦY BAN NHÂN DÂN');
  const signerTitle = w.line(bcd ? 'TRƯỞNG BAN' : r.pick(['CHỦ TỊCH', 'PHÓ CHỦ TỊCH']));
  const signerName = w.line(r.pick(SIGNERS));
  w.line('Nơi nhận:');
  const recipients = [`UBND ${district}`, 'Phòng Nội vụ', 'Lưu: VT'].slice(0, 2).map((x) => val(x, w.line(`- ${x};`), 0.8));

  const relPath = `${loc.province}/${loc.district}/${String(i).padStart(5, '0')}-${kind.code}.txt`;
  const docId = docIdFor(relPath);
  const sha256 = createHash('sha256').update(w.text).digest('hex');
  const record: DocumentRecord = {
    schemaVersion: SCHEMA_VERSION,
    docId,
    source: { path: `/archive/${relPath}`, relPath, sha256, bytes: Buffer.byteLength(w.text), kind: 'text', encoding: 'utf8' },
    pipeline: { name: 'default', version: '0.1.0+synthetic' },
    createdAt: '2026-01-01T00:00:00.000Z',
    timings: { total: 1 },
    diagnostics: [],
    pages: [{ number: 1, origin: 'text', start: 0, end: w.text.length }],
    text: w.text,
    fields: {
      documentType: val(kind.type, pType),
      number: val(number, pNumber),
      issuingBody: { name: val(issuer, pName), parent: val(parent, null, 0.6) },
      place: val(place, null, 0.9),
      issueDate: { ...val(issueDate, pDate), ...(issueDate ? { precision: 'day' as const } : {}) },
      title: val(title, pTitle),
      period: { from: val(issueDate, pDate, 0.7), to: val(periodTo, dl, 0.8) },
      references: refs,
      sections,
      quotas,
      deadlines,
      awards: awardValues,
      signer: { name: val(w.text.slice(signerName.start, signerName.end), signerName), title: val(w.text.slice(signerTitle.start, signerTitle.end), signerTitle), onBehalfOf: val(bcd ? 'TM. Ban Chỉ đạo' : 'TM. Ủy ban nhân dân', onBehalf) },
      recipients,
    },
  };
  const citable = number ? { docId, type: kind.type, number, date: issueDate, shortIssuer, subject: title.charAt(0).toLowerCase() + title.slice(1) } : null;
  return { record, citable };
}

export function* generateRecords(count: number, seed = 1): Generator<DocumentRecord> {
  const r = rng(seed);
  const earlier: Citable[] = [];
  for (let i = 0; i < count; i++) {
    const { record, citable } = makeRecord(i, r, earlier);
    if (citable) earlier.push(citable);
    yield record;
  }
}

/** Writes <docId>.json and <docId>.txt as the runner does, plus a run-report.json. */
export async function writeArchive(dir: string, count: number, seed = 1): Promise<DocumentRecord[]> {
  await mkdir(dir, { recursive: true });
  const records = [...generateRecords(count, seed)];
  for (const rec of records) {
    await writeFile(join(dir, `${rec.docId}.txt`), rec.text);
    await writeFile(join(dir, `${rec.docId}.json`), `${JSON.stringify(rec, null, 2)}\n`);
  }
  await writeFile(join(dir, 'run-report.json'), JSON.stringify({ totals: { documents: count } }));
  return records;
}
