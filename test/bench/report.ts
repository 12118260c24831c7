/** Renders bench results: a terminal report, and the markdown block for the README's Performance section. */
import type { AppliedBench } from './applied';
import type { Comparison, UpDown } from './compare';
import type { LatencyResult } from './latency';
import type { ManyOpsRow } from './manyOps';
import { DEFAULT_BUDGET_MS } from '../../server/src/core/preflight/run';
import type { RehearsalBench } from './rehearsal';
import type { ScaleResults } from './scale';
import { formatInt, formatMb, formatMs, markdownTable, textTable } from './stats';

export interface Machine {
  cpus: number;
  model: string;
  os: string;
  node: string;
  memoryGb: number;
}

export interface CliSeries {
  runsMs: number[];
  medianMs: number;
  files: number;
  filesPerSec: number;
  /** Highest peak RSS over the runs, KiB. */
  peakRssKb?: number;
  findings: number;
}

export interface Results {
  generatedAt: string;
  machine: Machine;
  memoryMethod: string;
  workspace: {
    root: string;
    generatorVersion: number;
    regenerated: boolean;
    alembicFiles: number;
    alembicLines: { min: number; median: number; max: number; total: number };
    sqlFiles: number;
    sqlLines: number;
    sqlByStyle: Record<string, number>;
    expectedFiles: number;
  };
  perFile: LatencyResult & { targetMs: number; met: boolean };
  startup: { runsMs: number[]; medianMs: number };
  /** files / (median wall time - median startup): the steady-state rate once parsers are loaded. */
  workspaceRun: CliSeries & { filesPerSecAfterStartup: number; expectedFiles: number; filesMatch: boolean; targetFilesPerSec: number; met: boolean; parseErrors: number; errors: number };
  /** `cat` of the same files: what reading them costs at the least. ratio = our whole-workspace time / this. */
  ioFloor: { files: number; runsMs: number[]; medianMs: number; ratio: number };
  /** The whole workspace again with `--cache` after one run filled it; ratio = this / the I/O floor. */
  warmCache: CliSeries & { ratio: number };
  /** The whole workspace against PGlite, with and without the migration tools' history tables (applied.ts). */
  applied: AppliedBench;
  sqlComparison: {
    files: number;
    ours: CliSeries & { filesPerSecAfterStartup: number };
    squawk: CliSeries & { version: string; binary: string; native: boolean; invocations: number };
    /** ours / squawk median wall time. */
    ratio: number;
    /** `cat` of the same SQL files; ratio = our SQL-only time / this. */
    ioFloor: { files: number; runsMs: number[]; medianMs: number; ratio: number };
    comparison: Comparison;
    scale: ScaleResults;
  };
  /** One file with many operations per framework: time per operation must stay flat. */
  manyOps: ManyOpsRow[];
  /** Preflight of 10 data-dependent operations against a 1,000,000-row table in PGlite (bench/preflight.ts). */
  preflight: { medianMs: number; operations: number; rows: number };
  rehearsal: RehearsalBench;
  problems: string[];
  benchMs: number;
}

const ud = (x: UpDown) => `${x.up} / ${x.down}`;
const appliedDelta = (a: AppliedBench) => `${a.withMs >= a.withoutMs ? '+' : '−'}${formatMs(Math.abs(a.withMs - a.withoutMs))}, ${(((a.withMs - a.withoutMs) / a.withoutMs) * 100).toFixed(1)}%`;
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function machineLine(m: Machine): string {
  return `${m.model}, ${m.cpus} CPUs, ${m.memoryGb.toFixed(1)} GB RAM, ${m.os}, Node ${m.node}`;
}

