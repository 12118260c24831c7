// Worker-thread entry: analyses the files the CLI hands it, a batch at a time. The parsers start loading
// as soon as the thread does, before the first batch arrives; Python's only when the run has Python files.
import { parentPort, workerData } from 'node:worker_threads';
import { initAnalyzer } from '../core/analyze';
import { analyzeFile, type BatchReply, type BatchRequest, type WorkerData } from './parallel';

const ready = initAnalyzer({ python: (workerData as WorkerData | undefined)?.python });

parentPort?.on('message', async (req: BatchRequest) => {
  await ready;
  const reply: BatchReply = { id: req.id, results: req.files.map((file) => analyzeFile(file, req.options)) };
  parentPort?.postMessage(reply);
});
