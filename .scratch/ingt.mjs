import { readFileSync } from 'node:fs';
import { decodeText } from '../dist/src/encoding/index.js';
import { looksGarbled } from '../dist/src/ingest/vietnamese.js';
import { looksNotVietnamese } from '../dist/src/ingest/language.js';
const b = new Uint8Array(readFileSync(process.argv[2]));
let t = Date.now(); const d = decodeText(b, {}); console.log('decode', Date.now() - t);
t = Date.now(); looksGarbled(d.text); console.log('garbled', Date.now() - t);
t = Date.now(); looksNotVietnamese(d.text); console.log('notvn', Date.now() - t);
