/** `vnplan review <outDir>`: the review web page over a run's output folder (src/review). */
import { Command, InvalidArgumentError } from 'commander';
import { EXIT } from '../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT, startReviewServer } from '../review/server.js';
import { ensureOutDir } from './query.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535');
  return n;
}

export function registerReviewCommand(program: Command): void {
  program
    .command('review')
    .description('serve a web page to check and correct the documents in <outDir> (corrections go to <outDir>/corrections)')
    .argument('<outDir>', 'output folder of `vnplan run`')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', port, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on; anything but loopback requires --token', DEFAULT_HOST)
    .option('--token <token>', 'secret every request must carry (≥ 16 characters; or set VNPLAN_REVIEW_TOKEN)')
    .option('--user <name>', 'reviewer name recorded with corrections (default: the OS user; the page can set its own)')
    .addHelpText(
      'after',
      `
Open the printed address in a browser. Keys in a document: n / p next / previous
low-confidence token, Enter shows its alternatives, 1–3 pick one, a accepts, Esc closes.
Corrections are kept in <outDir>/corrections/<docId>.json, applied by \`vnplan export\` and
\`vnplan query\`, and survive \`vnplan run --force\`. Stop the server with Ctrl-C.

Examples:
  vnplan review out
  VNPLAN_REVIEW_TOKEN=$(openssl rand -hex 16) vnplan review out --host 0.0.0.0 --port 8080`,
    )
    .action(async (outDir: string, opts: { port: number; host: string; token?: string; user?: string }) => {
      await ensureOutDir(outDir);
      const token = opts.token ?? process.env.VNPLAN_REVIEW_TOKEN;
      const server = await startReviewServer({ outDir, host: opts.host, port: opts.port, token, user: opts.user });
      process.stdout.write(`vnplan review: ${server.url}${token ? '?token=<your token>' : ''} (Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = () => void server.close().finally(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.exitCode = EXIT.OK;
    });
}
