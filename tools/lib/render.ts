/**
 * Renders Vietnamese lines as scan-like page images for OCR: serif fonts at 12–14 pt and
 * 300 dpi, optional bold/caps pages, and on a share of pages mild scan degradation
 * (rotation, blur, noise, JPEG) so that OCR confusions resemble those of archive scans.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';
import { fnv1a } from './corpus-sample.js';

export interface FontSpec {
  family: string;
  regular: string;
  bold?: string;
}

/** Candidate serif fonts; Liberation Serif has Times New Roman metrics (the archive scans are Times). */
const FONT_CANDIDATES: FontSpec[] = [
  {
    family: 'Liberation Serif',
    regular: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
  },
  {
    family: 'DejaVu Serif',
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  },
];

/** Register the serif fonts present on this machine; returns the families usable for rendering. */
export function registerSerifFonts(): FontSpec[] {
  const found: FontSpec[] = [];
  for (const f of FONT_CANDIDATES) {
    if (!existsSync(f.regular)) continue;
    GlobalFonts.registerFromPath(f.regular, f.family);
    if (f.bold && existsSync(f.bold)) GlobalFonts.registerFromPath(f.bold, f.family);
    else f.bold = undefined;
    found.push(f);
  }
  return found;
}

/**
 * Tinos (Times New Roman metrics, the face of the archive scans; SIL OFL) from the npm package
 * @expo-google-fonts/tinos, a dev dependency: a face the channel tables were not built with,
 * for measuring how restoration carries over (`npm run bench:garble -- --font tinos`).
 * Undefined when the package is not installed.
 */
export function registerTinos(): FontSpec | undefined {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
  } catch {
    return undefined;
  }
  const font: FontSpec = { family: 'Tinos', regular: join(dir, '400Regular', 'Tinos_400Regular.ttf'), bold: join(dir, '700Bold', 'Tinos_700Bold.ttf') };
  if (!existsSync(font.regular)) return undefined;
  GlobalFonts.registerFromPath(font.regular, font.family);
  if (font.bold && existsSync(font.bold)) GlobalFonts.registerFromPath(font.bold, font.family);
  return font;
}

export interface PageStyle {
  family: string;
  pointSize: number;
  bold: boolean;
  upperCase: boolean;
  /** Degradation; all zero for a clean page. */
  rotateDeg: number;
  blurSigma: number;
  noiseAmplitude: number;
  jpegQuality: number | null;
  /** < 1: page resampled down and back up, like a 150–200 dpi scan; 1 = full resolution. */
  resampleScale: number;
}

/** Pick a page style deterministically from the page index; about half the pages are degraded. */
export function pageStyle(pageIndex: number, fonts: FontSpec[], salt: string): PageStyle {
  const h = (k: string) => fnv1a(`${salt}:${pageIndex}:${k}`) / 0x100000000;
  // Times-metric font on 3 of 4 pages when available: it is what the archive scans use.
  const family = fonts.length > 1 && h('font') >= 0.75 ? fonts[1].family : fonts[0].family;
  const degraded = h('degrade') < 0.5;
  return {
    family,
    pointSize: 12 + Math.floor(h('size') * 3),
    bold: h('bold') < 0.15,
    upperCase: h('caps') < 0.1,
    rotateDeg: degraded ? (h('rot') - 0.5) * 1.2 : 0,
    blurSigma: degraded ? 0.5 + h('blur') * 0.8 : 0,
    noiseAmplitude: degraded ? Math.round(10 + h('noise') * 30) : 0,
    jpegQuality: degraded && h('jpeg') < 0.5 ? 55 + Math.floor(h('q') * 30) : null,
    resampleScale: degraded && h('lowres') < 0.4 ? 0.5 + h('scale') * 0.2 : 1,
  };
}

const DPI = 300;
const PAGE_WIDTH = Math.round(8.27 * DPI);
const MARGIN = Math.round(0.9 * DPI);

/** Greedy word wrap with the canvas's own text metrics, so each display line fits the page. */
export function wrapLine(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (cur && measure(next) > maxWidth) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

export interface RenderedPage {
  png: Buffer;
  /** The display lines exactly as drawn, top to bottom: the ground truth for alignment. */
  lines: string[];
  style: PageStyle;
}

/**
 * Render source lines onto one page. Long source lines wrap; at most `maxDisplayLines`
 * display lines are drawn (lines that do not fit are left for the caller's next page).
 * Returns the page and how many source lines it consumed.
 */
export async function renderPage(
  sourceLines: string[],
  style: PageStyle,
  maxDisplayLines: number,
): Promise<RenderedPage & { consumed: number }> {
  const px = (style.pointSize * DPI) / 72;
  const lineHeight = Math.round(px * 1.45);
  const measureCanvas = createCanvas(10, 10);
  const mctx = measureCanvas.getContext('2d');
  const font = `${style.bold ? 'bold ' : ''}${px}px "${style.family}"`;
  mctx.font = font;
  const measure = (s: string) => mctx.measureText(s).width;
  const display: string[] = [];
  let consumed = 0;
  for (const src of sourceLines) {
    const text = style.upperCase ? src.toUpperCase() : src;
    // Keep at most 3 wrapped lines of one source line so pages mix sources.
    const wrapped = wrapLine(text, PAGE_WIDTH - 2 * MARGIN, measure).slice(0, 3);
    if (display.length + wrapped.length > maxDisplayLines) break;
    display.push(...wrapped);
    consumed++;
  }
  const height = MARGIN * 2 + lineHeight * display.length;
  const canvas = createCanvas(PAGE_WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PAGE_WIDTH, height);
  ctx.fillStyle = '#111111';
  ctx.font = font;
  ctx.textBaseline = 'alphabetic';
  display.forEach((line, i) => ctx.fillText(line, MARGIN, MARGIN + lineHeight * (i + 0.8)));
  const png = await degrade(canvas.toBuffer('image/png'), style);
  return { png, lines: display, style, consumed };
}

/** Scan-like degradation with sharp: additive noise, slight rotation, blur, JPEG artefacts. */
async function degrade(png: Buffer, style: PageStyle): Promise<Buffer> {
  if (style.rotateDeg === 0 && style.blurSigma === 0 && style.noiseAmplitude === 0 && style.resampleScale === 1) return png;
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let seed = fnv1a(`${style.family}${style.pointSize}${style.noiseAmplitude}`) || 1;
  for (let i = 0; i < data.length; i++) {
    // xorshift32: cheap deterministic noise.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const r = ((seed >>> 0) / 0x100000000 - 0.5) * 2 * style.noiseAmplitude;
    data[i] = Math.max(0, Math.min(255, data[i] + r));
  }
  let img = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .rotate(style.rotateDeg, { background: { r: 255, g: 255, b: 255 } })
    .blur(style.blurSigma > 0.3 ? style.blurSigma : undefined);
  if (style.resampleScale < 1) {
    const meta = await img.png().toBuffer({ resolveWithObject: true });
    const small = await sharp(meta.data)
      .resize(Math.round(meta.info.width * style.resampleScale))
      .png()
      .toBuffer();
    img = sharp(small).resize(meta.info.width);
  }
  if (style.jpegQuality !== null) {
    const jpg = await img.jpeg({ quality: style.jpegQuality }).toBuffer();
    img = sharp(jpg);
  }
  return img.png().toBuffer();
}