function workspaceLine(r: Results): string {
  const w = r.workspace;
  const styles = Object.entries(w.sqlByStyle).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${formatInt(w.alembicFiles)} Alembic (${w.alembicLines.min}–${w.alembicLines.max} lines, median ${w.alembicLines.median}) + ${formatInt(w.sqlFiles)} SQL (${styles})`;
}

function destructiveRows(c: Comparison, squawkVersion: string): string[][] {
  const rows = c.destructive.map((d) => [
    d.label,
    ud(d.truth),
    `${ud(d.ours)}  (${d.oursRules.join(', ')})`,
    d.squawkRules.length > 0 ? `${ud(d.squawk)}  (${d.squawkRules.join(', ')})` : '— (no rule)',
  ]);
  rows.push(['Total destructive statements', ud(c.total.truth), ud(c.total.ours), ud(c.total.squawk)]);
  return [['Statement', 'In the files (up / down)', 'Migration Guard (up / down)', `squawk ${squawkVersion} (up / down)`], ...rows];
}

export function renderText(r: Results): string {
  const p = r.perFile;
  const w = r.workspaceRun;
  const s = r.sqlComparison;
  const c = s.comparison;
  const out: string[] = [];
  out.push('Migration Guard benchmark', '=========================');
  out.push(`Machine:   ${machineLine(r.machine)}`);
  out.push(`Workspace: ${r.workspace.root} (generator v${r.workspace.generatorVersion}, ${r.workspace.regenerated ? 'generated now' : 'reused'})`);
  out.push(`           ${workspaceLine(r)}`);
  out.push(`Timings are medians over runs; memory is peak RSS via ${r.memoryMethod}.`, '');

  out.push(`I/O floor: cat of the same ${formatInt(r.ioFloor.files)} files takes ${formatMs(r.ioFloor.medianMs)}; the whole-workspace CLI run is ${r.ioFloor.ratio.toFixed(1)}× that ${mark(r.ioFloor.ratio <= 10)} target within 10×`, '');
  out.push(`1. Per-file analysis, in process (analyzeText, ${p.lines}-line Alembic file, ${p.findings} findings)`);
  out.push(textTable([
    ['   median', formatMs(p.medianMs), `${mark(p.met)} target ≤ ${p.targetMs} ms: ${met(p.met)}`],
    ['   p95', formatMs(p.p95Ms), ''],
    ['   min / max', `${formatMs(p.minMs)} / ${formatMs(p.maxMs)}`, `${p.iterations} timed runs after ${p.warmups} warm-ups`],
    ['   cold first call', formatMs(p.coldMs), `initAnalyzer() itself: ${formatMs(p.initMs)}`],
  ]), '');

  out.push(`2. Whole workspace, CLI (node out/cli.js check <workspace> --format json --fail-on never), ${w.runsMs.length} runs`);
  out.push(textTable([
    ['   wall time', formatMs(w.medianMs), `runs: ${w.runsMs.map(formatMs).join(', ')}`],
    ['   throughput', `${formatInt(w.filesPerSec)} files/s`, `${mark(w.met)} target ≥ ${formatInt(w.targetFilesPerSec)} files/s: ${met(w.met)}`],
    ['', `${formatInt(w.filesPerSecAfterStartup)} files/s`, 'after startup (wall time minus the startup below)'],
    ['   files checked', `${formatInt(w.files)}`, `${mark(w.filesMatch)} expected ${formatInt(w.expectedFiles)} (every generated migration, no decoys)`],
    ['   peak memory', formatMb(w.peakRssKb), ''],
    ['   findings', formatInt(w.findings), `parse-error findings: ${w.parseErrors}, CLI errors: ${w.errors}`],
    ['   CLI startup', formatMs(r.startup.medianMs), 'check on a single small SQL file'],
    ['   warm --cache', formatMs(r.warmCache.medianMs), `same output, every result reused: ${r.warmCache.ratio.toFixed(1)}× the I/O floor ${mark(r.warmCache.ratio <= 10)}`],
    ['   history tables', `${formatMs(r.applied.withMs)} vs ${formatMs(r.applied.withoutMs)}`, `against PGlite with / without them (${appliedDelta(r.applied)}); ${r.applied.note}`],
  ]), '');

  out.push(`3. SQL only (${formatInt(s.files)} files): Migration Guard vs squawk ${s.squawk.version}${s.squawk.native ? '' : ' (via the Node shim)'}, ${s.ours.runsMs.length} runs each, interleaved`);
  out.push(textTable([
    ['', 'wall time', 'files/s', 'peak memory', 'findings'],
    ['   Migration Guard', formatMs(s.ours.medianMs), formatInt(s.ours.filesPerSec), formatMb(s.ours.peakRssKb), formatInt(s.ours.findings)],
    [`   squawk`, formatMs(s.squawk.medianMs), formatInt(s.squawk.filesPerSec), formatMb(s.squawk.peakRssKb), formatInt(s.squawk.findings)],
  ]));
  out.push(`   ratio (ours / squawk wall time): ${s.ratio.toFixed(2)}× ${mark(s.ratio < 1)} target below 1×   (squawk invocations per run: ${s.squawk.invocations})`);
  out.push(`   I/O floor: cat of the same files ${formatMs(s.ioFloor.medianMs)}; ours is ${s.ioFloor.ratio.toFixed(1)}× that ${mark(s.ioFloor.ratio <= 10)} target within 10×`);
  out.push(`   Migration Guard after its ${formatMs(r.startup.medianMs)} startup: ${formatInt(s.ours.filesPerSecAfterStartup)} files/s`, '');
  const sc = s.scale;
  out.push(`   At scale: ${sc.copies} copies of the SQL files (${formatInt(sc.files)} files), ${sc.ours.runsMs.length} runs each, interleaved`);
  out.push(textTable([
    ['', 'wall time', 'files/s', 'marginal cost per file', 'findings'],
    ['   Migration Guard', formatMs(sc.ours.medianMs), formatInt(sc.ours.filesPerSec), `${sc.ours.marginalMsPerFile.toFixed(3)} ms`, formatInt(sc.ours.findings)],
    ['   squawk', formatMs(sc.squawk.medianMs), formatInt(sc.squawk.filesPerSec), `${sc.squawk.marginalMsPerFile.toFixed(3)} ms`, formatInt(sc.squawk.findings)],
  ]));
  out.push(`   ratio: ${sc.ratio.toFixed(2)}× the wall time ${mark(sc.ratio < 1)}, ${sc.marginalRatio.toFixed(2)}× the marginal cost per file`);
  if (sc.oneCpu) out.push(`   both pinned to one CPU (taskset -c 0): ${formatMs(sc.oneCpu.oursMedianMs)} vs ${formatMs(sc.oneCpu.squawkMedianMs)} = ${sc.oneCpu.ratio.toFixed(2)}× ${mark(sc.oneCpu.ratio < 1)}`);
  out.push('');

  out.push('   Destructive statements flagged (distinct statements; "in the files" is the generator\'s ground truth):');
  out.push(indent(textTable(destructiveRows(c, s.squawk.version)), '   '));
  out.push(`   (TRUNCATE ... CASCADE in the files: ${ud(c.truncateCascade)}. squawk has no up/down notion: we place its hits by the`);
  out.push('    goose/dbmate Down marker and .down.sql names. Migration Guard does not flag a down section that only drops what');
  out.push('    its own up section created; golang-migrate keeps up and down in separate files, so those downs are flagged.)', '');

  out.push('   Findings per rule on the same files (paired rows look for the same statement):');
  const perRule = c.perRule.map(([a, an, b, bn]) => [`   ${a || '—'}`, a ? formatInt(an) : '', b || '—', b ? formatInt(bn) : '']);
  out.push(textTable([['   Migration Guard rule', 'count', `squawk rule`, 'count'], ...perRule]), '');

  if (r.problems.length > 0) out.push('Problems:', ...r.problems.map((x) => `  - ${x}`), '');
  out.push(`Bench took ${formatMs(r.benchMs)}.`);
  return out.join('\n');
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((l) => prefix + l).join('\n');
}

export function renderMarkdown(r: Results): string {
  const p = r.perFile;
  const w = r.workspaceRun;
  const s = r.sqlComparison;
  const main = markdownTable(['Measurement', 'Result', 'Target'], [
    [`Analyse one ${p.lines}-line Alembic migration (in process, warm; median / p95)`, `${formatMs(p.medianMs)} / ${formatMs(p.p95Ms)}`, `≤ ${p.targetMs} ms ${mark(p.met)}`],
    [`CLI on the whole workspace (${formatInt(w.files)} migrations: ${formatInt(r.workspace.alembicFiles)} Alembic + ${formatInt(r.workspace.sqlFiles)} SQL)`, `${formatMs(w.medianMs)}, ${formatInt(w.filesPerSec)} files/s`, `≥ ${formatInt(w.targetFilesPerSec)} files/s ${mark(w.met)}`],
    ['Peak memory (RSS), whole workspace', formatMb(w.peakRssKb), '—'],
    ['CLI startup (one small file)', formatMs(r.startup.medianMs), '—'],
    [`Preflight: ${r.preflight.operations} data-dependent operations against a ${formatInt(r.preflight.rows)}-row table (PGlite; questions, queries, analysis again)`, formatMs(r.preflight.medianMs), `within the ${formatMs(DEFAULT_BUDGET_MS)} budget ${mark(r.preflight.medianMs <= DEFAULT_BUDGET_MS)}`],
    [`I/O floor: \`cat\` of the same ${formatInt(r.ioFloor.files)} files`, `${formatMs(r.ioFloor.medianMs)}; ours is ${r.ioFloor.ratio.toFixed(1)}× that`, `within 10× ${mark(r.ioFloor.ratio <= 10)}`],
    ['Whole workspace again with a warm `--cache` (same output)', `${formatMs(r.warmCache.medianMs)}: ${r.warmCache.ratio.toFixed(1)}× the I/O floor`, `within 10× ${mark(r.warmCache.ratio <= 10)}`],
    ['Whole workspace against PGlite, with the history tables vs without (reading and matching what has run)', `${formatMs(r.applied.withMs)} vs ${formatMs(r.applied.withoutMs)} (${appliedDelta(r.applied)})`, `within 5% ${mark(r.applied.withMs <= r.applied.withoutMs * 1.05)}`],
    [`SQL only (${formatInt(s.files)} files): Migration Guard vs squawk ${s.squawk.version}`, `${formatMs(s.ours.medianMs)} vs ${formatMs(s.squawk.medianMs)} (${s.ratio.toFixed(2)}× squawk's time); ${formatInt(s.ours.filesPerSec)} vs ${formatInt(s.squawk.filesPerSec)} files/s`, `faster than squawk ${mark(s.ratio < 1)}`],
    [`SQL only: I/O floor, \`cat\` of the same ${formatInt(s.ioFloor.files)} files`, `${formatMs(s.ioFloor.medianMs)}; ours is ${s.ioFloor.ratio.toFixed(1)}× that`, `within 10× ${mark(s.ioFloor.ratio <= 10)}`],
    [
      `SQL at scale: ${s.scale.copies} copies (${formatInt(s.scale.files)} files), Migration Guard vs squawk`,
      `${formatMs(s.scale.ours.medianMs)} vs ${formatMs(s.scale.squawk.medianMs)} (${s.scale.ratio.toFixed(2)}×); marginal cost per file ${s.scale.ours.marginalMsPerFile.toFixed(3)} vs ${s.scale.squawk.marginalMsPerFile.toFixed(3)} ms (${s.scale.marginalRatio.toFixed(2)}×)`,
      `faster than squawk ${mark(s.scale.ratio < 1)}`,
    ],
    ...(s.scale.oneCpu
      ? [[`SQL at scale, both pinned to one CPU (squawk otherwise uses every core)`, `${formatMs(s.scale.oneCpu.oursMedianMs)} vs ${formatMs(s.scale.oneCpu.squawkMedianMs)} (${s.scale.oneCpu.ratio.toFixed(2)}× squawk's time)`, `faster per core ${mark(s.scale.oneCpu.ratio < 1)}`]]
      : []),
  ]);
  const c = s.comparison;
  const destructive = markdownTable(
    ['Statement', 'In the files (up / down)', 'Migration Guard', `squawk ${s.squawk.version}`],
    [
      ...c.destructive.map((d) => [d.label, ud(d.truth), ud(d.ours), d.squawkRules.length > 0 ? ud(d.squawk) : 'no rule']),
      ['**Total**', ud(c.total.truth), ud(c.total.ours), ud(c.total.squawk)],
    ],
  );
  return [
    '### Performance',
    '',
    `Measured with \`npm run bench\` on ${machineLine(r.machine)}. The workspace is synthetic and deterministic`,
    `(${workspaceLine(r)}); CLI times are medians of ${w.runsMs.length} runs, including Node startup.`,
    '',
    main,
    '',
    `Destructive statements in the ${formatInt(s.files)} SQL files, as generated and as flagged (up / down sections). Migration Guard`,
    'does not flag a down section that only drops what its own up section created; squawk has no notion of sections.',
    '',
    destructive,
    '',
  ].join('\n');
}
