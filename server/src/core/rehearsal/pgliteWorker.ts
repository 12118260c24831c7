// The rehearsal's PGlite runs in a worker thread: PGlite executes a statement synchronously on the thread
// that calls it and ignores statement_timeout, so `SELECT pg_sleep(1000)` on the caller's thread would
// block it for good. Here, the caller keeps its event loop and ends the thread when a statement overruns.

import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './scratchProtocol';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  port.on('message', async (req: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = req.kind === 'exec' ? (await db.exec(req.sql), { id: req.id, rows: [] }) : { id: req.id, rows: (await db.query(req.sql, req.params)).rows };
    } catch (err) {
      const e = err as { message?: string; position?: string | number; code?: string };
      reply = { id: req.id, error: { message: String(e.message ?? err), position: e.position, code: e.code } };
    }
    port.postMessage(reply);
  });
  port.postMessage({ id: 0, rows: [] } satisfies WorkerReply);
}

void serve();
