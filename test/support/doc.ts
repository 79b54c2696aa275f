/** Documents built in memory, the way ingest hands them to the later stages. */
import { createHash } from 'node:crypto';
import { emptyDoc, type Page, type VDoc } from '../../src/document.js';

/** A text document of one page; `text` is set as well, for stages that run after normalize. */
export function textDoc(text: string, page: Partial<Page> = {}): VDoc {
  const doc = emptyDoc({ path: '/virtual/t.txt', relPath: 't.txt', sha256: '0'.repeat(64), bytes: text.length, kind: 'text' });
  return { ...doc, text, pages: [{ number: 1, origin: 'text', text, ...page }] };
}

/** Input bytes before ingest, named `name`, with their real hash. */
export function bytesDoc(bytes: Uint8Array, name = 'input'): VDoc {
  return emptyDoc(
    { path: `/virtual/${name}`, relPath: name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
    bytes,
  );
}
