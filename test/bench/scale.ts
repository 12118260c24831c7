/**
 * The SQL comparison again on ten copies of the SQL corpus (8,000 files). At 800 files a run is mostly
 * start-up: Node's own (~60 ms) and V8 compiling our code as it first runs, against a native binary that
 * starts in 4 ms. Ten copies show what each tool costs per file once running: the marginal cost
 * (time at 8,000 files minus time at 800, over the 7,200 extra files) compares the analysers themselves.
 * squawk analyses files on every core and Migration Guard on one thread (plus V8's compiler and GC
 * threads), so the same runs pinned to one CPU (`taskset -c 0`, where available) compare work per core.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from './generate';
import { timedRun } from './proc';
import { runSquawk, type SquawkBinary } from './squawk';
import { median } from './stats';

export const COPIES = 10;
export const SCALE_RUNS = 3;

export interface ScaleSide {
  runsMs: number[];
  medianMs: number;
  filesPerSec: number;
  findings: number;
  /** (median here − median on the 800-file corpus) / the extra files. */
  marginalMsPerFile: number;
}

export interface ScaleResults {
  copies: number;
  files: number;
  ours: ScaleSide;
  squawk: ScaleSide & { invocations: number };
  /** ours / squawk median wall time. */
  ratio: number;
  /** ours / squawk marginal cost per file. */
  marginalRatio: number;
  /** The same files with both tools pinned to one CPU; absent without taskset. */
  oneCpu?: { oursMs: number[]; squawkMs: number[]; oursMedianMs: number; squawkMedianMs: number; ratio: number };
}

/** `.bench/scale/c1..c10`, each a copy of the workspace's SQL directories (rebuilt when the workspace was). */
function ensureCopies(ws: Workspace, dir: string): { dirs: string[]; files: string[] } {
  const stamp = path.join(dir, 'generator-version');
  const fresh = !ws.regenerated && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === String(ws.generatorVersion);
  if (!fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (let k = 1; k <= COPIES; k++) {
      for (const sqlDir of ws.sqlDirs) fs.cpSync(path.join(ws.root, sqlDir), path.join(dir, `c${k}`, sqlDir), { recursive: true });
    }
    fs.writeFileSync(stamp, String(ws.generatorVersion));
  }
  const dirs = Array.from({ length: COPIES }, (_, i) => `c${i + 1}`);
  const files = dirs.flatMap((d) => ws.sqlFiles.map((f) => path.join(d, f)));
  return { dirs, files };
}

/**
 * Ours and squawk alternate, as in the 800-file comparison. `base` holds each tool's median on the
 * 800-file corpus, for the marginal cost.
 */
export function measureScale(
  ws: Workspace,
  squawk: SquawkBinary,
  cli: string,
  dir: string,
  base: { oursMs: number; squawkMs: number },
): ScaleResults {
  const { dirs, files } = ensureCopies(ws, dir);
  const ours: number[] = [];
  const theirs: number[] = [];
  let oursFindings = 0;
  let squawkFindings = 0;
  let invocations = 0;
  for (let i = 0; i < SCALE_RUNS; i++) {
    const r = timedRun(process.execPath, [cli, 'check', ...dirs, '--format', 'json', '--fail-on', 'never'], dir);
    if (r.status !== 0) throw new Error(`the CLI exited with ${r.status} on ${files.length} files:\n${r.stderr.slice(0, 2000)}`);
    const json = JSON.parse(r.stdout) as { files: number; findings: Array<{ file: string }> };
    if (json.files !== files.length) throw new Error(`the CLI checked ${json.files} of the ${files.length} copied files`);
    // Every copy holds the same files, so it must get the same findings: a check that the run is complete.
    const perCopy = dirs.map((d) => json.findings.filter((f) => f.file.startsWith(`${d}/`)).length);
    if (new Set(perCopy).size !== 1) throw new Error(`the copies got different numbers of findings: ${perCopy.join(', ')}`);
    oursFindings = json.findings.length;
    ours.push(r.wallMs);
    const s = runSquawk(squawk, dir, files);
    theirs.push(s.wallMs);
    squawkFindings = s.violations.length;
    invocations = s.invocations;
  }
  const extra = files.length - ws.sqlFiles.length;
  const side = (runsMs: number[], baseMs: number, findings: number): ScaleSide => {
    const medianMs = median(runsMs);
    return { runsMs, medianMs, filesPerSec: files.length / (medianMs / 1000), findings, marginalMsPerFile: (medianMs - baseMs) / extra };
  };
  const o = side(ours, base.oursMs, oursFindings);
  const oneCpu = hasTaskset() ? measureOneCpu(cli, dir, dirs, files, squawk) : undefined;
  const s = side(theirs, base.squawkMs, squawkFindings);
  return {
    copies: COPIES,
    files: files.length,
    ours: o,
    squawk: { ...s, invocations },
    ratio: o.medianMs / s.medianMs,
    marginalRatio: o.marginalMsPerFile / s.marginalMsPerFile,
    oneCpu,
  };
}

function hasTaskset(): boolean {
  return process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

function measureOneCpu(cli: string, dir: string, dirs: string[], files: string[], squawk: SquawkBinary): ScaleResults['oneCpu'] {
  const pin = ['taskset', '-c', '0'];
  const oursMs: number[] = [];
  const squawkMs: number[] = [];
  for (let i = 0; i < SCALE_RUNS; i++) {
    const r = timedRun(pin[0], [...pin.slice(1), process.execPath, cli, 'check', ...dirs, '--format', 'json', '--fail-on', 'never'], dir);
    if (r.status !== 0) throw new Error(`the CLI exited with ${r.status} on one CPU:\n${r.stderr.slice(0, 2000)}`);
    oursMs.push(r.wallMs);
    squawkMs.push(runSquawk(squawk, dir, files, pin).wallMs);
  }
  const oursMedianMs = median(oursMs);
  const squawkMedianMs = median(squawkMs);
  return { oursMs, squawkMs, oursMedianMs, squawkMedianMs, ratio: oursMedianMs / squawkMedianMs };
}
