import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../core/analyze';
import type { AnalysisOptions } from '../core/options';
import type { FileReport } from '../core/report';

export interface FileJob {
  absolute: string;
  rel: string;
}

export type FileResult = { report: FileReport; error?: undefined } | { report?: undefined; error: string };

export interface BatchRequest {
  id: number;
  files: FileJob[];
  options: Partial<AnalysisOptions>;
}

export interface BatchReply {
  id: number;
  results: FileResult[];
}

// Below this many files, starting workers (each loads the parsers again) costs more than it saves.
const MIN_FILES_FOR_WORKERS = 64;
const BATCH_SIZE = 16;

function workerScript(): string | undefined {
  const beside = path.join(__dirname, 'cliWorker.js');
  return fs.existsSync(beside) ? beside : undefined;
}

/** Reads and analyses one file, in this thread or in a worker (the parsers must be initialised). */
export function analyzeFile(file: FileJob, options: Partial<AnalysisOptions>): FileResult {
  try {
    return { report: analyzeBytes(file.rel, fs.readFileSync(file.absolute), options) };
  } catch (err) {
    return { error: `could not read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

async function analyzeHere(files: FileJob[], options: Partial<AnalysisOptions>): Promise<FileResult[]> {
  await initAnalyzer();
  return files.map((file) => analyzeFile(file, options));
}

/**
 * Analyses files on every core (results in input order). Workers pull small batches so a few large files
 * cannot leave one core idle; the bundled build ships the worker as out/cliWorker.js, and running from
 * source falls back to this thread.
 */
export async function analyzeFiles(files: FileJob[], options: Partial<AnalysisOptions>, jobs?: number): Promise<FileResult[]> {
  const script = workerScript();
  const count = Math.min(jobs ?? os.availableParallelism(), Math.ceil(files.length / MIN_FILES_FOR_WORKERS));
  if (!script || count < 2) return analyzeHere(files, options);

  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= files.length) return resolve();
              const start = next;
              next = Math.min(files.length, next + BATCH_SIZE);
              const request: BatchRequest = { id: start, files: files.slice(start, next), options };
              worker.postMessage(request);
            };
            worker.on('message', (reply: BatchReply) => {
              reply.results.forEach((r, i) => (results[reply.id + i] = r));
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analysis worker exited with code ${code}`))));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
