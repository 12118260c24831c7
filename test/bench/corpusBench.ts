/**
 * `npm run bench -- --corpus DIR [--runs N]`: the CLI on a directory of real migrations (test/bench/corpus.sh
 * builds the README's), against the native squawk binary and its npm wrapper on the same .sql files, and
 * `cat` of them (the I/O floor). Runs alternate between the tools so background load hits all of them;
 * figures are medians of wall time and of CPU time (user + system, GNU time). Then one in-process run counts
 * the file-system calls and what reached libpg-query (corpusCounts.ts). Prints a report and a README table.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CorpusCounts } from './corpusCounts';
import { bundleForBench } from './latencyBundled';
import type { WarmRun } from './warmRuns';
import { timedRun, type ProcResult } from './proc';
import { findSquawk, runSquawk, squawkWrapper, type SquawkBinary } from './squawk';
import { median } from './stats';

interface Sample {
  wallMs: number;
  cpuMs?: number;
}

interface Line {
  name: string;
  samples: Sample[];
}

function files(root: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (ext.test(e.name)) out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

function checked(r: ProcResult, what: string): ProcResult {
  if (r.status !== 0) throw new Error(`${what} exited with ${r.status}:\n${r.stderr.slice(0, 2000)}`);
  return r;
}

function med(samples: Sample[], key: 'wallMs' | 'cpuMs'): number {
  const values = samples.map((s) => s[key]).filter((x): x is number => x !== undefined);
  return values.length > 0 ? median(values) : Number.NaN;
}

function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a';
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(1)}×`;
}

export async function corpusBench(root: string, dir: string, runs: number): Promise<number> {
  const corpus = path.resolve(dir);
  const cli = path.join(root, 'out/cli.js');
  const native = findSquawk(root);
  if (!native?.native) throw new Error('the native squawk binary was not found (.bench/tools/node_modules/@squawk-cli/<platform>-<arch>/bin/squawk)');
  const wrapper = squawkWrapper(root, native);
  const sql = files(corpus, /\.sql$/);
  const all = files(corpus, /\.(?:sql|py)$/);
  const ours = (...more: string[]): ProcResult => checked(timedRun(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never', ...more], corpus), 'the CLI');
  // A repeat run on unchanged files, answered from a result cache filled by the run before.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-bench-cache-'));
  const cached = (): ProcResult => {
    const r = ours('--cache', '--cache-location', path.join(cacheDir, 'results'));
    if (r.stderr !== '') throw new Error(`the run with --cache said: ${r.stderr.slice(0, 500)}`);
    return r;
  };
  const squawk = (bin: SquawkBinary): Sample => runSquawk(bin, corpus, sql);
  const cat = (): ProcResult => timedRun('sh', ['-c', 'cat "$@" > /dev/null', 'sh', ...all], corpus);

  // One untimed pass each fills the OS file cache and installs nothing further.
  const firstRun = ours();
  const first = JSON.parse(firstRun.stdout) as { files: number; findings: { rule: string }[]; errors: unknown[] };
  if (cached().stdout !== firstRun.stdout || cached().stdout !== firstRun.stdout) throw new Error('a run answered from --cache printed something else than a run without it');
  squawk(native);
  if (wrapper) squawk(wrapper);
  cat();
  const lines: Line[] = [
    { name: 'Migration Guard', samples: [] },
    { name: `squawk ${native.version}, native binary`, samples: [] },
    { name: `squawk ${native.version}, npm wrapper`, samples: [] },
    { name: '`cat` of the same files (I/O floor)', samples: [] },
    { name: 'Migration Guard, the same run again with a filled `--cache`', samples: [] },
  ];
  for (let i = 0; i < runs; i++) {
    lines[0].samples.push(ours());
    lines[1].samples.push(squawk(native));
    if (wrapper) lines[2].samples.push(squawk(wrapper));
    lines[3].samples.push(cat());
    lines[4].samples.push(cached());
  }
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const warm = await warmRuns(root, corpus, createHash('sha256').update(firstRun.stdout).digest('hex'));
  const warmWall = median(warm.slice(4).map((r) => r.wallMs));
  const warmCpu = median(warm.slice(4).map((r) => r.cpuMs));
  const countsRun = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/bench/corpusCounts.ts'), corpus], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (countsRun.status !== 0) throw new Error(`corpusCounts failed: ${countsRun.stderr.slice(0, 2000)}`);
  const counts = JSON.parse(countsRun.stdout) as CorpusCounts;

  const oursWall = med(lines[0].samples, 'wallMs');
  const oursCpu = med(lines[0].samples, 'cpuMs');
  const nativeWall = med(lines[1].samples, 'wallMs');
  const nativeCpu = med(lines[1].samples, 'cpuMs');
  const wrapperWall = med(lines[2].samples, 'wallMs');
  const floor = med(lines[3].samples, 'wallMs');
  const parseErrors = first.findings.filter((f) => f.rule === 'parse-error').length;
  const load = os.loadavg()[0]?.toFixed(1);

  const rows = lines
    .filter((l) => l.samples.length > 0)
    .map((l) => `| ${l.name} | ${seconds(med(l.samples, 'wallMs'))} | ${seconds(med(l.samples, 'cpuMs'))} |`);
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
  const markdown = [
    `Corpus \`${path.basename(corpus)}\`: ${all.length} files (${sql.length} SQL), ${first.files} checked as migrations, ${first.findings.length} findings (${parseErrors} parse-error), ${first.errors.length} errors. Medians of ${runs} runs, load average ${load} at the end.`,
    '',
    '| Run | Wall | CPU (user + system) |',
    '| --- | ---: | ---: |',
    ...rows,
    '',
    `Migration Guard against native squawk: ${ratio(oursWall, nativeWall)} the wall time, ${ratio(oursCpu, nativeCpu)} the CPU; against the npm wrapper ${ratio(oursWall, wrapperWall)}; against \`cat\` ${ratio(oursWall, floor)}.`,
    `Repeat run with a filled \`--cache\`: ${ratio(med(lines[4].samples, 'wallMs'), nativeWall)} native squawk's wall time, ${ratio(med(lines[4].samples, 'cpuMs'), nativeCpu)} its CPU.`,
    `Warm, the same check run ${warm.length} times in one process (bundled as shipped; no helper process ships): the first run ${seconds(warm[0].wallMs)} wall / ${seconds(warm[0].cpuMs)} CPU, runs 5 to ${warm.length} a median ${seconds(warmWall)} wall / ${seconds(warmCpu)} CPU: ${ratio(warmWall, nativeWall)} native squawk's wall time, ${ratio(warmCpu, nativeCpu)} its CPU.`,
    `libpg-query parsed ${counts.libpgStatements} of the ${counts.statements} statements (${pct(counts.libpgStatements, counts.statements)}; ${pct(counts.libpgChars, counts.statementChars)} of the SQL characters) and ${counts.libpgPlpgsql} PL/pgSQL bodies; the rest took the JavaScript fast path or were read by their heads alone.`,
    `File-system calls: ${counts.fsTotal} (${counts.fsMissing} for a file that does not exist): ${Object.entries(counts.fsCalls)
      .filter(([, c]) => c.calls > 0)
      .map(([name, c]) => `${name} ${c.calls}`)
      .join(', ')}.`,
  ].join('\n');
  fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
  fs.writeFileSync(path.join(root, '.bench', `corpus-${path.basename(corpus)}.json`), `${JSON.stringify({ corpus, runs, lines, counts, warm }, null, 2)}\n`);
  console.log(markdown);
  return first.errors.length > 0 ? 1 : 0;
}

/** `check` seven times in one process (warmRuns.ts, bundled as the CLI ships); every run must print what the CLI printed. */
async function warmRuns(root: string, corpus: string, digest: string): Promise<WarmRun[]> {
  const bundle = await bundleForBench(root, path.join(root, '.bench'), 'test/bench/warmRuns.ts', 'warm');
  const r = spawnSync(process.execPath, [bundle, corpus, '7'], { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the warm runs failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const runs = JSON.parse(r.stdout) as WarmRun[];
  if (runs.some((run) => run.digest !== digest)) throw new Error('a warm run printed something else than the CLI');
  return runs;
}
