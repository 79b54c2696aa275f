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
});
