// Worker-thread entry of the language server (out/serverWorker.js): analyses the large documents the
// server hands it (lsp/background.ts), one at a time, so the server's own thread keeps answering while
// one runs. Both parsers are loaded at start, as in the server: a large file must not be analysed
// twice because a parser was missing halfway through it.
import { parentPort } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../core/analyze';
import type { BackgroundJob, BackgroundReply } from './background';

const ready = initAnalyzer();

parentPort?.on('message', async (job: BackgroundJob) => {
  let reply: BackgroundReply;
  try {
    await ready;
    reply = { id: job.id, report: JSON.stringify(analyzeBytes(job.absolute, job.bytes, job.options)) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
