// Reading a user's file takes time linear in its size and in its operations. Benchmark-style guards with
// generous bounds, run in a worker that is stopped when it overruns: the code these tests replaced took
// hours on a 1 MB line and minutes on a file of 16,000 drops.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { ManyOpsRow } from '../bench/manyOps';

interface Report {
  name: string;
  ms?: number;
  row?: ManyOpsRow;
}

/** Runs a job in linearTimeWorker.ts; rejects, naming the step, when it has not finished by `deadlineMs`. */
function inWorker(job: object, deadlineMs: number): Promise<Report[]> {
  const entry = JSON.stringify(path.join(__dirname, 'linearTimeWorker.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true });
  const reports: Report[] = [];
  let running = 'start-up';
  return new Promise<Report[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${running} still running after ${deadlineMs} ms`)), deadlineMs);
    worker.on('error', reject);
    worker.on('message', (msg: Report & { started?: string; done?: boolean }) => {
      if (msg.started) running = msg.started;
      else if (msg.done) {
        clearTimeout(timer);
        resolve(reports);
      } else reports.push(msg);
    });
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}

test('every reader of user text takes under 2 s on a 1 MB line of spaces or blank lines', { timeout: 180_000 }, async (t) => {
  const reports = await inWorker({ kind: 'readers' }, 150_000);
  for (const r of reports) t.diagnostic(`${r.name}: ${r.ms?.toFixed(0)} ms`);
  assert.ok(reports.length >= 12, `only ${reports.length} readers ran`);
  const slow = reports.filter((r) => (r.ms ?? 0) > 2000).map((r) => `${r.name}: ${r.ms?.toFixed(0)} ms`);
  assert.deepEqual(slow, []);
});

for (const framework of ['sql', 'sql-types', 'alembic', 'django'] as const) {
  test(`${framework}: time per operation stays flat from 2,000 to 20,000 operations in one file`, { timeout: 300_000 }, async (t) => {
    // 2,000 twice: the first run also pays for compiling the code.
    const rows = (await inWorker({ kind: 'ops', framework, counts: [2_000, 2_000, 20_000] }, 240_000)).map((r) => r.row as ManyOpsRow);
    const small = Math.min(rows[0].usPerOp, rows[1].usPerOp);
    const large = rows[2].usPerOp;
    for (const r of rows) t.diagnostic(`${r.operations} operations: ${r.ms.toFixed(0)} ms, ${r.usPerOp.toFixed(0)} µs per operation`);
    // Widening int to bigint is judged lossless and not reported; every drop is.
    if (framework !== 'sql-types') assert.ok(rows[2].findings >= 20_000, `only ${rows[2].findings} findings for 20,000 drops`);
    // Linear is about 1×; scanning every operation per operation made it 3× to 12× here.
    assert.ok(large < 2.5 * small, `${large.toFixed(0)} µs per operation at 20,000 against ${small.toFixed(0)} at 2,000`);
  });
}

test('sql history: time per migration stays flat from 300 to 3,000 migrations in one Prisma folder', { timeout: 300_000 }, async (t) => {
  // Each migration's history was folded anew (Prisma keeps each migration in a folder of its own) and every
  // table of it copied for one column's type: 3,000 migrations took 10× as long each as 300, and still
  // nearly 4× with the folding fixed.
  const rows = (await inWorker({ kind: 'history', framework: 'sql-types', counts: [300, 300, 3_000] }, 240_000)).map((r) => r.row as ManyOpsRow);
  for (const r of rows) t.diagnostic(`${r.operations} migrations: ${r.ms.toFixed(0)} ms, ${r.usPerOp.toFixed(0)} µs per migration`);
  const small = Math.min(rows[0].usPerOp, rows[1].usPerOp);
  const large = rows[2].usPerOp;
  assert.ok(large < 2.5 * small, `${large.toFixed(0)} µs per migration at 3,000 against ${small.toFixed(0)} at 300`);
});
