/**
 * Segment stage: reads the document skeleton (header, title, body, closing, signature) and
 * the numbered outline of the body into doc.outline. Never throws on odd text: a text with
 * no recognisable numbering gets an empty outline and an info diagnostic.
 */
import { diag } from '../diagnostics.js';
import type { Stage, VDoc } from '../document.js';
import { buildSkeleton } from '../extract/index.js';
import { flattenOutline, segmentText } from '../segment/index.js';

const STAGE = 'segment';

export const segmentStage: Stage = {
  name: STAGE,
  run(doc: VDoc): VDoc {
    const started = performance.now();
    const skeleton = buildSkeleton(doc.text);
    const outline = segmentText(doc.text, skeleton);
    const diagnostics = [...doc.diagnostics];
    if (outline.length === 0 && doc.text.trim()) {
      diagnostics.push(diag(STAGE, 'info', 'segment.no-outline', 'No numbered sections (I., 1., 1.1., a)) were found in the body'));
    }
    for (const n of flattenOutline(outline)) {
      if (n.confidence < 1) {
        diagnostics.push(
          diag(STAGE, 'info', 'segment.marker-repaired', `Read the section marker at offset ${n.titleSpan.start} as ${n.path} from the numbering sequence`, { offset: n.span.start }, { path: n.path, confidence: n.confidence }),
        );
      }
    }
    return { ...doc, outline, diagnostics, timings: { ...doc.timings, [STAGE]: performance.now() - started } };
  },
};
