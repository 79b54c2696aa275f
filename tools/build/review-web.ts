/**
 * Builds the review page (src/review/web) into dist/review-web: app.ts bundled by esbuild into
 * one ES module, index.html and app.css copied. Run by `npm run build` (and so by `npm install`
 * / `npm ci` through `prepare`); tests call buildReviewWeb() so they always serve the current
 * source. Nothing is fetched: the page uses no outside script, font or style.
 * Usage: npx tsx tools/build/review-web.ts [--out DIR]
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WEB_SOURCE = join(ROOT, 'src', 'review', 'web');

export async function buildReviewWeb(outDir = join(ROOT, 'dist', 'review-web')): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(WEB_SOURCE, 'app.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(WEB_SOURCE, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(WEB_SOURCE, 'style.css'), join(outDir, 'app.css'));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = await buildReviewWeb(i >= 0 ? resolve(process.argv[i + 1]!) : undefined);
  console.log(`review page built in ${out}`);
}
