// Runs fuzz inputs through the core in a worker, so the parent can kill it if an input hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../../server/src/core/analyze';
import { loadCorpus, makeInput } from './mutate';

export interface Timing {
  index: number;
  ms: number;
  bytes: number;
  mutation: string;
}

interface Job {
  from: number;
  to: number;
  /** Inputs to time again (each the best of three), instead of the range. */
  retime?: number[];
}

const { corpusRoot, seed } = workerData as { corpusRoot: string; seed: number };
const corpus = loadCorpus(corpusRoot);
// Every fixture once before timing anything: the first inputs would otherwise carry the JIT's warm-up and
// the lazy loading of the parsers and grammars, and look hundreds of times slower than the median.
const ready = initAnalyzer().then(() => {
  const enc = new TextEncoder();
  for (const c of corpus) analyzeBytes(c.path, enc.encode(c.text));
});

parentPort?.on('message', async (job: Job) => {
  await ready;
  const crashes: { index: number; mutation: string; error: string }[] = [];
  const timings: Timing[] = [];
  for (const index of job.retime ?? []) {
    const input = makeInput(corpus, seed, index);
    parentPort?.postMessage({ started: index });
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      analyzeBytes(input.path, input.bytes);
      best = Math.min(best, performance.now() - t);
    }
    timings.push({ index, ms: best, bytes: input.bytes.length, mutation: input.mutation });
  }
  for (let index = job.from; index < job.to; index++) {
    const input = makeInput(corpus, seed, index);
    parentPort?.postMessage({ started: index });
    const t = performance.now();
    try {
      const report = analyzeBytes(input.path, input.bytes);
      if (!Array.isArray(report.findings)) throw new Error('no findings array');
    } catch (err) {
      crashes.push({ index, mutation: input.mutation, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
    timings.push({ index, ms: performance.now() - t, bytes: input.bytes.length, mutation: input.mutation });
  }
  parentPort?.postMessage({ done: job, crashes, timings });
});
