/**
 * Segmentation: the numbered outline (I., 1., 1.1., a)) of a document's body, which the
 * layout (src/extract/layout.ts: header, title, body, closing, signature) bounds.
 */
import { buildSkeleton, type DocumentSkeleton } from '../extract/layout.js';
import type { OutlineNode } from '../schema/document.js';
import { buildOutline } from './outline.js';

export { buildOutline, flattenOutline, sectionAt } from './outline.js';

/** The outline of a text, bounded by its skeleton (body between title and closing). */
export function segmentText(text: string, skeleton: DocumentSkeleton = buildSkeleton(text)): OutlineNode[] {
  return buildOutline(text, skeleton.body);
}
