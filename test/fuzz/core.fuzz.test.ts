// Fuzzes the analysis core with mutated fixtures: no input may throw or hang.
// Reproduce a failure with FUZZ_SEED=<seed> FUZZ_FROM=<index> FUZZ_INPUTS=1.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const FROM = Number(process.env.FUZZ_FROM ?? 0);
const COUNT = Number(process.env.FUZZ_INPUTS ?? 10_000);
const BATCH = 250;
// Generous per-batch bound: a batch holds at most one 50,000-line file; a hang is anything far beyond it.
const BATCH_TIMEOUT_MS = 60_000;
const CORPUS = path.join(__dirname, '..', 'fixtures', 'rules');

test(`core survives ${COUNT} fuzzed inputs (seed ${SEED})`, { timeout: 20 * 60_000 }, async () => {
  const crashes: { index: number; mutation: string; error: string }[] = [];
  const hangs: number[] = [];
  let slowest = { index: -1, ms: 0 };
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
      if (outcome.slowest.ms > slowest.ms) slowest = outcome.slowest;
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, os.availableParallelism())) }, lane));
  console.log(`fuzz: ${COUNT} inputs, seed ${SEED}, slowest input #${slowest.index} took ${slowest.ms.toFixed(0)} ms`);
  assert.deepEqual(hangs, [], `inputs that did not finish within ${BATCH_TIMEOUT_MS} ms (seed ${SEED})`);
  assert.deepEqual(crashes, [], `inputs that crashed the core (seed ${SEED})`);
});

function spawn(): Worker {
  // Workers ignore the parent's loader hooks for a .ts entry, so the worker registers tsx itself.
  const entry = JSON.stringify(path.join(__dirname, 'coreWorker.ts'));
  return new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true, workerData: { corpusRoot: CORPUS, seed: SEED } });
}

type Outcome =
  | { kind: 'done'; crashes: { index: number; mutation: string; error: string }[]; slowest: { index: number; ms: number } }
  | { kind: 'hang'; index: number };

function runBatch(worker: Worker, job: { from: number; to: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let current = job.from;
    const timer = setTimeout(() => {
      worker.removeAllListeners('message');
      resolve({ kind: 'hang', index: current });
    }, BATCH_TIMEOUT_MS);
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.on('message', (msg: { started?: number; done?: unknown; crashes?: []; slowest?: { index: number; ms: number } }) => {
      if (msg.started !== undefined) current = msg.started;
      if (msg.done) {
        clearTimeout(timer);
        resolve({ kind: 'done', crashes: msg.crashes ?? [], slowest: msg.slowest ?? { index: -1, ms: 0 } });
      }
    });
    worker.postMessage(job);
  });
}
