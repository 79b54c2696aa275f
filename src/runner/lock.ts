/**
 * One run per output folder. proper-lockfile takes the lock atomically (mkdir) and refreshes
 * its mtime; a lock not refreshed for `stale` ms is considered abandoned. Because a run killed
 * with -9 would otherwise block the next nightly run for that long, an owner file records the
 * pid and host: a lock whose owner process is gone on this same host is taken over at once.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { outputWriteError, VnplanError } from '../errors.js';

const LOCK_DIR = '.vnplan.lock';
const OWNER_FILE = '.vnplan.lock-owner.json';
/** Refresh every 10 s; only a lock not refreshed for 2 minutes is stale (long sync stages may delay refreshes). */
const STALE_MS = 120_000;
const UPDATE_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(outDir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Locks the output folder; resolves to a release function. Throws OUTPUT_LOCKED if held. */
export async function lockOutput(outDir: string, onCompromised?: (err: Error) => void): Promise<() => Promise<void>> {
  const options = {
    lockfilePath: join(outDir, LOCK_DIR),
    stale: STALE_MS,
    update: UPDATE_MS,
    retries: 0,
    realpath: false,
    // Losing the lock mid-run (e.g. the event loop was blocked past `stale`) must not crash the run.
    onCompromised: onCompromised ?? (() => undefined),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outDir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw outputWriteError(err, join(outDir, LOCK_DIR), outDir);
    const owner = await readOwner(outDir);
    if (!owner || owner.host !== hostname() || alive(owner.pid)) {
      const by = owner ? ` by pid ${owner.pid} on ${owner.host} since ${owner.startedAt}` : '';
      throw new VnplanError('OUTPUT_LOCKED', `${outDir} is locked${by}`, { cause: err });
    }
    // The owner died without releasing (kill -9): take the lock over.
    await rm(join(outDir, LOCK_DIR), { recursive: true, force: true });
    release = await lockfile.lock(outDir, options).catch((e: unknown) => {
      throw new VnplanError('OUTPUT_LOCKED', `${outDir} is locked`, { cause: e });
    });
  }
  const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const unlock = async () => {
    await unlink(join(outDir, OWNER_FILE)).catch(() => undefined);
    await release().catch(() => undefined);
  };
  // A full or read-only output must not leave the lock behind.
  await writeFile(join(outDir, OWNER_FILE), JSON.stringify(owner)).catch(async (err: unknown) => {
    await unlock();
    throw outputWriteError(err, join(outDir, OWNER_FILE), outDir);
  });
  return unlock;
}
