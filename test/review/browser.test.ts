/**
 * The review page end to end in a real browser (Debian's chromium through puppeteer-core):
 * list → document → first low-confidence token → correction → reload → kept → in the export.
 * Skipped, saying why, where no browser is installed (.ci/run installs it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../../tools/lib/chromium.js';
import { buildReviewWeb } from '../../tools/build/review-web.js';
import { exportArchive } from '../../src/export/export.js';
import { startReviewServer, type ReviewServer } from '../../src/review/server.js';
import { tempDir } from '../e2e/helpers.js';
import { makeReviewFolder, type ReviewFolder } from './helpers.js';

const missing = chromiumMissing();
if (missing) console.warn(`review browser tests skipped: ${missing}`);

describe.skipIf(missing !== null)(`review page in Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let folder: ReviewFolder;
  let server: ReviewServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    const webDir = await buildReviewWeb(join(tempDir('review-web'), 'web'));
    folder = await makeReviewFolder();
    server = await startReviewServer({ outDir: folder.outDir, port: 0, user: 'tester', webDir });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('opens the list, a document, the first low-confidence token; a typed correction is kept after reload and exported', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForSelector('table.docs tbody tr');
    expect(await page.$$eval('table.docs tbody tr', (rows) => rows.length)).toBe(3);
    expect(await page.$eval(`tr[data-doc="${folder.emptyId}"]`, (tr) => tr.textContent)).toContain('INPUT_EMPTY');

    await page.click(`tr[data-doc="${folder.planId}"]`);
    await page.waitForSelector('.tok.low');
    expect(await page.$('.tok.current')).toBeNull();
    await page.keyboard.press('n');
    const first = await page.$eval('.tok.current', (el) => ({ i: el.getAttribute('data-i'), text: el.textContent }));
    expect(first.i).toBe('0');
    await page.keyboard.press('n');
    expect(await page.$eval('.tok.current', (el) => el.getAttribute('data-i'))).toBe('1');
    await page.keyboard.press('p');
    expect(await page.$eval('.tok.current', (el) => el.getAttribute('data-i'))).toBe('0');

    await page.keyboard.press('Enter');
    await page.waitForSelector('.popover input');
    const value = `${first.text}ư`;
    await page.click('.popover input', { count: 3 });
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tok.fixed');
    expect(await page.$eval('.tok.fixed', (el) => el.textContent)).toBe(value);

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.tok.fixed');
    expect(await page.$eval('.tok.low[data-i="0"]', (el) => ({ fixed: el.classList.contains('fixed'), text: el.textContent }))).toEqual({ fixed: true, text: value });

    const dest = tempDir('review-browser-export');
    await exportArchive(folder.outDir, 'jsonl', dest);
    const rows = readFileSync(join(dest, 'corrections.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([expect.objectContaining({ docId: folder.planId, original: first.text, value, action: 'type', status: 'applied' })]);
  });

  it('picks an alternative with its number key and shows a field provenance in the text', async () => {
    await page.goto(`${server.url}#/doc/${folder.planId}`, { waitUntil: 'load' });
    await page.waitForSelector('.tok.low');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    const before = await page.$eval('.tok.current', (el) => el.textContent);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.popover');
    const alt = await page.$eval('.popover button[data-key="1"]', (b) => b.textContent);
    expect(alt).toBeTruthy();
    await page.keyboard.press('1');
    await page.waitForFunction("document.querySelectorAll('.tok.fixed').length === 2");
    expect(await page.$eval('.tok.low[data-i="1"]', (el) => el.textContent)).not.toBe(before);

    const doc = (await (await fetch(new URL(`/api/documents/${folder.planId}`, server.url))).json()) as { text: string; fields: { path: string; provenance: { start: number; end: number } | null }[] };
    const prov = doc.fields.find((f) => f.path === 'documentType')!.provenance!;
    await page.click('button.value[data-field="documentType"]');
    expect(await page.evaluate("[...CSS.highlights.get('prov')][0].toString()")).toBe(doc.text.slice(prov.start, prov.end));
  });

  it('gets 404 for a traversal URL', async () => {
    const res = await page.goto(`${server.url}%2e%2e/%2e%2e/%2e%2e/etc/passwd`);
    expect(res?.status()).toBe(404);
    const api = await page.goto(`${server.url}api/documents/${folder.planId}/pages/..%2f..%2f..%2fetc%2fpasswd`);
    expect(api?.status()).toBe(404);
  });
});
