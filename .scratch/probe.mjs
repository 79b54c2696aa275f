// node probe.mjs <label> <seconds> <stdinFile|-> -- cmd args…  : peak RSS (VmHWM) of the child, sampled every 0.5 s.
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
const [label, secs, stdinFile, sep, cmd, ...args] = process.argv.slice(2);
const t0 = Date.now();
const child = spawn(cmd, args, { stdio: [stdinFile === '-' ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
if (stdinFile !== '-') createReadStream(stdinFile).pipe(child.stdin).on('error', () => {});
let out = 0, err = '';
child.stdout.on('data', (d) => (out += d.length));
child.stderr.on('data', (d) => (err += d));
let hwm = 0;
const sample = () => { try { hwm = Math.max(hwm, +/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]); } catch {} };
const poll = setInterval(sample, 500);
const report = setInterval(() => console.log(`${label} t=${Math.round((Date.now() - t0) / 1000)}s out=${(out / 1e6).toFixed(1)}MB peakRSS=${Math.round(hwm / 1024)}MB`), 60000);
const kill = setTimeout(() => { console.log(`${label} time limit reached`); child.kill('SIGKILL'); }, +secs * 1000);
child.on('close', (code, sig) => { clearInterval(poll); clearInterval(report); clearTimeout(kill);
  console.log(`${label} END code=${code} sig=${sig} t=${Math.round((Date.now() - t0) / 1000)}s out=${(out / 1e6).toFixed(1)}MB peakRSS=${Math.round(hwm / 1024)}MB stderr=${err.slice(-300)}`); });
