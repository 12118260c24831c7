/**
 * Per-file latency, in process: what the language server pays on every keystroke-triggered re-check
 * of a typical 300-line Alembic revision. Warm (parsers loaded, JIT settled), because that is the
 * steady state in an editor; the first call is reported separately as "cold". The bench measures it on
 * code bundled the way the language server and the CLI are (latencyBundled.ts).
 */
import { performance } from 'node:perf_hooks';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { alembicMigration300 } from './generate';
import { max, median, min, percentile } from './stats';

export interface LatencyResult {
  lines: number;
  framework: string | undefined;
  findings: number;
  initMs: number;
  coldMs: number;
  warmups: number;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

const WARMUPS = 20;
const ITERATIONS = 300;
/** A realistic versions/ path, so framework detection takes the same route it does in a project. */
const FILE_PATH = 'alembic/versions/b7e1c2d3a4f5_bench_300_lines.py';

export async function measureLatency(): Promise<LatencyResult> {
  const text = alembicMigration300();
  const t0 = performance.now();
  await initAnalyzer();
  const initMs = performance.now() - t0;

  const t1 = performance.now();
  const first = analyzeText(FILE_PATH, text);
  const coldMs = performance.now() - t1;

  for (let i = 0; i < WARMUPS; i++) analyzeText(FILE_PATH, text);
  const samples: number[] = [];
  let sink = 0; // keeps the result observably used, so the call cannot be optimised away
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    sink += analyzeText(FILE_PATH, text).findings.length;
    samples.push(performance.now() - start);
  }
  if (sink !== first.findings.length * ITERATIONS) throw new Error('analyzeText is not deterministic on the same input');

  return {
    lines: text.split('\n').length - 1,
    framework: first.framework,
    findings: first.findings.length,
    initMs,
    coldMs,
    warmups: WARMUPS,
    iterations: ITERATIONS,
    medianMs: median(samples),
    p95Ms: percentile(samples, 95),
    minMs: min(samples),
    maxMs: max(samples),
  };
}
