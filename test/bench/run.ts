/**
 * `npm run bench`: per-file latency in process, whole-workspace CLI throughput and memory, and a
 * head-to-head with squawk on the SQL files (and on ten copies of them). Prints a report, writes .bench/results.json and
 * .bench/performance.md (the README's Performance section). Exits 1 only when a result is wrong
 * (file count, CLI error), never because a speed target was missed: the numbers are the output.
 * `npm run bench -- --corpus DIR [--runs N]` measures a directory of real migrations instead (corpusBench.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureApplied } from './applied';
import { compare, type CliFinding } from './compare';
import { corpusBench } from './corpusBench';
import { ensureWorkspace, type Workspace } from './generate';
import { bundledLatency } from './latencyBundled';
import { hasGnuTime, timedRun } from './proc';
import { renderMarkdown, renderText, type CliSeries, type Machine, type Results } from './report';
import { measureManyOps, renderManyOps } from './manyOps';
import { PREFLIGHT_OPERATIONS, PREFLIGHT_ROWS, runPreflightBench } from './preflight';
import { measureRehearsal, renderRehearsal } from './rehearsal';
import { measureScale } from './scale';
import { findSquawk, phaseLocator, runSquawk, type SquawkBinary, type SquawkViolation } from './squawk';
import { median } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BENCH_DIR = path.join(ROOT, '.bench');
const WORKSPACE = path.join(BENCH_DIR, 'workspace');
const CLI = path.join(ROOT, 'out/cli.js');
const RUNS = 5;
const TARGET_MS = 3;
const TARGET_FILES_PER_SEC = 1000;

interface CliJson {
  version: number;
  files: number;
  findings: CliFinding[];
  errors: unknown[];
}

interface CliRun {
  wallMs: number;
  peakRssKb?: number;
  json: CliJson;
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown CPU',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    memoryGb: os.totalmem() / 1024 ** 3,
  };
}

/** One CLI run; --fail-on never makes any exit code but 0 an error worth stopping for. */
function runCli(paths: readonly string[], cwd: string, extra: readonly string[] = []): CliRun {
  const r = timedRun(process.execPath, [CLI, 'check', ...paths, '--format', 'json', '--fail-on', 'never', ...extra], cwd);
  if (r.status !== 0) throw new Error(`the CLI exited with ${r.status} (expected 0 with --fail-on never):\n${r.stderr.slice(0, 2000)}`);
  return { wallMs: r.wallMs, peakRssKb: r.peakRssKb, json: JSON.parse(r.stdout) as CliJson };
}

/** Keeps the series numbers for a set of runs; the last run's output stands for all (the CLI is deterministic). */
function series(runs: readonly { wallMs: number; peakRssKb?: number }[], files: number, findings: number): CliSeries {
  const runsMs = runs.map((r) => r.wallMs);
  const peaks = runs.map((r) => r.peakRssKb).filter((x): x is number => x !== undefined);
  const medianMs = median(runsMs);
  return { runsMs, medianMs, files, filesPerSec: files / (medianMs / 1000), peakRssKb: peaks.length > 0 ? Math.max(...peaks) : undefined, findings };
}

/** An untimed first run fills the OS file cache, so run 1 is not the only one reading from disk. */
function measureCli(paths: readonly string[], cwd: string, extra: readonly string[] = []): { series: CliSeries; last: CliJson } {
  runCli(paths, cwd, extra);
  const runs = Array.from({ length: RUNS }, () => runCli(paths, cwd, extra));
  const last = runs[runs.length - 1]!.json;
  return { series: series(runs, last.files, last.findings.length), last };
}

function measureStartup(ws: Workspace): Results['startup'] {
  const one = ws.sqlFiles[0]!;
  runCli([one], ws.root);
  const runsMs = Array.from({ length: RUNS }, () => runCli([one], ws.root).wallMs);
  return { runsMs, medianMs: median(runsMs) };
}

/** Every .py and .sql file under the workspace: what the CLI reads (decoys included). */
function workspaceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(?:py|sql)$/.test(e.name)) out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out;
}

function catFiles(files: readonly string[], cwd: string): number {
  return timedRun('sh', ['-c', 'cat "$@" > /dev/null', 'sh', ...files], cwd).wallMs;
}

