/**
 * Runs a command and measures it from the outside: wall time around the whole process (what a user
 * or CI waits for, startup included) and, when GNU time is available, peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcResult {
  wallMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Maximum resident set size in KiB, or undefined when /usr/bin/time is not usable here. */
  peakRssKb?: number;
  /** User + system CPU time of the process and its children, in ms (GNU time; undefined without it). */
  cpuMs?: number;
}

/** No single run may take longer than this: the whole bench has to stay within a few minutes. */
const RUN_TIMEOUT_MS = 120_000;
const TIME_BIN = '/usr/bin/time';
/** Peak RSS (KiB), user and system CPU seconds. */
const TIME_FORMAT = '%M %U %S';
const TIME_LINE = /^(\d+) (\d+\.\d+) (\d+\.\d+)$/;

let gnuTime: boolean | undefined;

/** Only GNU time has -f/-o; BusyBox and BSD builds differ, so probe once instead of guessing. */
export function hasGnuTime(): boolean {
  if (gnuTime !== undefined) return gnuTime;
  if (!fs.existsSync(TIME_BIN)) return (gnuTime = false);
  const out = path.join(os.tmpdir(), `mg-bench-probe-${process.pid}`);
  const r = spawnSync(TIME_BIN, ['-f', TIME_FORMAT, '-o', out, 'true']);
  gnuTime = r.status === 0 && fs.existsSync(out) && TIME_LINE.test(fs.readFileSync(out, 'utf8').trim());
  fs.rmSync(out, { force: true });
  return gnuTime;
}

/**
 * /usr/bin/time writes its number to a file (-o), so the measured program's stderr stays its own.
 * Its own cost (one fork/exec) is well under a millisecond, negligible against runs of 100 ms and more.
 */
export function timedRun(cmd: string, args: readonly string[], cwd: string): ProcResult {
  const memFile = path.join(os.tmpdir(), `mg-bench-rss-${process.pid}`);
  const wrapped = hasGnuTime();
  const [file, argv] = wrapped ? [TIME_BIN, ['-f', TIME_FORMAT, '-o', memFile, cmd, ...args]] : [cmd, [...args]];
  const start = performance.now();
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout: RUN_TIMEOUT_MS });
  const wallMs = performance.now() - start;
  if (r.error) throw new Error(`${cmd} failed to run: ${r.error.message}`);
  let peakRssKb: number | undefined;
  let cpuMs: number | undefined;
  if (wrapped && fs.existsSync(memFile)) {
    // GNU time prefixes "Command exited with non-zero status N" when the program fails: take the last line.
    const m = TIME_LINE.exec(fs.readFileSync(memFile, 'utf8').trim().split('\n').pop() ?? '');
    if (m) {
      peakRssKb = Number(m[1]);
      cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
    }
    fs.rmSync(memFile, { force: true });
  }
  return { wallMs, status: r.status, stdout: r.stdout, stderr: r.stderr, peakRssKb, cpuMs };
}
