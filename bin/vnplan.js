#!/usr/bin/env node
// Launcher of the compiled CLI in dist/ (built by `npm install` through the `prepare` script,
// or by `npm run build`). The TypeScript source runs with `npx tsx src/cli.ts` in a checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('vnplan: dist/ is not built; run `npm run build` first\n');
  process.exit(2);
}
await import(pathToFileURL(built).href);
