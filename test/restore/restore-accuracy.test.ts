/**
 * Unit tests of the accuracy features (session 2): Roman outline markers by sequence, list
 * markers and vowel-less abbreviations kept, corpus-typo variants dropped, fuzzy candidates
 * for garble the look-alike rules cannot reach, lone consonants, garbled words with digits.
 * They use a tiny count LM built here (the decoder only sees DecoderLM) and the committed
 * channel tables from dictionaries/channel.
 */
import { describe, expect, it } from 'vitest';
import { createRestorer, repairListLetters, repairRomanMarkers, tokenize } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { FuzzyIndex } from '../../src/restore/fuzzy.js';

const TRAIN = [
  'Nâng cao ý thức, trách nhiệm của đội ngũ cán bộ, công chức trong công tác cải cách hành chính.',
  'Công chức văn phòng có trách nhiệm theo dõi, hướng dẫn, kiểm tra việc thực hiện.',
  'Các tầng lớp nhân dân tích cực hưởng ứng phong trào thi đua.',
  'Người đứng đầu đơn vị là người chịu trách nhiệm về kết quả thực hiện.',
  'Mức khen thưởng thực hiện theo quy định của Luật Thi đua, khen thưởng.',
].flatMap((line) => [line, line, line]);
const restorer = createRestorer(new CountTrigramLM(TRAIN));

describe('outline and list markers', () => {
  it('reads garbled Roman markers by the sequence of headings', () => {
    const lines = ['1. MUC PICH, YEU CAU', '1. Muc dich', 'II. CHU DE', '111. NOI DUNG', '11. 100% van ban', 'Il. KHAU HIEU'];
    const out = repairRomanMarkers(lines);
    expect(out[0]).toBe('I. MUC PICH, YEU CAU'); // a caps heading in a text whose outline is Roman
    expect(out[1]).toBe('1. Muc dich'); // an Arabic item stays
    expect(out[3]).toBe('III. NOI DUNG');
    expect(out[4]).toBe('11. 100% van ban'); // not a heading: Arabic 11
    // Without Roman headings elsewhere, "1." before a heading is Arabic numbering.
    expect(repairRomanMarkers(['1. MUC DICH', '2. YEU CAU'])[0]).toBe('1. MUC DICH');
  });
  it('reads the list letter after d) as đ) (a) b) c) d) đ) e)), keeping lengths', () => {
    const lines = ['c) Muc ba', 'd) Muc bon', 'd) Muc nam', 'e) Muc sau', 'a) Khac', 'd) Khong doi'];
    const out = repairListLetters(lines);
    expect(out).toEqual(['c) Muc ba', 'd) Muc bon', 'đ) Muc nam', 'e) Muc sau', 'a) Khac', 'd) Khong doi']);
    expect(out.map((l) => l.length)).toEqual(lines.map((l) => l.length));
    expect(restorer.restore('c) Muc ba\nd) Muc bon\nd) Muc nam', { restore: 'always' }).text.split('\n')[2].startsWith('đ) ')).toBe(true);
  });
  it('keeps "I." of a heading, list markers and vowel-less abbreviations as written', () => {
    const out = restorer.restore('|. MUC PiCH, YEU CAU\nb) Muc khen thuong\nTM. UY BAN', { restore: 'always' });
    const lines = out.text.split('\n');
    expect(lines[0].startsWith('I. ')).toBe(true);
    expect(lines[1].startsWith('b) ')).toBe(true);
    expect(lines[2].startsWith('TM. ')).toBe(true);
    const kinds = tokenize('HPND xa').map((p) => [p.kind, p.fixed]);
    expect(kinds[0]).toEqual(['fixed', 'HĐND']); // Latin OCR's P for Đ in an abbreviation
  });
});

describe('candidates', () => {
  it('drops rare corpus misspellings beside a dominant spelling, except in text that kept its marks', () => {
    const lines = [...Array.from({ length: 1200 }, () => 'phẫu thuật nội soi'), 'gây tê phẩu thuật', 'gây tê phẩu thuật'];
    const typoRestorer = createRestorer(new CountTrigramLM(lines));
    const stripped = typoRestorer.channel.candidates('phau', 'stripped').map((c) => c.word);
    expect(stripped).toContain('phẫu');
    expect(stripped).not.toContain('phẩu');
    expect(typoRestorer.channel.candidates('phẩu', 'clean')[0].word).toBe('phẩu');
  });
  it('finds syllables for garble the look-alike rules cannot reach', () => {
    for (const [garbled, word] of [['chtc', 'chức'], ['hudéng', 'hướng'], ['16p', 'lớp']]) {
      expect(restorer.channel.candidates(garbled, 'garble').map((c) => c.word)).toContain(word);
    }
  });
  it('scores alignments with the learned char channel: a likely misreading costs less than a far one', () => {
    const probs = new Map([['ư', new Map([['u', 0.6], ['w', 0.3]])], ['ứ', new Map([['t', 0.2], ['i', 0.3]])]]);
    const fuzzy = new FuzzyIndex(['chuc', 'chua', 'thuc'], probs);
    expect([...fuzzy.neighbours('chtc')]).toContain('chuc');
    expect(fuzzy.cost('chức', 'chtc')).toBeCloseTo(-Math.log(0.2), 5);
    expect(fuzzy.cost('chức', 'chtc')).toBeLessThan(fuzzy.cost('chưa', 'chtc'));
  });
});

describe('garbled words', () => {
  it('restores lone consonants and digit-garbled words in English-model OCR from context', () => {
    const out = restorer.restore('- Nang cao y thuc, trach nhiém cua doi ngli can b, cong chirc\nva cac tﬁng 16p nhan dan', { restore: 'always' });
    expect(out.stats.channelMode).toBe('garble');
    expect(out.text).toContain('cán bộ, công chức');
    expect(out.text).toContain('lớp nhân dân');
  });
  it('writes a word chosen for a bare number ("12" = là) and keeps real numbers', () => {
    const out = restorer.restore('Ngudi dung dau don vi 12 nguoi chiu trach nhiém vé két qua thuc hién 2 nam', { restore: 'always' });
    expect(out.stats.channelMode).toBe('garble');
    expect(out.text).toContain('đơn vị là người');
    expect(out.text).toContain('thực hiện 2 ');
  });
});

describe('stripped text', () => {
  it('keeps letters with digits (units, codes) as written: stripped text has no OCR garble', () => {
    // Long enough that one token with a digit stays under the garble threshold (3% of words).
    const prose = 'nang cao y thuc trach nhiem cua doi ngu can bo cong chuc trong cong tac cai cach hanh chinh ';
    const out = restorer.restore(`${prose}${prose}dien tich 25 m2 cua can bo`, { restore: 'always' });
    expect(out.stats.channelMode).toBe('stripped');
    expect(out.text).toContain(' m2 ');
  });
  it('offers đ for a lone d (list letters, "điểm đ"), and the LM chooses', () => {
    const lm = new CountTrigramLM(['tại điểm đ khoản 1', 'tại điểm đ khoản 2', 'điểm d và điểm đ']);
    const withD = createRestorer(lm);
    expect(withD.channel.candidates('d', 'stripped').map((c) => c.word).sort()).toEqual(['d', 'đ']);
    expect(withD.restore('tai diem d khoan 1', { restore: 'always' }).text).toBe('tại điểm đ khoản 1');
  });
});
