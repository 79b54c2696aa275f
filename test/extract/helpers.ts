import type { VDoc } from '../../src/document.js';
import { normalizeStage } from '../../src/stages/normalize.js';
import { segmentStage } from '../../src/stages/segment.js';
import { extractStage } from '../../src/stages/extract.js';
import { textDoc } from '../support/doc.js';

/** Runs a text the way the pipeline does: one text page → normalize → segment → extract. */
export function runText(text: string, normalize = true): VDoc {
  const ctx = { options: {} };
  let doc = textDoc(text);
  doc = normalize ? (normalizeStage.run(doc, ctx) as VDoc) : { ...doc, text };
  doc = segmentStage.run(doc, ctx) as VDoc;
  return extractStage.run(doc, ctx) as VDoc;
}
