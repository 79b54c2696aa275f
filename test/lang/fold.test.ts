import { describe, expect, it } from 'vitest';
import { fold, foldKey, stripMarks } from '../../src/lang/fold.js';

describe('fold', () => {
  it("scope 'vietnamese' (default) strips marks and maps đ, keeping case and other letters", () => {
    expect(fold('Đường THỦY lợi')).toBe('Duong THUY loi');
    expect(fold('Đặng ø æ t6t &')).toBe('Dang ø æ t6t &');
  });
  it("scope 'marks' keeps đ/Đ", () => {
    expect(fold('ƯBND Đồng đội', { scope: 'marks' })).toBe('UBND Đong đoi');
  });
  it("scope 'latin' also folds foreign Latin letters", () => {
    expect(fold('Đường Søren Æsir', { scope: 'latin' })).toBe('Duong Soren AEsir');
    expect(fold('Søren', { scope: 'vietnamese' })).toBe('Søren');
  });
  it('lowercase', () => {
    expect(fold('QUYẾT ĐỊNH', { lowercase: true })).toBe('quyet dinh');
    expect(fold('QUYẾT ĐỊNH', { lowercase: true, scope: 'marks' })).toBe('quyet đinh');
    expect(fold('Ủy ban Æ', { lowercase: true, scope: 'latin' })).toBe('uy ban ae');
  });
  it('takes decomposed input', () => {
    const nfd = 'Thắng Đ'.normalize('NFD');
    for (const scope of ['marks', 'vietnamese', 'latin'] as const) expect(fold(nfd, { scope })).toBe(fold('Thắng Đ', { scope }));
  });
});

describe('foldKey / stripMarks', () => {
  it('foldKey is the lowercase vietnamese fold, garble glyphs kept', () => {
    for (const s of ['Được', 'Nhiệm Đ', 'K¢é t6t', 'Søren']) expect(foldKey(s)).toBe(fold(s, { lowercase: true }));
    expect(foldKey('Định Ước')).toBe('dinh uoc');
  });
  it('stripMarks is the latin fold with case kept', () => {
    expect(stripMarks('Đường THỦY lợi')).toBe('Duong THUY loi');
    expect(stripMarks('Æsir')).toBe(fold('Æsir', { scope: 'latin' }));
  });

  it('keepLength folds one UTF-16 unit to one, so offsets stay valid', () => {
    const text = 'Kế hoạch Số 12/QĐ-UBND ﬁ 𝐀 ø';
    const folded = fold(text, { lowercase: true, keepLength: true });
    expect(folded).toBe('ke hoach so 12/qd-ubnd ﬁ 𝐀 ø');
    expect(folded.length).toBe(text.length);
    expect(fold('Đường THỦY', { keepLength: true })).toBe('Duong THUY');
    // A lone combining mark (NFD input) is kept: it has no base letter to fold to.
    const nfd = 'hóa'.normalize('NFD');
    expect(fold(nfd, { keepLength: true })).toBe(nfd);
    expect(() => fold('x', { keepLength: true, scope: 'latin' })).toThrow(RangeError);
  });

  it('keepLength folds a long text into a flat string of the same length', () => {
    const line = 'Ủy ban nhân dân XÃ CỔ LỄ tổ chức Hội nghị 𝐀\n';
    const text = line.repeat(50_000);
    const folded = fold(text, { lowercase: true, keepLength: true });
    expect(folded.length).toBe(text.length);
    expect(folded.slice(0, line.length)).toBe('uy ban nhan dan xa co le to chuc hoi nghi 𝐀\n');
    expect(folded.endsWith('hoi nghi 𝐀\n')).toBe(true);
  });
});
