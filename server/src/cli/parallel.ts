import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeBytes } from '../core/analyze';
import { analysisKey } from '../core/frontends/sql';
import { DEFAULT_OPTIONS, type AnalysisOptions, type SiblingFile, type SqlDialect } from '../core/options';
import { FileReadError, readRegularFile } from '../core/fileRead';
import { withParsersLoaded } from '../core/parse/onDemand';
import { dialectFromProject, dialectOfFileName, readSiblingsFromDisk } from '../core/project';
import type { ResultCache } from './cache';
import type { FileReport } from '../core/report';
import { directoryMemo, noteRead, takeRead } from '../core/dirLookups';
import { describeFsError } from '../core/walk';

export interface FileJob {
  absolute: string;
  rel: string;
  /** The file's content when the caller has already read it (the result cache reads it for its key). */
  bytes?: Uint8Array;
  /** Named by the user: checked whatever its name (AnalysisOptions.named). */
  named?: boolean;
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

// Measured on the benchmark workspace (.bench, 2 cores): a worker answers its first batch 70-90 ms
// after it is started (Node's own start-up, the bundle, the parsers), and a run with one costs 220 ms
// (SQL) to 800 ms (Python) more CPU than on one thread (the worker's own JIT warm-up and heap), so a
// thread is only started when it saves more than WORKER_STARTUP_MS. One analysing thread already keeps
// 1.5 cores busy (V8 compiles and collects garbage on background threads: a --jobs 1 run uses 1.5 s of
// CPU a second), so more threads than cores / 1.5 only take turns: on 2 cores a second thread made
// every benchmark run slower. Costs per byte are from --jobs 1 runs: SQL and Python both go mostly
// through JavaScript fast paths.
const WORKER_STARTUP_MS = 300;
const CORES_PER_THREAD = 1.5;
const MS_PER_PYTHON_BYTE = 1 / 5200;
const MS_PER_OTHER_BYTE = 1 / 2800;
const BATCH_SIZE = 8;

function workerScript(): string | undefined {
  const beside = path.join(__dirname, 'cliWorker.js');
  return fs.existsSync(beside) ? beside : undefined;
}

// One run never sees a configuration file change, so each directory's dialect is looked up once.
const dialects = directoryMemo<SqlDialect | null>();

/** The dialect the file is read in: the one chosen, else its project's, else the default (guessed). */
function dialectOf(file: FileJob, options: Partial<AnalysisOptions>): Pick<AnalysisOptions, 'dialect' | 'dialectGuessed'> {
  if (options.dialect !== undefined) return { dialect: options.dialect };
  const dir = path.dirname(file.absolute);
  // A file named for its database (`x.mysql.up.sql`) may differ from its neighbours.
  const key = `${dir}\0${dialectOfFileName(file.absolute) ?? ''}`;
  let dialect = dialects.get(key);
  if (dialect === undefined) {
    dialect = dialectFromProject(dir, file.absolute) ?? null;
    dialects.set(key, dialect);
  }
  return dialect === null ? { dialect: DEFAULT_OPTIONS.dialect, dialectGuessed: true } : { dialect };
}

// Likewise each directory's migrations are read once per run: a file's history is its directory's earlier
// migrations, so reading them again for every file (a stat each) grew with the square of the directory.
const siblingListings = directoryMemo<SiblingFile[]>();

export function readSiblingsOnce(dir: string): SiblingFile[] {
  let listing = siblingListings.get(dir);
  if (!listing) {
    listing = readSiblingsFromDisk(dir);
    siblingListings.set(dir, listing);
  }
  return listing;
}

/** Keeps a migration's bytes for the migrations after it that read it as their history (core/dirLookups.ts). */
function keepForHistory(file: string, bytes: Uint8Array, maxBytes: number): void {
  // Past the limit the read stops short: those bytes are not the file.
  if (bytes.length <= maxBytes) noteRead(file, bytes);
}

function readAndKeep(file: string, maxBytes: number): Uint8Array {
  const bytes = readRegularFile(file, maxBytes);
  keepForHistory(file, bytes, maxBytes);
  return bytes;
}

/** Reads and analyses one file with the parsers loaded so far (see core/parse/notReady.ts). */
function analyzeFile(file: FileJob, options: Partial<AnalysisOptions>): FileResult {
  const siblingDirs = new Set<string>();
  const read = options.readSiblings ?? readSiblingsOnce;
  const readSiblings = (dir: string) => {
    siblingDirs.add(dir);
    return read(dir);
  };
  try {
    const bytes = file.bytes ?? takeRead(file.absolute) ?? readAndKeep(file.absolute, options.maxFileBytes ?? DEFAULT_OPTIONS.maxFileBytes);
    const report = analyzeBytes(file.rel, bytes, { ...options, ...(file.named ? { named: true } : {}), ...dialectOf(file, options), readSiblings });
    return { report, siblingDirs: [...siblingDirs] };
  } catch (err) {
    return { error: err instanceof FileReadError ? err.message : `this file could not be read (${describeFsError(err)})` };
  }
}

/**
 * Analyses files in order, in this thread or in a worker. Each wasm parser is loaded when a file first
 * needs it: the JavaScript fast paths read most migrations, and a parser takes 20-50 ms to load.
 */
export async function analyzeBatch(files: FileJob[], options: Partial<AnalysisOptions>): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await withParsersLoaded(() => analyzeFile(file, options)));
  return results;
}

