// Runs fuzz inputs through the core in a worker, so the parent can kill it if an input hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../../server/src/core/analyze';
import { loadCorpus, makeInput } from './mutate';

interface Job {
  from: number;
  to: number;
}

const { corpusRoot, seed } = workerData as { corpusRoot: string; seed: number };
const corpus = loadCorpus(corpusRoot);
const ready = initAnalyzer();

parentPort?.on('message', async (job: Job) => {
  await ready;
  const crashes: { index: number; mutation: string; error: string }[] = [];
  let slowest = { index: -1, ms: 0 };
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
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { index, ms };
  }
  parentPort?.postMessage({ done: job, crashes, slowest });
});
