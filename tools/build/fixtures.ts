/**
 * Builds the paged fixtures from the plain-text seeds in fixtures/:
 *   fixtures/001_scan.pdf      image-only "scanned" PDF (1-bit 300 dpi A4 pages) of seed 001
 *   fixtures/001_page2.png     one scanned PNG page (page 2 of seed 001, other skew/noise)
 *   fixtures/001_text.pdf      text-layer PDF of seed 001 (DejaVu Serif embedded via fontkit)
 *   test/data/001_scan.lines.txt  the exact lines drawn on the scanned pages (OCR reference)
 * Run with `npm run fixtures`. Deterministic: the noise uses a seeded PRNG.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { PDFDocument, pushGraphicsState, popGraphicsState, concatTransformationMatrix, drawObject } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { prng } from '../lib/prng.js';
import { wrapLine } from '../lib/render.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
const FONT_BOLD_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf';
const DPI = 300;
const A4_PT = { width: 595.28, height: 841.89 };
const A4_PX = { width: Math.round((A4_PT.width / 72) * DPI), height: Math.round((A4_PT.height / 72) * DPI) };

/** Seed text with its markdown markers (#-headings, **bold**) removed and blank runs collapsed. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^\s*#{1,6}\s*/, '').replace(/\*\*/g, '').replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Greedy word wrap of each paragraph to maxWidth, measured with the given context font. */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      if (out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(...wrapLine(paragraph, maxWidth, measure));
  }
  return out;
}

const FONT_PX = Math.round((12 / 72) * DPI); // 12 pt body text
const LINE_PX = Math.round(FONT_PX * 1.45);
const MARGIN_PX = Math.round((2 / 2.54) * DPI); // 2 cm

function setFont(ctx: SKRSContext2D): void {
  ctx.font = `${FONT_PX}px "DejaVu Serif"`;
}

/** Splits wrapped lines into pages that fit the A4 text area. */
export function paginate(lines: string[]): string[][] {
  const perPage = Math.floor((A4_PX.height - 2 * MARGIN_PX) / LINE_PX);
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) {
    const page = lines.slice(i, i + perPage);
    while (page[0] === '') page.shift();
    pages.push(page);
  }
  return pages;
}

/**
 * Draws one page of lines like a 300 dpi office scan: slight skew, speckle noise, then
 * binarised. Returns 8-bit grayscale raw pixels (0 black … 255 white).
 */
async function renderScanPage(lines: string[], seed: number): Promise<{ gray: Buffer; width: number; height: number }> {
  const { width, height } = A4_PX;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const rand = prng(seed);
  ctx.translate(width / 2, height / 2);
  ctx.rotate(((rand() - 0.5) * 0.6 * Math.PI) / 180); // up to ±0.3° skew
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#111';
  setFont(ctx);
  lines.forEach((line, i) => ctx.fillText(line, MARGIN_PX, MARGIN_PX + FONT_PX + i * LINE_PX));
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  for (let i = 0; i < 400; i++) {
    ctx.fillRect(Math.floor(rand() * width), Math.floor(rand() * height), 2 + Math.floor(rand() * 3), 2 + Math.floor(rand() * 3));
  }
  const png = await canvas.encode('png');
  const gray = await sharp(png).grayscale().threshold(150).raw().toBuffer();
  return { gray, width, height };
}

/** Packs 8-bit gray to 1 bit per pixel, rows padded to bytes (PDF DeviceGray, 1 = white). */
function packBits(gray: Buffer, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] >= 128) out[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** Adds a page holding only one full-page 1-bit image, as a scanner would produce. */
function addImagePage(pdf: PDFDocument, bits: Uint8Array, width: number, height: number): void {
  const stream = pdf.context.flateStream(bits, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
  });
  const ref = pdf.context.register(stream);
  const page = pdf.addPage([A4_PT.width, A4_PT.height]);
  const name = page.node.newXObject('Scan', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(A4_PT.width, 0, 0, A4_PT.height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}

export async function makeScannedPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const [i, lines] of pages.entries()) {
    const { gray, width, height } = await renderScanPage(lines, 1000 + i);
    addImagePage(pdf, packBits(gray, width, height), width, height);
  }
  return pdf.save();
}

export async function makeScannedPng(lines: string[], seed: number): Promise<Buffer> {
  const { gray, width, height } = await renderScanPage(lines, seed);
  // A palette PNG of two colours keeps the page at a few tens of kB.
  return sharp(gray, { raw: { width, height, channels: 1 } }).png({ palette: true, colours: 2, compressionLevel: 9 }).toBuffer();
}

/** A born-digital PDF with a real Unicode text layer (one text line per drawn line). */
export async function makeTextPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(FONT_PATH), { subset: true });
  const size = 12;
  const lineHeight = size * 1.45;
  const margin = (2 / 2.54) * 72;
  for (const lines of pages) {
    const page = pdf.addPage([A4_PT.width, A4_PT.height]);
    lines.forEach((line, i) => {
      if (line) page.drawText(line, { x: margin, y: A4_PT.height - margin - size - i * lineHeight, size, font });
    });
  }
  return pdf.save();
}

async function main(): Promise<void> {
  GlobalFonts.registerFromPath(FONT_PATH, 'DejaVu Serif');
  GlobalFonts.registerFromPath(FONT_BOLD_PATH, 'DejaVu Serif');
  const measureCanvas = createCanvas(10, 10).getContext('2d');
  setFont(measureCanvas);
  const measure = (s: string) => measureCanvas.measureText(s).width;
  const textWidth = A4_PX.width - 2 * MARGIN_PX;

  const seed001 = stripMarkdown(readFileSync(join(ROOT, 'fixtures/001_b5b6068bbf0ccc88.txt'), 'utf8'));
  const pages001 = paginate(wrapLines(seed001, textWidth, measure));

  mkdirSync(join(ROOT, 'test/data'), { recursive: true });
  const scan = await makeScannedPdf(pages001);
  writeFileSync(join(ROOT, 'fixtures/001_scan.pdf'), scan);
  writeFileSync(join(ROOT, 'test/data/001_scan.lines.txt'), pages001.map((p) => p.join('\n')).join('\n\f\n') + '\n');

  // The PNG fixture is the second page of seed 001 laid out again with another skew/noise
  // seed: the other seeds are garbled OCR text, not something a scanner would have seen.
  const png = await makeScannedPng(pages001[1] ?? pages001[0], 77);
  writeFileSync(join(ROOT, 'fixtures/001_page2.png'), png);

  const textPdf = await makeTextPdf(paginate(wrapLines(seed001, textWidth, measure)));
  writeFileSync(join(ROOT, 'fixtures/001_text.pdf'), textPdf);

  console.log(
    JSON.stringify(
      {
        'fixtures/001_scan.pdf': { pages: pages001.length, bytes: scan.length },
        'fixtures/001_page2.png': { bytes: png.length },
        'fixtures/001_text.pdf': { bytes: textPdf.length },
      },
      null,
      2,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