/** The I/O floor: `cat` of the same files, in one process, as many runs as the CLI gets. */
function measureIoFloor(ws: Workspace): Omit<Results['ioFloor'], 'ratio'> {
  const files = workspaceFiles(ws.root);
  const runsMs = Array.from({ length: RUNS }, () => catFiles(files, ws.root));
  return { files: files.length, runsMs, medianMs: median(runsMs) };
}

/** Ours, squawk and `cat` alternate, so a burst of background load hits all three rather than one. */
function measureSql(ws: Workspace, squawk: SquawkBinary) {
  runCli(ws.sqlDirs, ws.root);
  runSquawk(squawk, ws.root, ws.sqlFiles);
  const ours: CliRun[] = [];
  const theirs: ReturnType<typeof runSquawk>[] = [];
  const catMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(runCli(ws.sqlDirs, ws.root));
    theirs.push(runSquawk(squawk, ws.root, ws.sqlFiles));
    catMs.push(catFiles(ws.sqlFiles, ws.root));
  }
  const oursLast = ours[ours.length - 1]!.json;
  const squawkLast = theirs[theirs.length - 1]!;
  return {
    ours: series(ours, oursLast.files, oursLast.findings.length),
    oursFindings: oursLast.findings,
    squawk: series(theirs, ws.sqlFiles.length, squawkLast.violations.length),
    squawkViolations: squawkLast.violations,
    invocations: squawkLast.invocations,
    ioFloor: { files: ws.sqlFiles.length, runsMs: catMs, medianMs: median(catMs) },
  };
}

