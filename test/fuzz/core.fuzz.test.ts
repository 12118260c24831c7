// Fuzzes the analysis core with mutated fixtures: no input may throw or hang.
// Reproduce a failure with FUZZ_SEED=<seed> FUZZ_FROM=<index> FUZZ_INPUTS=1.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { Timing } from './coreWorker';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const FROM = Number(process.env.FUZZ_FROM ?? 0);
const COUNT = Number(process.env.FUZZ_INPUTS ?? 10_000);
const BATCH = 250;
// Generous per-batch bound: a batch holds at most one 50,000-line file; a hang is anything far beyond it.
const BATCH_TIMEOUT_MS = 60_000;
const CORPUS = path.join(__dirname, '..', 'fixtures', 'rules');
// A near-hang is an input far slower than the typical one for its size. A ratio to the median, not a time,
// so the bound holds on a slow machine. Time is taken per KB, counting inputs under 8 KB as 8 KB: the
// `repeat` mutation makes inputs of up to 4 MB that take seconds in linear time, while the typical input
// is a 1 KB fixture that takes a millisecond. An input over the bound is timed again (best of three), so
// a garbage collection or a busy machine is not taken for a near-hang. The every-2,000th 50,000-line
// inputs are size tests and are left to the batch timeout.
const SLOWEST_SHOWN = 5;
const MAX_MEDIAN_RATIO = 100;
const SIZE_FLOOR_BYTES = 8 * 1024;
const RETIME_TIMEOUT_MS = 10 * 60_000;

test(`core survives ${COUNT} fuzzed inputs (seed ${SEED})`, { timeout: 20 * 60_000 }, async () => {
  const crashes: { index: number; mutation: string; error: string }[] = [];
  const hangs: number[] = [];
  const timings: Timing[] = [];
  let cursor = FROM;
  // One lane per core, each with its own worker, pulling batches from a shared cursor.
  const lane = async () => {
    let worker = spawn();
    while (cursor < FROM + COUNT) {
      const job = { from: cursor, to: Math.min(FROM + COUNT, cursor + BATCH) };
      cursor = job.to;
      const outcome = await runBatch(worker, job);
      if (outcome.kind === 'hang') {
        hangs.push(outcome.index);
        await worker.terminate();
        worker = spawn();
        continue;
      }
      crashes.push(...outcome.crashes);
      timings.push(...outcome.timings);
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, os.availableParallelism())) }, lane));
  const median = medianOf(timings.map((t) => t.ms));
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_SHOWN);
  console.log(`fuzz: ${timings.length} of ${COUNT} inputs timed, seed ${SEED}, median ${median.toFixed(2)} ms; slowest:`);
  for (const t of slowest) console.log(`  #${t.index} ${t.mutation}, ${t.bytes.toLocaleString('en-US')} bytes: ${t.ms.toFixed(0)} ms (${(t.ms / median).toFixed(0)}× the median)`);
  assert.deepEqual(hangs, [], `inputs that did not finish within ${BATCH_TIMEOUT_MS} ms (seed ${SEED})`);
  assert.deepEqual(crashes, [], `inputs that crashed the core (seed ${SEED})`);
  const medianCost = medianOf(timings.map(cost));
  const over = (t: Timing) => t.mutation !== 'fiftyThousandLines' && cost(t) > MAX_MEDIAN_RATIO * medianCost;
  let nearHangs = timings.filter(over);
  if (nearHangs.length > 0) {
    const worker = spawn();
    const again = await runBatch(worker, { from: 0, to: 0, retime: nearHangs.map((t) => t.index) }, RETIME_TIMEOUT_MS);
    await worker.terminate();
    nearHangs = again.kind === 'done' ? again.timings.filter(over) : nearHangs;
  }
  const described = nearHangs.map((t) => `#${t.index} ${t.mutation} (${t.bytes} bytes): ${t.ms.toFixed(0)} ms, ${(cost(t) / medianCost).toFixed(0)}× the median per KB`);
  assert.deepEqual(described, [], `inputs over ${MAX_MEDIAN_RATIO}× the median time per KB (seed ${SEED})`);
});

/** Milliseconds per KB, inputs under SIZE_FLOOR_BYTES counted as that size. */
function cost(t: Timing): number {
  return t.ms / (Math.max(t.bytes, SIZE_FLOOR_BYTES) / 1024);
}

function medianOf(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function spawn(): Worker {
  // Workers ignore the parent's loader hooks for a .ts entry, so the worker registers tsx itself.
  const entry = JSON.stringify(path.join(__dirname, 'coreWorker.ts'));
  return new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true, workerData: { corpusRoot: CORPUS, seed: SEED } });
}

type Outcome =
  | { kind: 'done'; crashes: { index: number; mutation: string; error: string }[]; timings: Timing[] }
  | { kind: 'hang'; index: number };

function runBatch(worker: Worker, job: { from: number; to: number; retime?: number[] }, timeoutMs = BATCH_TIMEOUT_MS): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let current = job.from;
    const timer = setTimeout(() => {
      worker.removeAllListeners('message');
      resolve({ kind: 'hang', index: current });
    }, timeoutMs);
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.on('message', (msg: { started?: number; done?: unknown; crashes?: []; timings?: Timing[] }) => {
      if (msg.started !== undefined) current = msg.started;
      if (msg.done) {
        clearTimeout(timer);
        resolve({ kind: 'done', crashes: msg.crashes ?? [], timings: msg.timings ?? [] });
      }
    });
    worker.postMessage(job);
  });
}
