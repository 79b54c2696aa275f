/**
 * Debian's Chromium driven by puppeteer-core, for the review page's browser tests, bench and
 * screenshots. The flags keep it from calling out (this network is closed and background
 * requests would only time out) and a fresh profile folder keeps runs independent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The browser: VNPLAN_CHROMIUM, else Debian's package (`apt-get install chromium`). */
export const CHROMIUM = process.env.VNPLAN_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `no browser at ${CHROMIUM} (apt-get install chromium, or set VNPLAN_CHROMIUM)`;
}

export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'vnplan-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
