import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Worker } from 'tesseract.js';
import { pageStyle, registerTinos, renderPage, wrapLine } from '../../tools/lib/render.js';
import { createOcrWorker, ocrLines } from '../../tools/lib/ocr-page.js';
import { ChannelCounter } from '../../tools/lib/channel-counter.js';

describe('wrapLine', () => {
  it('wraps greedily by measured width', () => {
    expect(wrapLine('aa bb cc dd', 5, (s) => s.length)).toEqual(['aa bb', 'cc dd']);
  });
});

describe('render + English-model OCR + alignment (one small page)', () => {
  let worker: Worker;
  // Tinos (the dev dependency @expo-google-fonts/tinos), not whatever fonts the system has.
  const tinos = registerTinos();
  beforeAll(async () => {
    worker = await createOcrWorker('eng');
  });
  afterAll(async () => {
    await worker?.terminate();
  });

  it('renders a page whose lines the English model garbles the way the channel expects', async () => {
    expect(tinos?.family).toBe('Tinos');
    const clean = { ...pageStyle(1, [tinos!], 'test'), rotateDeg: 0, blurSigma: 0, noiseAmplitude: 0, jpegQuality: null, resampleScale: 1, upperCase: false, bold: false };
    const page = await renderPage(['Kế hoạch thực hiện nhiệm vụ năm nay', 'Đề nghị các đơn vị tổ chức thực hiện tốt'], clean, 10);
    expect(page.lines).toHaveLength(2);
    const meta = await sharp(page.png).metadata();
    expect(meta.width).toBe(2481);
    const observed = await ocrLines(worker, page.png);
    const counter = new ChannelCounter();
    counter.addPage(page.lines, observed);
    const t = counter.toTable('eng-test');
    expect(t.lines).toBe(2);
    // The English model has no Vietnamese letters: ệ, ự, đ never survive.
    expect(observed.join(' ')).not.toMatch(/[ệựđĐ]/u);
    expect(t.charConfusionsFolded['đ']).toBeDefined();
    expect(t.charConfusionsFolded['đ']['đ']).toBeUndefined();
  });
});
