import { readFileSync } from 'node:fs';
import { ingestPdf } from '../dist/src/ingest/pdf.js';
const hwm = () => Math.round(+/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1] / 1024);
const r = await ingestPdf(new Uint8Array(readFileSync(process.argv[2])), { onPage: (d) => d % 10 === 0 && console.log(d, hwm()) });
console.log(r.pages.length, r.pages[0].image.length, hwm());
