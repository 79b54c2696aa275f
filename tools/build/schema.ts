/** Writes src/schema/document.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentJsonSchema } from '../../src/schema/document.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../src/schema/document.schema.json', import.meta.url));

export function schemaFileText(): string {
  return `${JSON.stringify(documentJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaFileText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
