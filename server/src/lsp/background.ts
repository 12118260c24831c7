// Large documents are analysed on a worker thread (out/serverWorker.js, lsp/worker.ts), so that hovers,
// code actions and other documents' diagnostics are answered while a file of 100,000 operations takes
// seconds. One worker runs one job at a time and the rest wait in order: on two cores a second analysing
// thread only takes turns with the first (see cli/parallel.ts). A job whose result is no longer wanted
// is cancelled: taken off the queue, or, when it is running, by stopping the worker (an analysis cannot
// be interrupted from inside its thread); the next job starts a fresh one.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions } from '../core/options';
import type { FileReport } from '../core/report';

export interface BackgroundJob {
  id: number;
  absolute: string;
  bytes: Uint8Array;
  /** Sent to the worker as a structured clone: plain data only (ProjectFacts is). */
  options: Partial<AnalysisOptions>;
}

/**
 * The report comes back as JSON text, not as a structured clone: the server's thread pays for taking it
 * in, and for a 100,000-finding report (140 MB) JSON.parse took less than half the time structured
 * clone's deserialization did. Reports are plain data; the CLI's result cache stores them as JSON too.
 */
export type BackgroundReply = { id: number; report: string; error?: undefined } | { id: number; report?: undefined; error: string };

/** Work that can be called off: `result` is then undefined. */
export interface Cancellable<T> {
  result: Promise<T | undefined>;
  cancel(): void;
}

interface Queued {
  job: BackgroundJob;
  resolve(report: FileReport | undefined): void;
  reject(err: Error): void;
  started: number;
}

export class BackgroundAnalyser {
  private worker?: Worker;
  private running?: Queued;
  private readonly queue: Queued[] = [];
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The worker bundled beside the server; undefined when running from source, where all analysis stays on one thread. */
  static beside(dir: string, log: (message: string) => void): BackgroundAnalyser | undefined {
    const script = path.join(dir, 'serverWorker.js');
    return fs.existsSync(script) ? new BackgroundAnalyser(script, log) : undefined;
  }

  analyse(absolute: string, bytes: Uint8Array, options: Partial<AnalysisOptions>): Cancellable<FileReport> {
    let item!: Queued;
    const result = new Promise<FileReport | undefined>((resolve, reject) => {
      item = { job: { id: this.nextId++, absolute, bytes, options }, resolve, reject, started: 0 };
    });
    this.queue.push(item);
    this.pump();
    return { result, cancel: () => this.cancel(item) };
  }

  /** The server shuts down: nothing queued will be wanted. */
  close(): void {
    for (const item of this.queue.splice(0)) item.resolve(undefined);
    this.running?.resolve(undefined);
    this.running = undefined;
    this.stopWorker();
  }

  private cancel(item: Queued): void {
    const queued = this.queue.indexOf(item);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      item.resolve(undefined);
    } else if (this.running === item) {
      this.stopWorker();
      this.running = undefined;
      item.resolve(undefined);
      this.pump();
    }
  }

  private pump(): void {
    const item = this.running ? undefined : this.queue.shift();
    if (!item) return;
    this.running = item;
    item.started = performance.now();
    try {
      (this.worker ??= this.start()).postMessage(item.job);
    } catch (err) {
      this.running = undefined;
      item.reject(err instanceof Error ? err : new Error(String(err)));
      this.pump();
    }
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    // The connection keeps the server running; the worker alone must not.
    worker.unref();
    worker.on('message', (reply: BackgroundReply) => {
      const item = this.running;
      if (this.worker !== worker || item?.job.id !== reply.id) return;
      this.running = undefined;
      if (reply.report !== undefined) {
        const report = JSON.parse(reply.report) as FileReport;
        const ms = Math.round(performance.now() - item.started);
        this.log(`Migration Guard: analysed ${item.job.absolute} (${(item.job.bytes.length / 1e6).toFixed(1)} MB, ${report.findings.length} findings) in ${ms} ms on the background thread.`);
        item.resolve(report);
      } else item.reject(new Error(reply.error));
      this.pump();
    });
    // An uncaught error or running out of memory ends the worker: its job fails, the next gets a new one.
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', (code) => this.lost(worker, new Error(`the analysis thread stopped (exit code ${code})`)));
    return worker;
  }

  private lost(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const item = this.running;
    this.running = undefined;
    item?.reject(err);
    this.pump();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
