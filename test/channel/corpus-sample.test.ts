import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyLine, fnv1a, isLmHeldOut, sampleCorpusFile, shuffleDeterministic } from '../../tools/lib/corpus-sample.js';

describe('fnv1a / held-out rule', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
  it('holds out about 2% of lines (the LM test and dev splits)', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `dòng số ${i} của văn bản`);
    const held = lines.filter(isLmHeldOut).length;
    expect(held).toBeGreaterThan(50);
    expect(held).toBeLessThan(150);
    expect(lines.filter(isLmHeldOut).every((l) => fnv1a(l) % 100 < 2)).toBe(true);
  });
});

describe('classifyLine', () => {
  it('recognises roman headings, numbered items, caps headings and plain text', () => {
    expect(classifyLine('I. MỤC ĐÍCH, YÊU CẦU')).toBe('roman');
    expect(classifyLine('1. Mục đích')).toBe('numbered');
    expect(classifyLine('a) Đối với cấp xã')).toBe('numbered');
    expect(classifyLine('KẾ HOẠCH PHÁT ĐỘNG PHONG TRÀO THI ĐUA')).toBe('heading');
    expect(classifyLine('Thực hiện tốt nhiệm vụ được giao.')).toBe('plain');
  });
});

describe('sampleCorpusFile', () => {
  it('keeps a deterministic per-kind sample and never a held-out line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-sample-'));
    const lines = [
      ...Array.from({ length: 300 }, (_, i) => `Nội dung thứ ${i} của kế hoạch năm nay`),
      ...Array.from({ length: 20 }, (_, i) => `${i + 1}. Mục tiêu cụ thể số ${i}`),
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. NỘI DUNG THỰC HIỆN',
    ];
    const path = join(dir, 'tiny.txt.gz');
    writeFileSync(path, gzipSync(lines.join('\n')));
    const quota = { file: 'tiny', plain: 10, heading: 0, numbered: 5, roman: 5 };
    const a = await sampleCorpusFile(path, quota, 'salt');
    const b = await sampleCorpusFile(path, quota, 'salt');
    expect(a).toEqual(b);
    expect(a.filter((l) => l.kind === 'plain')).toHaveLength(10);
    expect(a.filter((l) => l.kind === 'numbered')).toHaveLength(5);
    expect(a.filter((l) => l.kind === 'roman').map((l) => l.text).sort()).toEqual(['I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG THỰC HIỆN'].filter((l) => !isLmHeldOut(l)).sort());
    expect(a.some((l) => isLmHeldOut(l.text))).toBe(false);
    const other = await sampleCorpusFile(path, quota, 'other salt');
    expect(other.map((l) => l.text)).not.toEqual(a.map((l) => l.text));
    expect(shuffleDeterministic(a, 's')).toEqual(shuffleDeterministic([...a].reverse(), 's'));
  });
});
