/** The vnplan CLI for tests: spawned from source as users run it, or in this process (faster, mockable). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli.js';
import { ROOT } from './fixtures.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI from source (node --import tsx src/cli.ts …) with `input` on stdin. */
export function startCli(args: string[], input?: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input ?? '');
  return child;
}

/** Runs the CLI in a child process to its end. */
export function runCli(args: string[], input?: string): Promise<CliResult> {
  const child = startCli(args, input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI's `main` in this process, with stdout and stderr captured. */
export async function runCliInProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'vnplan', ...args]);
    return { code, stdout, stderr };
  } finally {
    so.mockRestore();
    se.mockRestore();
    process.exitCode = undefined;
  }
}
