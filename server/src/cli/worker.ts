// Worker-thread entry: analyses the files the CLI hands it, a batch at a time.
import { parentPort } from 'node:worker_threads';
import { initAnalyzer } from '../core/analyze';
import { analyzeFile, type BatchReply, type BatchRequest } from './parallel';

const ready = initAnalyzer();

parentPort?.on('message', async (req: BatchRequest) => {
  await ready;
  const reply: BatchReply = { id: req.id, results: req.files.map((file) => analyzeFile(file, req.options)) };
  parentPort?.postMessage(reply);
});
