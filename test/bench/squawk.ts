/**
 * Runs squawk (the PostgreSQL migration linter) on the same SQL files as Migration Guard, for a speed
 * and coverage comparison. We call the platform binary directly: the node_modules/.bin shim is a Node
 * script that starts a second process, which would charge squawk for ~50 ms of Node startup it does
 * not have when installed natively.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { timedRun, type ProcResult } from './proc';

export interface SquawkViolation {
  file: string;
  /** 0-based, as squawk reports it. */
  line: number;
  rule_name: string;
  level: string;
}

export interface SquawkBinary {
  path: string;
  /** false when only the Node shim was found (its startup is then included in the timings). */
  native: boolean;
  version: string;
}

const SQUAWK_VERSION = '2.66.0';

/**
 * squawk is a comparison tool, not a dependency: its package lists optional binaries for other platforms
 * that this registry does not serve, which would break `npm ci` if it were in package.json. So the bench
 * installs it on first use into .bench/tools (npm install tolerates the missing optional packages).
 */
export function installSquawk(repoRoot: string): string {
  const prefix = path.join(repoRoot, '.bench', 'tools');
  if (!fs.existsSync(path.join(prefix, 'node_modules', 'squawk-cli'))) {
    fs.mkdirSync(prefix, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `squawk-cli@${SQUAWK_VERSION}`], { encoding: 'utf8', stdio: 'pipe' });
    if (r.status !== 0) throw new Error(`could not install squawk-cli@${SQUAWK_VERSION}: ${r.stderr.slice(0, 500)}`);
  }
  return prefix;
}

/** Prefers @squawk-cli/<platform>-<arch>/bin/squawk, then any platform package, then the .bin shim. */
export function findSquawk(repoRoot: string): SquawkBinary | undefined {
  const root = installSquawk(repoRoot);
  const exe = process.platform === 'win32' ? 'squawk.exe' : 'squawk';
  const scope = path.join(root, 'node_modules/@squawk-cli');
  const preferred = path.join(scope, `${process.platform}-${process.arch}`, 'bin', exe);
  const others = fs.existsSync(scope) ? fs.readdirSync(scope).map((d) => path.join(scope, d, 'bin', exe)) : [];
  const native = [preferred, ...others].find((p) => fs.existsSync(p));
  const shim = path.join(root, 'node_modules/.bin', exe);
  const chosen = native ?? (fs.existsSync(shim) ? shim : undefined);
  if (!chosen) return undefined;
  const v = spawnSync(chosen, ['--version'], { encoding: 'utf8' });
  return { path: chosen, native: native !== undefined, version: (v.stdout || v.stderr).trim().replace(/^squawk\s*/, '') };
}

/**
 * The npm wrapper (node_modules/.bin/squawk: a Node script that spawns the native binary), as `npx squawk`
 * or a package script runs it: native squawk plus one Node start-up.
 */
export function squawkWrapper(repoRoot: string, native: SquawkBinary): SquawkBinary | undefined {
  const shim = path.join(installSquawk(repoRoot), 'node_modules/.bin', process.platform === 'win32' ? 'squawk.cmd' : 'squawk');
  return fs.existsSync(shim) ? { path: shim, native: false, version: native.version } : undefined;
}

/** Windows caps a command line at 32K characters; Linux and macOS allow about 1-2 MB, so one invocation suffices there. */
const MAX_ARG_CHARS = process.platform === 'win32' ? 24_000 : 200_000;

function chunkArgs(files: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const f of files) {
    if (size + f.length + 1 > MAX_ARG_CHARS && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += f.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface SquawkRun {
  wallMs: number;
  cpuMs?: number;
  peakRssKb?: number;
  invocations: number;
  violations: SquawkViolation[];
}

function parseViolations(r: ProcResult): SquawkViolation[] {
  // Exit 1 just means "found violations"; anything else, or output that is not JSON, is a real failure.
  if (r.status !== 0 && r.status !== 1) throw new Error(`squawk exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  const parsed: unknown = JSON.parse(r.stdout || '[]');
  if (!Array.isArray(parsed)) throw new Error('squawk --reporter json did not print an array');
  return parsed as SquawkViolation[];
}

/**
 * One timed pass over the files (relative to cwd); several invocations only if the list is too long.
 * `wrapper` runs squawk under another command (`taskset -c 0`).
 */
export function runSquawk(bin: SquawkBinary, cwd: string, files: readonly string[], wrapper: readonly string[] = []): SquawkRun {
  const run: SquawkRun = { wallMs: 0, invocations: 0, violations: [] };
  for (const chunk of chunkArgs(files)) {
    const args = ['--reporter', 'json', ...chunk];
    const r = wrapper.length > 0 ? timedRun(wrapper[0], [...wrapper.slice(1), bin.path, ...args], cwd) : timedRun(bin.path, args, cwd);
    run.wallMs += r.wallMs;
    if (r.cpuMs !== undefined) run.cpuMs = (run.cpuMs ?? 0) + r.cpuMs;
    run.invocations++;
    if (r.peakRssKb !== undefined) run.peakRssKb = Math.max(run.peakRssKb ?? 0, r.peakRssKb);
    run.violations.push(...parseViolations(r));
  }
  return run;
}

/**
 * squawk has no notion of up/down sections, so we place each violation ourselves: golang-migrate
 * .down.sql files are all "down"; goose and dbmate files switch at their Down marker; Flyway is all "up".
 */
export function phaseLocator(cwd: string): (file: string, line0: number) => 'up' | 'down' {
  const downStart = new Map<string, number>();
  const startOf = (file: string): number => {
    const cached = downStart.get(file);
    if (cached !== undefined) return cached;
    let start = Number.POSITIVE_INFINITY;
    if (file.endsWith('.down.sql')) start = 0;
    else {
      const lines = fs.readFileSync(path.resolve(cwd, file), 'utf8').split('\n');
      const i = lines.findIndex((l) => /^--\s*(?:\+goose\s+Down|migrate:down)\b/.test(l));
      if (i >= 0) start = i;
    }
    downStart.set(file, start);
    return start;
  };
  return (file, line0) => (line0 >= startOf(file) ? 'down' : 'up');
}
