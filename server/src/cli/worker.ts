// Worker-thread entry: analyses the files the CLI hands it, a batch at a time, loading a wasm parser only
// when one of them needs it.
import { parentPort } from 'node:worker_threads';
import { analyzeBatch, type BatchReply, type BatchRequest } from './parallel';

parentPort?.on('message', async (req: BatchRequest) => {
  const reply: BatchReply = { id: req.id, results: await analyzeBatch(req.files, req.options) };
  parentPort?.postMessage(reply);
});
