/**
 * Extract stage: fills doc.fields (DocumentFieldsSchema) from the final text and the outline
 * of the segment stage (recomputed when the stage runs alone). Provenance offsets point
 * into doc.text; the output step adds page and bounding box for OCR'd input.
 */
import { diag } from '../diagnostics.js';
import type { Stage, VDoc } from '../document.js';
import { buildSkeleton, extractFields } from '../extract/index.js';
import { segmentText } from '../segment/index.js';

const STAGE = 'extract';

export const extractStage: Stage = {
  name: STAGE,
  run(doc: VDoc): VDoc {
    const started = performance.now();
    const skeleton = buildSkeleton(doc.text);
    const outline = doc.outline ?? segmentText(doc.text, skeleton);
    const fields = extractFields(doc.text, outline, skeleton);
    const diagnostics = [...doc.diagnostics];
    const missing = (['documentType', 'issuingBody', 'title'] as const).filter((k) =>
      k === 'issuingBody' ? fields.issuingBody.name.value === null : fields[k].value === null,
    );
    if (missing.length) {
      diagnostics.push(diag(STAGE, 'warning', 'extract.missing-fields', `Could not find: ${missing.join(', ')}`, undefined, { fields: missing }));
    }
    return { ...doc, outline, fields, diagnostics, timings: { ...doc.timings, [STAGE]: performance.now() - started } };
  },
};
