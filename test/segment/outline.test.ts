import { describe, expect, it } from 'vitest';
import { buildOutline, flattenOutline } from '../../src/segment/outline.js';
import { runText } from '../extract/helpers.js';
import { sectionPaths as paths, type SectionLike as Sec } from '../support/fields.js';
import { expectedFields as expected, goldText, SEED_IDS } from '../support/fixtures.js';

describe('outline of the seeds (gold text)', () => {
  it.each(SEED_IDS)('%s: numbers and titles match the annotation', (id) => {
    const doc = runText(goldText(id));
    expect(paths(doc.outline as Sec[])).toEqual(paths(expected(id).sections));
  });
});

describe('outline markers damaged by OCR', () => {
  const text = [
    '|. MUC DICH, YEU CAU', '1. Muc dich', '- noi dung', '2. Yeu cau:', 'Il. NOI DUNG', '1. Thi dua thuc hien; chi tiet.',
    '5.100% ho so', '111. TO CHUC', '1. Dat 5.100% chi tieu', 'V.THOI GIAN', '1V. KHONG PHAI', 'a) Doi tuong: ca nhan', 'b) Hinh thuc',
  ].join('\n');
  const nodes = flattenOutline(buildOutline(text));
  it('reads |. as I, Il. as II, 111. as III from the sequence', () => {
    // V. after III. is accepted (a lost IV.), but "1V." after V. is out of sequence.
    expect(nodes.filter((n) => n.kind === 'roman').map((n) => n.number)).toEqual(['I', 'II', 'III', 'V']);
    expect(nodes.find((n) => n.path === 'II.1')?.title).toBe('Thi dua thuc hien');
  });
  it('does not take "5.100%" for section 5.100 nor invent IV from "1V." out of sequence text', () => {
    expect(nodes.map((n) => n.path)).not.toContain('II.5.100');
    expect(nodes.find((n) => n.path === 'III.1')?.title).toBe('Dat 5.100% chi tieu');
  });
  it('nests letters under the current arabic item, cuts "Label: body" titles and respells standard headings', () => {
    const lettered = buildOutline('I. A\n1. B\na) Doi tuong: ca nhan\nb) Hinh thuc\n2. C\n');
    expect(flattenOutline(lettered).map((n) => `${n.path}=${n.title}`)).toEqual(['I=A', 'I.1=B', 'I.1.a=Đối tượng', 'I.1.b=Hình thức', 'I.2=C']);
  });
  it('keeps headings in Markdown and nested decimal items', () => {
    const md = buildOutline('## **I. ĐỐI TƯỢNG:**\n### **1. Tiêu chí**\n#### **1.1. Tập thể**\n1.2. Cá nhân\n');
    expect(flattenOutline(md).map((n) => `${n.path}=${n.title}`)).toEqual(['I=ĐỐI TƯỢNG', 'I.1=Tiêu chí', 'I.1.1=Tập thể', 'I.1.2=Cá nhân']);
  });
  it('gives each node a span that contains its children', () => {
    const doc = runText(goldText('003_36ab5c401d102818'));
    for (const n of flattenOutline(doc.outline!)) {
      for (const c of n.children) {
        expect(c.span.start).toBeGreaterThanOrEqual(n.span.start);
        expect(c.span.end).toBeLessThanOrEqual(n.span.end);
      }
      expect(doc.text.slice(n.titleSpan.start, n.titleSpan.end).replace(/\s+/g, ' ')).toBe(n.title);
    }
  });
});

describe('outline bounds', () => {
  it('leaves a numbered căn cứ list before the first Roman heading out of the outline', () => {
    const nodes = buildOutline('Căn cứ:\n1. Luật Thi đua, khen thưởng;\n2. Nghị định số 98/2023/NĐ-CP;\nI. MỤC ĐÍCH\n1. Mục đích\nII. NỘI DUNG\n');
    expect(flattenOutline(nodes).map((n) => n.path)).toEqual(['I', 'I.1', 'II']);
  });
});

describe('Roman-looking markers out of sequence', () => {
  it('reads "I." under a Roman heading with a lowercase title as item 1', () => {
    const nodes = buildOutline('I. MỤC ĐÍCH, YÊU CẦU\nI. Mục đích\n2. Yêu cầu\nII. NỘI DUNG\n');
    expect(flattenOutline(nodes).map((n) => `${n.path}=${n.title}`)).toEqual(['I=MỤC ĐÍCH, YÊU CẦU', 'I.1=Mục đích', 'I.2=Yêu cầu', 'II=NỘI DUNG']);
  });
});

describe('outline of un-joined (line-wrapped) gold text', () => {
  it.each(SEED_IDS)('%s: wrapped headings and paragraphs give the same outline', (id) => {
    const doc = runText(goldText(id), false);
    expect(paths(doc.outline as Sec[])).toEqual(paths(expected(id).sections));
  });
});

describe('a Roman heading misread as another character', () => {
  it('infers I from "A. MỤC ĐÍCH" because the next clean Roman heading is II', () => {
    const nodes = buildOutline('A. MỤC Đích, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG\n1. Thi đua\n');
    expect(flattenOutline(nodes).map((n) => `${n.path}=${n.title}`)).toEqual(['I=MỤC Đích, YÊU CẦU', 'I.1=Mục đích', 'II=NỘI DUNG', 'II.1=Thi đua']);
  });
  it('leaves a lettered part heading alone when no Roman heading follows out of sequence', () => {
    const nodes = buildOutline('A. PHẦN CHUNG\nI. MỤC ĐÍCH\nII. NỘI DUNG\n');
    expect(flattenOutline(nodes).map((n) => n.path)).toEqual(['I', 'II']);
  });
});

describe('letter items written "a." instead of "a)"', () => {
  it('nests them like a) items', () => {
    const nodes = buildOutline('I. KHEN THƯỞNG\n1. Hình thức\na. Giấy khen\nb. Bằng khen\n');
    expect(flattenOutline(nodes).map((n) => `${n.path}=${n.title}`)).toEqual(['I=KHEN THƯỞNG', 'I.1=Hình thức', 'I.1.a=Giấy khen', 'I.1.b=Bằng khen']);
  });
});
