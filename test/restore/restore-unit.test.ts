import { describe, expect, it } from 'vitest';
import { createRestorer, repairRomanMarker, repairSymbol, tokenize } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { applyCase, caseShape } from '../../src/restore/text.js';
import { toToneStyle } from '../../src/lang/syllable.js';
import { foldKey } from '../../src/lang/fold.js';

// A tiny LM built in the test: the decoder only sees the DecoderLM interface.
const TRAIN = [
  'Kế hoạch phát động phong trào thi đua thực hiện nhiệm vụ cải cách hành chính.',
  'Ủy ban nhân dân huyện ban hành kế hoạch thực hiện nhiệm vụ năm 2022.',
  'Căn cứ Quyết định số 12 của Ủy ban nhân dân tỉnh về việc ban hành kế hoạch.',
  'Mục đích của phong trào thi đua là thực hiện tốt nhiệm vụ cải cách hành chính.',
  'Phong trào thi đua là động lực thực hiện tốt nhiệm vụ.',
  'Đây là nhiệm vụ của cán bộ, công chức tại thị trấn Cổ Lễ.',
  'Thị trấn Cổ Lễ thực hiện tốt nhiệm vụ.',
  'Xã Đại Thắng thực hiện kế hoạch số 05 năm 2023.',
].flatMap((line) => [line, line]);
const lm = new CountTrigramLM(TRAIN);
const restorer = createRestorer(lm);

describe('text helpers', () => {
  it('builds skeleton keys and transfers case', () => {
    expect(foldKey('Được')).toBe('duoc');
    const matchCase = (input: string, output: string) => applyCase(caseShape(input), output);
    expect(matchCase('KE', 'kế')).toBe('KẾ');
    expect(matchCase('Pinh', 'định')).toBe('Định');
    expect(matchCase('thyc', 'thực')).toBe('thực');
    expect(matchCase('PiCH', 'địch')).toBe('ĐỊCH');
  });
  it('switches tone placement style', () => {
    expect(toToneStyle('hoá', 'old')).toBe('hóa');
    expect(toToneStyle('hóa', 'new')).toBe('hoá');
    expect(toToneStyle('quý', 'old')).toBe('quý');
    expect(toToneStyle('hoàn', 'new')).toBe('hoàn');
  });
});

describe('tokenizer and protection', () => {
  it('repairs document symbols and Roman outline markers', () => {
    expect(repairSymbol('QD-UBND')).toBe('QĐ-UBND');
    expect(repairSymbol('91/2017/ND-CP')).toBe('91/2017/NĐ-CP');
    expect(repairSymbol('349YKH-UBND')).toBe('349/KH-UBND');
    expect(repairSymbol('25/KH-UBND')).toBe('25/KH-UBND');
    expect(repairRomanMarker('|. MUC PiCH')).toBe('I. MUC PiCH');
    expect(repairRomanMarker('111. TO CHUC')).toBe('III. TO CHUC');
    expect(repairRomanMarker('1. Muc dich')).toBe('1. Muc dich');
  });
  it('splits glued tokens and keeps URLs whole', () => {
    const pieces = tokenize('nhân;tuyên xem https://vnplan.vn/a-b V.TỔ');
    expect(pieces.map((p) => p.input)).toEqual(['nhân', 'tuyên', 'xem', 'https://vnplan.vn/a-b', 'V', 'TỔ']);
    expect(pieces[3].kind).toBe('fixed');
  });
});

describe('channel model', () => {
  it('offers accented variants of stripped and look-alike tokens', () => {
    expect(restorer.channel.candidates('thuc', 'stripped').map((c) => c.word)).toContain('thực');
    expect(restorer.channel.candidates('t6t', 'garble').map((c) => c.word)).toContain('tốt');
    expect(restorer.channel.candidates('Pinh', 'garble').map((c) => c.word)).toContain('định');
    expect(restorer.channel.candidates('C6', 'garble').map((c) => c.word)).toContain('cổ');
  });
  it('makes a kept mark cheaper than a changed one in clean text', () => {
    const cands = restorer.channel.candidates('tốt', 'clean');
    expect(cands[0].word).toBe('tốt');
  });
});

describe('decoder', () => {
  it('restores stripped text with context, keeping case, numbers and line breaks', () => {
    const out = restorer.restore('KE HOACH\nphong trao thi dua thuc hien nhiem vu nam 2022', { restore: 'always' });
    expect(out.text).toBe('KẾ HOẠCH\nphong trào thi đua thực hiện nhiệm vụ năm 2022');
  });
  it('restores English-OCR garble using context', () => {
    const out = restorer.restore('Thi tran C6 L& thuc hién t6t nhiém vu.', { restore: 'always' });
    expect(out.text).toBe('Thị trấn Cổ Lễ thực hiện tốt nhiệm vụ.');
  });
  it('keeps real numbers; offers "là" for "12" only in garbled text', () => {
    expect(restorer.restore('Quyet dinh s6 12 cua Uy ban', { restore: 'always' }).text).toBe('Quyết định số 12 của Ủy ban');
    // "12" may stand for "là" only in English-model OCR garble, and then only as a penalised candidate.
    expect(restorer.channel.candidates('12', 'garble').map((c) => c.word)).toContain('là');
    const garbled = restorer.restore('Pay 12 nhiém vu cua can b6', { restore: 'always', alternatives: 3 });
    expect(garbled.stats.channelMode).toBe('garble');
    expect(garbled.tokens[1].input).toBe('12');
    // In stripped or clean text a number is only ever a number.
    expect(restorer.restore('Day 12 nhiem vu cua can bo', { restore: 'always' }).text).toBe('Đây 12 nhiệm vụ của cán bộ');
  });
  it('leaves correct text unchanged and is idempotent', () => {
    const clean = 'Kế hoạch phát động phong trào thi đua thực hiện nhiệm vụ cải cách hành chính.';
    expect(restorer.restore(clean).text).toBe(clean);
    const once = restorer.restore('Muc dich cua phong trao thi dua 12 thuc hien t6t nhiem vu', { restore: 'always' }).text;
    expect(restorer.restore(once).text).toBe(once);
  });
  it('passes non-Vietnamese text through untouched', () => {
    const english = 'The quarterly report was submitted yesterday without comments.';
    const out = restorer.restore(english);
    expect(out.stats.applied).toBe(false);
    expect(out.text).toBe(english);
  });
  it('keeps dates, symbols, percentages and the offset map consistent', () => {
    const input = 'Ke hoach 25/KH-UBND ngay 28/10/2021 giai doan 2021-2025 dat 100%\nthuc hien QD-UBND';
    const out = restorer.restore(input, { restore: 'always', alternatives: 2 });
    expect(out.text.split('\n')).toHaveLength(2);
    for (const keep of ['25/KH-UBND', '28/10/2021', '2021-2025', '100%']) expect(out.text).toContain(keep);
    expect(out.text).toContain('QĐ-UBND');
    for (const seg of out.offsetMap) expect(seg.outEnd - seg.outStart >= 0 && seg.inEnd >= seg.inStart).toBe(true);
    const token = out.tokens.find((t) => t.input === 'hoach')!;
    expect(out.text.slice(token.start, token.end)).toBe(token.output);
    expect(token.confidence).toBeGreaterThan(0);
  });
});
