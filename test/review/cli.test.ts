/** `vnplan review` from the command line: usage errors, and a server that answers and stops on SIGTERM. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReviewWeb } from '../../tools/build/review-web.js';
import { runCli, startCli } from '../support/cli.js';
import { tempDir } from '../e2e/helpers.js';

beforeAll(async () => {
  await buildReviewWeb();
});

describe('vnplan review (CLI)', () => {
  it('refuses a non-loopback host without a token, and a short token (exit 2)', async () => {
    const out = tempDir('review-cli');
    const noToken = await runCli(['review', out, '--host', '0.0.0.0', '--port', '0']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/USAGE: listening on 0\.0\.0\.0 \(not loopback\) requires --token/);
    const short = await runCli(['review', out, '--host', '0.0.0.0', '--port', '0', '--token', 'abc']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 16');
    expect((await runCli(['review', `${out}/missing`])).code).toBe(2);
  });

  it('serves on 127.0.0.1, prints its address and stops on SIGTERM', async () => {
    const out = tempDir('review-cli');
    const child = startCli(['review', out, '--port', '0']);
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
        if (m) resolve(m[0]);
      });
      child.on('close', () => reject(new Error(`exited early: ${stdout}`)));
    });
    const res = await fetch(new URL('/api/documents', url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ documents: [] });
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });
});
