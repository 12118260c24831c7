// Worker-thread entry: analyses the files the CLI hands it, a batch at a time.
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../core/analyze';
import type { AnalysisOptions } from '../core/options';
import type { BatchReply, BatchRequest } from './parallel';

const ready = initAnalyzer();

parentPort?.on('message', async (req: BatchRequest) => {
  await ready;
  const reply: BatchReply = { id: req.id, results: [] };
  for (const file of req.files) {
    try {
      reply.results.push({ report: analyzeBytes(file.rel, fs.readFileSync(file.absolute), req.options as Partial<AnalysisOptions>) });
    } catch (err) {
      reply.results.push({ error: `could not read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    }
  }
  parentPort?.postMessage(reply);
});
