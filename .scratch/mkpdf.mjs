import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { writeFileSync } from 'node:fs';
const n = +process.argv[2]; const ink = process.argv[4] === 'ink'; const doc = await PDFDocument.create();
const font = await doc.embedFont(StandardFonts.Helvetica);
for (let i = 0; i < n; i++) { const p = doc.addPage([595, 842]); if (ink) { p.drawRectangle({ x: 100, y: 600, width: 300, height: 40, color: rgb(0, 0, 0) }); p.drawText(`Page ${i + 1} of the test`, { x: 100, y: 500, size: 14, font }); } }
writeFileSync(process.argv[3], await doc.save());
