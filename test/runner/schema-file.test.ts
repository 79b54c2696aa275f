import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaFileText } from '../../tools/build/schema.js';

describe('committed JSON Schema', () => {
  it('equals what the zod schema emits (run `npm run schema` after changing src/schema/document.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaFileText());
  });
});
