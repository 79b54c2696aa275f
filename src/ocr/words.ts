/**
 * Turns Tesseract's block/paragraph/line/word tree into the page text plus word boxes whose
 * [start, end) offsets point into that text, so later stages can map any character back to
 * a page and a bounding box. Lines are joined with '\n', paragraphs separated by a blank line.
 * Both engines go through pageFromParagraphs: tesseract.js hands over its tree
 * (pageFromResult), the native engine its TSV rows (native-tsv.ts), so their pages agree.
 */
import type Tesseract from 'tesseract.js';
import type { OcrWord } from '../document.js';

export interface PageOcr {
  text: string;
  words: OcrWord[];
  /** Mean word confidence 0..100 (Tesseract's page confidence is the same measure). */
  confidence: number;
}

/** The part of Tesseract's layout tree the page text is built from. */
export interface TreeWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
export interface TreeParagraph {
  lines: { words: TreeWord[] }[];
}

export function pageFromParagraphs(paragraphs: Iterable<TreeParagraph>): PageOcr {
  const words: OcrWord[] = [];
  let text = '';
  let line = 0;
  let firstParagraph = true;
  for (const paragraph of paragraphs) {
    const lines = paragraph.lines.filter((l) => l.words.some((w) => w.text.trim() !== ''));
    if (lines.length === 0) continue;
    if (!firstParagraph) {
      text += '\n\n';
      line += 2;
    }
    firstParagraph = false;
    lines.forEach((l, i) => {
      if (i > 0) {
        text += '\n';
        line++;
      }
      let first = true;
      for (const w of l.words) {
        const wordText = w.text.trim().normalize('NFC');
        if (!wordText) continue;
        if (!first) text += ' ';
        first = false;
        const start = text.length;
        text += wordText;
        words.push({
          text: wordText,
          confidence: w.confidence,
          bbox: { x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1 },
          line,
          start,
          end: text.length,
        });
      }
    });
  }
  const confidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { text, words, confidence };
}

export function pageFromResult(page: Tesseract.Page): PageOcr {
  return pageFromParagraphs((page.blocks ?? []).flatMap((b) => b.paragraphs));
}
