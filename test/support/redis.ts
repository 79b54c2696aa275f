/**
 * A real redis-server for the queue tests: the one .ci/run started (VNPLAN_TEST_REDIS, emptied
 * first), or one started here on a free local port, without persistence, and stopped by the
 * test. Tests that need it skip, with this reason, only when redis-server is not installed
 * (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_MISSING = process.env.VNPLAN_TEST_REDIS || spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0
  ? null
  : 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * `db`: the Redis database this test file uses. Test files run in parallel and .ci/run starts
 * one Redis for all of them, so each file that runs workers takes its own database (its own
 * queue: workers of one file never take another file's jobs, and emptying it first leaves the
 * others alone).
 */
export async function startRedis(options: { db?: number } = {}): Promise<TestRedis> {
  const given = process.env.VNPLAN_TEST_REDIS;
  const withDb = (url: string) => {
    if (options.db === undefined) return url;
    const u = new URL(url);
    u.pathname = `/${options.db}`;
    return u.toString().replace(/\/$/, '');
  };
  if (given) {
    const url = withDb(given);
    const flushed = spawnSync('redis-cli', ['-u', url, 'flushdb'], { encoding: 'utf8' });
    if (flushed.status !== 0) throw new Error(`VNPLAN_TEST_REDIS=${given} does not answer: ${flushed.stderr}`);
    return { url, port: Number(new URL(given).port), stop: async () => undefined };
  }
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${log}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${log}`)));
    child.stdout?.on('data', () => {
      if (/Ready to accept connections/i.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: withDb(`redis://127.0.0.1:${port}`),
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
