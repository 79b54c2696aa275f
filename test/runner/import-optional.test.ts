import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importOptional } from '../../pipelines/stages.js';

describe('importOptional (how pipelines load stages that may not be installed yet)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-import-'));
  it('returns undefined for a module file that does not exist', async () => {
    expect(await importOptional(pathToFileURL(join(dir, 'absent.mjs')).href)).toBeUndefined();
  });
  it('returns the exports of a module that exists', async () => {
    writeFileSync(join(dir, 'present.mjs'), 'export const answer = 42;');
    expect((await importOptional(pathToFileURL(join(dir, 'present.mjs')).href))?.answer).toBe(42);
  });
  it('surfaces a broken module instead of treating it as absent', async () => {
    writeFileSync(join(dir, 'broken.mjs'), 'export const = ;');
    await expect(importOptional(pathToFileURL(join(dir, 'broken.mjs')).href)).rejects.toThrow();
  });
  it('surfaces a module whose own dependency is missing', async () => {
    writeFileSync(join(dir, 'needs.mjs'), "export { x } from './nowhere.mjs';");
    await expect(importOptional(pathToFileURL(join(dir, 'needs.mjs')).href)).rejects.toThrow(/nowhere/);
  });
});
