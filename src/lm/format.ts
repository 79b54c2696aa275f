/**
 * Binary container for typed arrays: [u32 LE header length][JSON header][pad to 8][arrays].
 * Loading slices the file buffer without copying, so a model loads in milliseconds.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type TypedArray = Float32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;
const CTORS = { Float32Array, Float64Array, Uint8Array, Uint16Array, Uint32Array, Int32Array } as const;
type CtorName = keyof typeof CTORS;

interface ArrayEntry { name: string; type: CtorName; offset: number; length: number }
interface Header { meta: Record<string, unknown>; arrays: ArrayEntry[] }

const align8 = (n: number) => (n + 7) & ~7;

export function writeArrays(path: string, meta: Record<string, unknown>, arrays: Record<string, TypedArray>): number {
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(arrays)) {
    entries.push({ name, type: arr.constructor.name as CtorName, offset, length: arr.length });
    offset = align8(offset + arr.byteLength);
  }
  const headerBytes = Buffer.from(JSON.stringify({ meta, arrays: entries } satisfies Header), 'utf8');
  const dataStart = align8(4 + headerBytes.length);
  const out = Buffer.alloc(dataStart + offset);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  for (const e of entries) {
    const arr = arrays[e.name];
    Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(out, dataStart + e.offset);
  }
  writeFileSync(path, out);
  return out.length;
}

export interface ArrayFile { meta: Record<string, unknown>; arrays: Record<string, TypedArray> }

export function readArrays(path: string): ArrayFile {
  const file = readFileSync(path);
  // Copy into a fresh 8-aligned ArrayBuffer: Node's pooled Buffers may be misaligned for typed views.
  const buf = new ArrayBuffer(file.length);
  new Uint8Array(buf).set(file);
  const headerLen = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLen).toString('utf8')) as Header;
  const dataStart = align8(4 + headerLen);
  const arrays: Record<string, TypedArray> = {};
  for (const e of header.arrays) {
    arrays[e.name] = new CTORS[e.type](buf, dataStart + e.offset, e.length);
  }
  return { meta: header.meta, arrays };
}