/**
 * Files whose cached result still holds are answered from the cache; the rest are analysed and their
 * results stored. Results in input order.
 */
export async function analyzeFilesCached(files: FileJob[], options: Partial<AnalysisOptions>, jobs: number | undefined, cache: ResultCache): Promise<FileResult[]> {
  const digest = cache.optionsDigest(options);
  const results: FileResult[] = new Array(files.length);
  const pending: Array<{ index: number; key: string; job: FileJob }> = [];
  files.forEach((file, index) => {
    let bytes: Uint8Array;
    const maxBytes = options.maxFileBytes ?? DEFAULT_OPTIONS.maxFileBytes;
    try {
      bytes = file.bytes ?? readRegularFile(file.absolute, maxBytes);
    } catch {
      // Analysing it reports why it cannot be read.
      pending.push({ index, key: '', job: file });
      return;
    }
    const { dialect, dialectGuessed } = dialectOf(file, options);
    const key = cache.keyFor(file.rel, `${digest}:${dialect}${dialectGuessed ? '?' : ''}`, bytes);
    const report = cache.lookup(file.rel, key, bytes, options);
    if (report) {
      results[index] = { report };
      return;
    }
    // Analysed below: a later migration's history may read it, which then needs no second read.
    keepForHistory(file.absolute, bytes, maxBytes);
    pending.push({ index, key, job: { ...file, bytes } });
  });
  const fresh = await analyzeFiles(pending.map((p) => p.job), options, jobs);
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

/** The most threads that `available` cores run at once. */
function threadLimit(available: number): number {
  return Math.max(1, Math.floor(available / CORES_PER_THREAD));
}

/** How many threads, this one included, are worth using: each must save more than a worker costs. */
export function threadsFor(estimateMs: number, available: number): number {
  const limit = threadLimit(available);
  let threads = 1;
  while (threads < limit && estimateMs / threads - estimateMs / (threads + 1) > WORKER_STARTUP_MS) threads++;
  return threads;
}

/** Threads for these files: the estimate needs every file's size, which one core does not need to ask. */
function defaultThreads(files: FileJob[]): number {
  const available = os.availableParallelism();
  return threadLimit(available) === 1 ? 1 : threadsFor(estimatedMs(files), available);
}

// Migration names compared as their tools run them: numbers as numbers (Flyway's V2 before V10).
const RUN_ORDER = new Intl.Collator('en', { numeric: true });

/**
 * The order files are analysed in (indices into `files`; results keep the input order): each directory's
 * migrations in the order they run, so that a migration's history was mostly analysed before it and is
 * reused (core/frontends/sql/history.ts) rather than analysed a second time; a down migration comes just
 * after its up migration, which its history holds.
 */
export function runOrder(files: readonly FileJob[]): number[] {
  // Directories keep the place of their first file.
  const firstOfDir = new Map<string, number>();
  const keys = files.map((f, i) => {
    const dir = path.dirname(f.absolute);
    if (!firstOfDir.has(dir)) firstOfDir.set(dir, i);
    return { rank: firstOfDir.get(dir) ?? i, ...analysisKey(path.basename(f.absolute)) };
  });
  return files
    .map((_, i) => i)
    .sort((a, b) => keys[a].rank - keys[b].rank || RUN_ORDER.compare(keys[a].name, keys[b].name) || Number(keys[a].down) - Number(keys[b].down) || a - b);
}

/**
 * Analyses files on every core that pays for itself (results in input order). This thread takes part;
 * workers pull small batches, two in flight each, so a few large files cannot leave a core idle. The
 * bundled build ships the worker as out/cliWorker.js; running from source, everything stays here.
 */
export async function analyzeFiles(files: FileJob[], options: Partial<AnalysisOptions>, jobs?: number): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const script = workerScript();
  const threads = jobs ?? defaultThreads(files);
  const workers = script && threads > 1 ? Array.from({ length: threads - 1 }, () => new Worker(script)) : [];
  const results: FileResult[] = new Array(files.length);
  const order = runOrder(files);
  let next = 0;
  const take = (): BatchRequest | undefined => {
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + BATCH_SIZE);
    return { id: start, files: order.slice(start, next).map((i) => files[i]), options };
  };
  const store = (reply: BatchReply) => reply.results.forEach((r, i) => (results[order[reply.id + i]] = r));

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
    for (let request = take(); request; request = take()) {
      store({ id: request.id, results: await analyzeBatch(request.files, options) });
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
