import { describe, expect, it } from 'vitest';
import { ingest, errorCode, readRepo } from './helpers.js';
import { encodeLegacy } from '../../src/encoding/index.js';
import { seededBytes } from '../support/prng.js';

const LINE = 'Thực hiện Kế hoạch số 08/KH-UBND ngày 15/01/2024 của Ủy ban nhân dân huyện Long Thành';

describe('ingest of text inputs', () => {
  it('decodes UTF-8 with a BOM and records the encoding', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(LINE)]);
    const doc = await ingest(bytes);
    expect(doc.source.kind).toBe('text');
    expect(doc.source.mime).toBe('text/plain');
    expect(doc.source.encoding).toBe('utf8');
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]).toMatchObject({ number: 1, origin: 'text', text: LINE });
    expect(doc.diagnostics.find((d) => d.code === 'ingest.encoding')?.data).toMatchObject({ encoding: 'utf8' });
    expect(doc.bytes).toBeUndefined();
  });

  it('decodes UTF-16 LE and BE with BOMs', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(LINE, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(LINE, 'utf16le').swap16()]);
    const docLe = await ingest(le);
    const docBe = await ingest(be);
    expect(docLe.pages[0].text).toBe(LINE);
    expect(docLe.source.encoding).toBe('utf16le');
    expect(docBe.pages[0].text).toBe(LINE);
    expect(docBe.source.encoding).toBe('utf16be');
  });

  it('recognises UTF-16 without a BOM by its zero bytes', async () => {
    const le = new Uint8Array(Buffer.from(LINE, 'utf16le'));
    const be = new Uint8Array(Buffer.from(LINE, 'utf16le').swap16());
    expect((await ingest(le)).pages[0].text).toBe(LINE);
    expect((await ingest(le)).source.encoding).toBe('utf16le');
    expect((await ingest(be)).pages[0].text).toBe(LINE);
    expect((await ingest(be)).source.encoding).toBe('utf16be');
  });

  it('splits form-feed separated text into pages', async () => {
    const doc = await ingest(new TextEncoder().encode(`${LINE}\f${LINE} trang hai\f`));
    expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(doc.pages[1].text).toBe(`${LINE} trang hai`);
  });

  it('rejects empty and whitespace-only files with INPUT_EMPTY', async () => {
    expect(await errorCode(ingest(new Uint8Array()))).toBe('INPUT_EMPTY');
    expect(await errorCode(ingest(new TextEncoder().encode(' \n\t\r\n  ')))).toBe('INPUT_EMPTY');
    expect(await errorCode(ingest(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])))).toBe('INPUT_EMPTY');
  });

  it('rejects random binary with UNSUPPORTED_FORMAT', async () => {
    const random = seededBytes(4096, 4096);
    random[0] = 0x00; // no accidental magic number
    expect(await errorCode(ingest(random))).toBe('UNSUPPORTED_FORMAT');
  });

  it('flags the garbled seeds for restoration and leaves the clean one alone', async () => {
    const clean = await ingest(readRepo('fixtures/001_b5b6068bbf0ccc88.txt'));
    const garbled = await ingest(readRepo('fixtures/002_d898fe1205fab9b3.txt'));
    expect(clean.pages[0].needsRestoration).toBeUndefined();
    expect(garbled.pages[0].needsRestoration).toBe(true);
    expect(garbled.diagnostics.some((d) => d.code === 'ingest.garbled-text')).toBe(true);
  });

  it('keeps the decoder\'s decision in the diagnostics, detected or forced', async () => {
    const text = `${LINE}\nCộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n`;
    const bytes = encodeLegacy('vni', text);
    const detected = await ingest(bytes);
    expect(detected.source.encoding).toBe('vni');
    expect(detected.pages[0].text).toBe(text);
    const decision = detected.diagnostics.find((d) => d.code === 'encoding.detected');
    expect(decision?.data).toMatchObject({ encoding: 'vni' });
    expect(decision?.data?.confidence).toBeGreaterThan(0.6);
    const forced = await ingest(bytes, { encoding: 'VNI-Win' });
    expect(forced.pages[0].text).toBe(text);
    expect(forced.diagnostics.find((d) => d.code === 'encoding.forced')?.data).toMatchObject({ encoding: 'vni' });
    expect(forced.diagnostics.find((d) => d.code === 'ingest.encoding')?.data).toMatchObject({ forced: true });
  });
});
