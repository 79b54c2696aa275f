/**
 * The Redis a distributed run lives in, named by a URL: redis://[user:password@]host:port[/db]
 * (rediss:// for TLS). BullMQ keeps every key under QUEUE_PREFIX, so a Redis shared with other
 * software is not disturbed, and several independent vnplan setups can share one Redis by
 * database number.
 */
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { VnplanError } from '../errors.js';

/** The BullMQ queue every `vnplan run --queue` enqueues into and every `vnplan worker` takes from. */
export const QUEUE_NAME = 'documents';
/** Key prefix of all of vnplan's BullMQ keys in Redis. */
export const QUEUE_PREFIX = 'vnplan';
const DEFAULT_PORT = 6379;

export function redisOptionsFromUrl(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VnplanError('USAGE', `--queue must be a URL like redis://HOST:PORT, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new VnplanError('USAGE', `--queue must start with redis:// or rediss://, got "${url}"`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new VnplanError('USAGE', `--queue database must be a number (redis://HOST:PORT/2), got "${db}"`);
  return {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : DEFAULT_PORT,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking commands must wait for Redis to come back rather than fail (its own advice for workers).
    maxRetriesPerRequest: null,
  };
}

/**
 * Checks that Redis answers before a run or worker starts, so a wrong URL is one clear
 * QUEUE_UNREACHABLE error instead of endless reconnection attempts.
 */
export async function checkRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Redis({ ...redisOptionsFromUrl(url), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new VnplanError('QUEUE_UNREACHABLE', `${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    client.disconnect();
  }
}