/** Startup (loading ~2.4 MB of wasm parsers) is paid once per process; this separates it from per-file cost. */
function afterStartup(s: CliSeries, startupMs: number): number {
  const ms = s.medianMs - startupMs;
  return ms > 0 ? s.files / (ms / 1000) : Number.NaN;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, runs: { type: 'string' } } });
  if (values.corpus) return corpusBench(ROOT, values.corpus, Number(values.runs ?? 7));
  const started = performance.now();
  const problems: string[] = [];
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm run bench does)`);
  const squawk = findSquawk(ROOT);
  if (!squawk) throw new Error('squawk is not installed (devDependency squawk-cli)');

  log('workspace…');
  const ws = ensureWorkspace(WORKSPACE);
  log('per-file latency…');
  const latency = await bundledLatency(ROOT, BENCH_DIR);
  if (latency.framework !== 'alembic') problems.push(`the 300-line file was read as ${latency.framework ?? 'not a migration'}, not alembic`);
  log('CLI startup…');
  const startup = measureStartup(ws);
  log(`whole workspace, ${RUNS} runs…`);
  const whole = measureCli([ws.root], ROOT);
  log(`whole workspace with a warm --cache, ${RUNS} runs…`);
  const cacheFile = path.join(BENCH_DIR, 'cache.json');
  fs.rmSync(cacheFile, { force: true });
  const warm = measureCli([ws.root], ROOT, ['--cache-location', cacheFile]);
  if (JSON.stringify(warm.last) !== JSON.stringify(whole.last)) problems.push('the run with a warm cache printed something else than the uncached run');
  log(`whole workspace against PGlite with and without history tables, ${RUNS} runs each…`);
  const applied = measureApplied(ws, BENCH_DIR, RUNS, (extra) => {
    const r = timedRun(process.execPath, [CLI, 'check', ws.root, '--format', 'json', '--fail-on', 'never', ...extra], ROOT);
    if (r.status !== 0) throw new Error(`the CLI exited with ${r.status} against the embedded database:\n${r.stderr.slice(0, 2000)}`);
    return r;
  });
  log(`I/O floor (cat), ${RUNS} runs…`);
  const ioFloor = measureIoFloor(ws);
  log(`SQL only vs squawk, ${RUNS} runs each…`);
  const sql = measureSql(ws, squawk);
  log('SQL at scale (10 copies) vs squawk…');
  const scale = measureScale(ws, squawk, CLI, path.join(BENCH_DIR, 'scale'), {
    oursMs: sql.ours.medianMs,
    squawkMs: sql.squawk.medianMs,
  });

  log('one file with 1,000 / 10,000 / 100,000 operations, per framework…');
  const manyOps = await measureManyOps();
  log('rehearsal: one migration over a 200-table schema, cold and warm, and examples/…');
  const rehearsal = await measureRehearsal(ROOT, BENCH_DIR);

  // After the latency above, which ran without a database: preflight never runs without one.
  log(`preflight: ${PREFLIGHT_OPERATIONS} operations against a ${PREFLIGHT_ROWS.toLocaleString('en-US')}-row table in PGlite…`);
  const preflight = await runPreflightBench(false);

  const parseErrors = whole.last.findings.filter((f) => f.rule === 'parse-error').length;
  const filesMatch = whole.series.files === ws.expectedMigrationFiles;
  if (!filesMatch) problems.push(`the CLI checked ${whole.series.files} files; the workspace has ${ws.expectedMigrationFiles} migrations`);
  if (sql.ours.files !== ws.sqlFiles.length) problems.push(`SQL-only run checked ${sql.ours.files} files; expected ${ws.sqlFiles.length}`);
  if (whole.last.errors.length > 0) problems.push(`the CLI reported ${whole.last.errors.length} errors, e.g. ${JSON.stringify(whole.last.errors[0])}`);
  if (parseErrors > 0) problems.push(`${parseErrors} parse-error findings on generated files (they should all parse)`);
  if (!squawk.native) problems.push('squawk ran through its Node shim: its times include a Node startup');

  const results: Results = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    memoryMethod: hasGnuTime() ? '/usr/bin/time -f %M' : 'n/a (GNU time not found)',
    workspace: {
      root: path.relative(ROOT, ws.root),
      generatorVersion: ws.generatorVersion,
      regenerated: ws.regenerated,
      alembicFiles: ws.alembicFiles,
      alembicLines: ws.alembicLines,
      sqlFiles: ws.sqlFiles.length,
      sqlLines: ws.sqlLines,
      sqlByStyle: ws.sqlByStyle,
      expectedFiles: ws.expectedMigrationFiles,
    },
    perFile: { ...latency, targetMs: TARGET_MS, met: latency.medianMs <= TARGET_MS },
    startup,
    workspaceRun: {
      ...whole.series,
      filesPerSecAfterStartup: afterStartup(whole.series, startup.medianMs),
      expectedFiles: ws.expectedMigrationFiles,
      filesMatch,
      targetFilesPerSec: TARGET_FILES_PER_SEC,
      met: whole.series.filesPerSec >= TARGET_FILES_PER_SEC,
      parseErrors,
      errors: whole.last.errors.length,
    },
    ioFloor: { ...ioFloor, ratio: whole.series.medianMs / ioFloor.medianMs },
    warmCache: { ...warm.series, ratio: warm.series.medianMs / ioFloor.medianMs },
    applied,
    sqlComparison: {
      files: ws.sqlFiles.length,
      ours: { ...sql.ours, filesPerSecAfterStartup: afterStartup(sql.ours, startup.medianMs) },
      squawk: { ...sql.squawk, version: squawk.version, binary: path.relative(ROOT, squawk.path), native: squawk.native, invocations: sql.invocations },
      ratio: sql.ours.medianMs / sql.squawk.medianMs,
      ioFloor: { ...sql.ioFloor, ratio: sql.ours.medianMs / sql.ioFloor.medianMs },
      comparison: compare(ws.truth, sql.oursFindings, sql.squawkViolations as SquawkViolation[], phaseLocator(ws.root)),
      scale,
    },
    manyOps,
    preflight: { medianMs: preflight.medianMs, operations: PREFLIGHT_OPERATIONS, rows: PREFLIGHT_ROWS },
    rehearsal,
    problems,
    benchMs: 0,
  };
  results.benchMs = performance.now() - started;

  const markdown = renderMarkdown(results);
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(BENCH_DIR, 'performance.md'), markdown);
  console.log(renderText(results));
  console.log('\nREADME markdown (also in .bench/performance.md):\n');
  console.log(markdown);
  console.log(`Time per operation as one file grows (should stay flat):\n\n${renderManyOps(manyOps)}\n`);
  console.log(`Rehearsal:\n\n${renderRehearsal(rehearsal)}\n`);
  console.log('Machine-readable results: .bench/results.json');
  const wrong = !filesMatch || sql.ours.files !== ws.sqlFiles.length || whole.last.errors.length > 0 || parseErrors > 0;
  return wrong ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(2);
  },
);
