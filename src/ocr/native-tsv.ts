/**
 * Tesseract's TSV output (`tesseract … tsv`) back into the layout tree tesseract.js hands
 * over: one row per page/block/paragraph/line/word (level 1–5) with its box and, for words,
 * the confidence. Word rows are grouped by (block, paragraph, line) in reading order.
 */
import type { TreeParagraph, TreeWord } from './words.js';

const WORD_LEVEL = 5;
/** Columns: level page_num block_num par_num line_num word_num left top width height conf text */
const COLUMNS = 12;

export function paragraphsFromTsv(tsv: string): TreeParagraph[] {
  const paragraphs: TreeParagraph[] = [];
  let paragraphKey = '';
  let lineKey = '';
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < COLUMNS || Number(cells[0]) !== WORD_LEVEL) continue;
    const [, , block, par, line, , left, top, width, height, conf] = cells;
    const text = cells.slice(COLUMNS - 1).join('\t').replace(/\r$/, '');
    const word: TreeWord = {
      text,
      confidence: Number(conf),
      bbox: { x0: Number(left), y0: Number(top), x1: Number(left) + Number(width), y1: Number(top) + Number(height) },
    };
    const pk = `${block}.${par}`;
    if (pk !== paragraphKey || paragraphs.length === 0) {
      paragraphs.push({ lines: [] });
      paragraphKey = pk;
      lineKey = '';
    }
    const lines = paragraphs[paragraphs.length - 1]!.lines;
    if (line !== lineKey || lines.length === 0) {
      lines.push({ words: [] });
      lineKey = line!;
    }
    lines[lines.length - 1]!.words.push(word);
  }
  return paragraphs;
}
