/** Detection and repair on the forms archivists meet, including the issue's own examples. */
import { describe, expect, it } from 'vitest';
import { decodeText, encodeLegacy, misdecode, normalizeEncodingName, repairLegacyText } from '../../src/encoding/index.js';
import { VnplanError } from '../../src/errors.js';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('repairLegacyText (PDF text layers, files re-saved from a cp1252 view)', () => {
  it('repairs the TCVN3 (.VnTime) example of the issue', () => {
    const r = repairLegacyText('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(r.text).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
    expect(r.encoding).toBe('tcvn3');
    expect(r.runs).toEqual([expect.objectContaining({ start: 0, end: r.text.length, encoding: 'tcvn3' })]);
  });

  it('repairs the VNI (VNI-Times) example of the issue', () => {
    const r = repairLegacyText('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
    expect(r.text).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
    expect(r.encoding).toBe('vni');
  });

  it('raises .VnTimeH headings back to capitals', () => {
    const r = repairLegacyText('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc');
    expect(r.text).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
  });

  it('judges per line: Unicode lines stay, mis-decoded lines are converted, runs tile the text', () => {
    const unicodeLine = 'Ủy ban nhân dân huyện Long Thành thực hiện kế hoạch cải cách hành chính';
    const tcvnLine = misdecode(encodeLegacy('tcvn3', 'Phát động thi đua lập thành tích trong công tác cải cách hành chính'));
    const r = repairLegacyText(`${unicodeLine}\n${tcvnLine}\n${unicodeLine}`);
    expect(r.text).toBe(`${unicodeLine}\nPhát động thi đua lập thành tích trong công tác cải cách hành chính\n${unicodeLine}`);
    expect(r.runs.map((run) => run.encoding)).toEqual(['unicode', 'tcvn3', 'unicode']);
    expect(r.runs[0].start).toBe(0);
    for (let i = 1; i < r.runs.length; i++) expect(r.runs[i].start).toBe(r.runs[i - 1].end);
    expect(r.text.slice(r.runs[1].start, r.runs[1].end)).toBe('Phát động thi đua lập thành tích trong công tác cải cách hành chính\n');
    expect(r.runs[1].sourceEnd - r.runs[1].sourceStart).toBe(tcvnLine.length + 1);
  });

  it('leaves wrong-language OCR garble alone (é for ệ is not TCVN3 ộ)', () => {
    const garble = [
      'Thyc hién ké hoach s6 12/KH-UBND vé viéc trién khai nhiém vu nam 2024',
      '- T6 chirc gép mat, déi thoai véi cac doanh nghiép trén dia ban huyén',
      'thuc hién c¢6 hiéu qua cong tac cai cach hanh chinh — Tw do — Hanh phic',
    ].join('\n');
    const r = repairLegacyText(garble);
    expect(r.repaired).toBe(false);
    expect(r.text).toBe(garble);
    expect(decodeText(utf8(garble))).toMatchObject({ encoding: 'utf8', text: garble });
  });

  it('leaves clean Vietnamese that uses only Latin-1 letters alone', () => {
    const text = 'Tôi là cán bộ, công chức của xã; các anh chị có ý kiến gì không?';
    const r = repairLegacyText(text);
    expect(r.repaired).toBe(false);
    expect(r.text).toBe(text);
  });
});

describe('decodeText', () => {
  it('plain ASCII (Vietnamese without marks) is UTF-8 with full confidence', () => {
    const d = decodeText(utf8('Cong hoa xa hoi chu nghia Viet Nam'));
    expect(d).toMatchObject({ encoding: 'utf8', confidence: 1, text: 'Cong hoa xa hoi chu nghia Viet Nam' });
  });

  it('composes Windows-1258 combining tone marks to NFC', () => {
    const bytes = encodeLegacy('cp1258', 'Việt Nam, Hạnh phúc');
    expect(bytes.length).toBeGreaterThan('Việt Nam, Hạnh phúc'.length);
    const d = decodeText(bytes);
    expect(d.text).toBe('Việt Nam, Hạnh phúc');
    expect(d.text).toBe(d.text.normalize('NFC'));
  });

  it('finds per-line runs in a file concatenated from a TCVN3 and a VNI source', () => {
    const bytes = Uint8Array.from([
      ...encodeLegacy('tcvn3', 'Ủy ban nhân dân huyện Vụ Bản ban hành kế hoạch\n'),
      ...encodeLegacy('vni', 'Thực hiện nhiệm vụ trọng tâm năm 2024 của huyện\n'),
    ]);
    const d = decodeText(bytes);
    expect(d.text).toBe('Ủy ban nhân dân huyện Vụ Bản ban hành kế hoạch\nThực hiện nhiệm vụ trọng tâm năm 2024 của huyện\n');
    expect(d.runs?.map((r) => r.encoding)).toEqual(['tcvn3', 'vni']);
    expect(d.diagnostics?.map((x) => x.code)).toContain('encoding.mixed');
  });

  it('reads VISCII that happens to be valid UTF-8 as VISCII', () => {
    const bytes = encodeLegacy('viscii', 'phương hướng');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    expect(decodeText(bytes)).toMatchObject({ encoding: 'viscii', text: 'phương hướng' });
  });

  it('gives non-Vietnamese text a low-confidence decision and a diagnostic, not an error', () => {
    const d = decodeText(latin1('Le café est très économique à Paris, où les élèves étudient la poésie.'));
    expect(d.confidence).toBeLessThan(0.5);
    expect(d.diagnostics?.map((x) => x.code)).toContain('encoding.not-vietnamese');
  });

  it('throws ENCODING_UNKNOWN only when no decoding reads at all', () => {
    const attempt = () => decodeText(Uint8Array.of(0x80, 0x81, 0x82, 0x20, 0x83, 0x84));
    expect(attempt).toThrow(VnplanError);
    expect(attempt).toThrow(/encoding could not be determined/);
  });

  it('forced --encoding overrides detection, with aliases', () => {
    const bytes = encodeLegacy('tcvn3', 'Hà Nội');
    expect(decodeText(bytes, { encoding: 'ABC' }).text).toBe('Hà Nội');
    expect(decodeText(bytes, { encoding: 'windows-1258' }).encoding).toBe('cp1258');
    expect(normalizeEncodingName('VNI-Win')).toBe('vni');
    expect(() => normalizeEncodingName('koi8-r')).toThrow(/Unknown --encoding/);
  });

  it('keeps BOM-marked UTF-16', () => {
    const text = 'Độc lập - Tự do';
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(decodeText(le)).toMatchObject({ encoding: 'utf16le', text });
  });
});
