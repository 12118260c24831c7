import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeBytes, initAnalyzer } from '../core/analyze';
import { DEFAULT_OPTIONS, type AnalysisOptions, type SqlDialect } from '../core/options';
import { dialectFromProject, readSiblingsFromDisk } from '../core/project';
import type { ResultCache } from './cache';
import type { FileReport } from '../core/report';

export interface FileJob {
  absolute: string;
  rel: string;
}

/** siblingDirs: the directories whose migrations the analysis read (its history), for the result cache. */
export type FileResult = { report: FileReport; siblingDirs?: string[]; error?: undefined } | { report?: undefined; error: string };

export interface BatchRequest {
  id: number;
  files: FileJob[];
  options: Partial<AnalysisOptions>;
}

export interface BatchReply {
  id: number;
  results: FileResult[];
}

// A worker costs about 85 ms of start-up (its own copy of the bundle and of both parsers), so threads
// are only started when the work ahead is several times that. Costs are per byte, measured with
// `npm run bench` on the reference machine: Python goes through tree-sitter and our tree walk, SQL
// mostly through a JavaScript fast path.
const WORKER_STARTUP_MS = 85;
const MS_PER_PYTHON_BYTE = 1 / 2500;
const MS_PER_OTHER_BYTE = 1 / 8000;
const BATCH_SIZE = 8;

function workerScript(): string | undefined {
  const beside = path.join(__dirname, 'cliWorker.js');
  return fs.existsSync(beside) ? beside : undefined;
}

// One run never sees a configuration file change, so each directory's dialect is looked up once.
const dialects = new Map<string, SqlDialect>();

/** The dialect the file is read in: the one chosen, else its project's. */
function dialectOf(file: FileJob, options: Partial<AnalysisOptions>): SqlDialect {
  if (options.dialect !== undefined) return options.dialect;
  const dir = path.dirname(file.absolute);
  let dialect = dialects.get(dir);
  if (dialect === undefined) {
    dialect = dialectFromProject(dir) ?? DEFAULT_OPTIONS.dialect;
    dialects.set(dir, dialect);
  }
  return dialect;
}

/** Reads and analyses one file, in this thread or in a worker (the parsers must be initialised). */
export function analyzeFile(file: FileJob, options: Partial<AnalysisOptions>): FileResult {
  const siblingDirs = new Set<string>();
  const read = options.readSiblings ?? readSiblingsFromDisk;
  const readSiblings = (dir: string) => {
    siblingDirs.add(dir);
    return read(dir);
  };
  try {
    const report = analyzeBytes(file.rel, fs.readFileSync(file.absolute), { ...options, dialect: dialectOf(file, options), readSiblings });
    return { report, siblingDirs: [...siblingDirs] };
  } catch (err) {
    return { error: `could not read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

/**
 * Files whose cached result still holds are answered from the cache; the rest are analysed and their
 * results stored. Results in input order.
 */
export async function analyzeFilesCached(files: FileJob[], options: Partial<AnalysisOptions>, jobs: number | undefined, cache: ResultCache): Promise<FileResult[]> {
  const digest = cache.optionsDigest(options);
  const results: FileResult[] = new Array(files.length);
  const pending: Array<{ index: number; key: string }> = [];
  files.forEach((file, index) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file.absolute);
    } catch {
      pending.push({ index, key: '' });
      return;
    }
    const key = cache.keyFor(file.rel, `${digest}:${dialectOf(file, options)}`, bytes);
    const report = cache.lookup(file.rel, key, bytes, options);
    if (report) results[index] = { report };
    else pending.push({ index, key });
  });
  const fresh = await analyzeFiles(pending.map((p) => files[p.index]), options, jobs);
  fresh.forEach((result, i) => {
    const { index, key } = pending[i];
    results[index] = result;
    if (result.report && key) cache.store(files[index].rel, key, result.report, result.siblingDirs ?? []);
  });
  return results;
}

/** Milliseconds of analysis the files need on one thread, from their sizes. */
function estimatedMs(files: FileJob[]): number {
  let ms = 0;
  for (const file of files) {
    const size = fs.statSync(file.absolute, { throwIfNoEntry: false })?.size ?? 0;
    ms += size * (file.absolute.endsWith('.py') ? MS_PER_PYTHON_BYTE : MS_PER_OTHER_BYTE);
  }
  return ms;
}

/** How many threads, this one included, are worth using: each must save more than a worker costs. */
export function threadsFor(estimateMs: number, available: number): number {
  let threads = 1;
  while (threads < available && estimateMs / threads - estimateMs / (threads + 1) > WORKER_STARTUP_MS) threads++;
  return threads;
}

/**
 * Analyses files on every core that pays for itself (results in input order). This thread takes part;
 * workers pull small batches, two in flight each, so a few large files cannot leave a core idle. The
 * bundled build ships the worker as out/cliWorker.js; running from source, everything stays here.
 */
export async function analyzeFiles(files: FileJob[], options: Partial<AnalysisOptions>, jobs?: number): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const script = workerScript();
  const threads = jobs ?? threadsFor(estimatedMs(files), os.availableParallelism());
  const workers = script && threads > 1 ? Array.from({ length: threads - 1 }, () => new Worker(script)) : [];
  const init = initAnalyzer({ python: !files.every((f) => /\.sql$/i.test(f.absolute)) });
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const take = (): BatchRequest | undefined => {
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + BATCH_SIZE);
    return { id: start, files: files.slice(start, next), options };
  };
  const store = (reply: BatchReply) => reply.results.forEach((r, i) => (results[reply.id + i] = r));

  const viaWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const send = () => {
        const request = take();
        if (!request) return inFlight === 0 && resolve();
        inFlight++;
        worker.postMessage(request);
      };
      worker.on('message', (reply: BatchReply) => {
        inFlight--;
        store(reply);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analysis worker exited with code ${code}`))));
      send();
      send();
    });

  // Between batches this thread yields, so replies from workers are taken in and answered promptly.
  const here = async () => {
    await init;
    for (let request = take(); request; request = take()) {
      store({ id: request.id, results: request.files.map((file) => analyzeFile(file, options)) });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  try {
    await Promise.all([here(), ...workers.map(viaWorker)]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
