// workspace/diagnostic: findings in every migration file of the workspace, opened or not, so the Problems
// panel lists them all. VS Code's client asks again two seconds after each answer; files whose size and
// modification time have not changed are answered "unchanged" without being read, and the folder walk
// (the CLI's own discovery) runs again only when files were created, deleted or renamed. The first scan
// of a large workspace takes seconds, so it yields to other requests after every file, stops when the
// client cancels it, and streams partial results when the client asks for them.

import * as fs from 'node:fs';
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type ResultProgressReporter,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import { readRegularFile } from '../core/fileRead';
import { DEFAULT_OPTIONS } from '../core/options';
import { LineIndex } from '../core/text';
import { collectCandidates, type Collected, type WalkError } from '../core/walk';
import type { Settings } from '../protocol';
import type { Analysis } from './documents';
import { toDiagnostics } from './diagnostics';
import { isExcluded, pathToUri, type WorkspaceFolders } from './scope';
import type { LspState } from './state';

/** Reports streamed to the client at a time, when it accepts partial results. */
const CHUNK = 50;

export type Emit = (items: WorkspaceDocumentDiagnosticReport[]) => void;

/** Told how far a scan is, for the files that had to be read (cached ones cost nothing and are not counted). */
export interface ScanProgress {
  read(done: number, total: number): void;
  /** The user pressed Cancel on the progress notification. */
  readonly cancelled: boolean;
}

interface ScannedFile {
  uri: string;
  /** Size, modification time and settings generation: a file is read again only when one changes. */
  stamp: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export class WorkspaceScan {
  private walked?: Collected;
  private readonly files = new Map<string, ScannedFile>();

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly log: (message: string) => void,
    /** A file's analysis: a large one on the background thread, so the scan blocks no other request. */
    private readonly analyse: (uri: string, bytes: Uint8Array, settings: Settings) => Promise<Analysis>,
  ) {}

  /** Files were created, deleted or renamed, or the folders changed: walk again on the next pull. */
  invalidate(): void {
    this.walked = undefined;
  }

  /** Forget everything: the next pull walks and reads every file again. */
  clear(): void {
    this.walked = undefined;
    this.files.clear();
  }

  /** Findings of every migration file read from disk, by absolute path. */
  findings(): Map<string, Finding[]> {
    return new Map([...this.files].map(([p, f]) => [p, f.findings]));
  }

  async pull(settings: Settings, generation: number, previous: Map<string, string>, emit: Emit, token?: CancellationToken, progress?: ScanProgress): Promise<void> {
    this.walked ??= this.walk();
    const { candidates, errors } = this.walked;
    let batch: WorkspaceDocumentDiagnosticReport[] = [];
    const seen = new Set<string>();
    let done = 0;
    for (const c of candidates) {
      if (token?.isCancellationRequested || progress?.cancelled) return;
      await new Promise((resolve) => setImmediate(resolve));
      const known = this.files.get(c.absolute);
      const file = await this.read(c.absolute, settings, generation);
      done++;
      if (file && file !== known) progress?.read(done, candidates.length);
      if (!file) continue;
      seen.add(c.absolute);
      const item = reportFor(file, previous.get(file.uri));
      if (item) batch.push(item);
      if (batch.length >= CHUNK) {
        emit(batch);
        batch = [];
      }
    }
    for (const error of errors) {
      const file = this.unreadable(error, settings, generation);
      if (!file) continue;
      seen.add(error.path);
      const item = reportFor(file, previous.get(file.uri));
      if (item) batch.push(item);
    }
    for (const [absolute, file] of this.files) {
      if (seen.has(absolute)) continue;
      this.files.delete(absolute);
      if (previous.has(file.uri)) batch.push({ kind: DocumentDiagnosticReportKind.Full, uri: file.uri, version: null, items: [] });
    }
    if (batch.length > 0) emit(batch);
  }

  private walk(): Collected {
    const out: Collected = { candidates: [], errors: [] };
    for (const folder of this.folders.paths) {
      try {
        const found = collectCandidates([folder], folder);
        out.candidates.push(...found.candidates);
        out.errors.push(...found.errors);
      } catch (err) {
        this.log(`Migration Guard: could not scan ${folder}: ${String(err)}`);
      }
    }
    for (const e of out.errors) this.log(`Migration Guard: ${e.path}: ${e.message}`);
    return out;
  }

  /** A link that leads nowhere, a pipe, a folder that cannot be listed: shown as an error on that path, as the CLI reports it. */
  private unreadable(error: WalkError, settings: Settings, generation: number): ScannedFile | undefined {
    if (isExcluded(this.folders.place(error.path), settings)) return undefined;
    const stamp = `unreadable:${generation}:${error.message}`;
    const known = this.files.get(error.path);
    if (known?.stamp === stamp) return known;
    const uri = pathToUri(error.path);
    const finding: Finding = { rule: 'parse-error', severity: 'error', range: { start: 0, end: 0 }, message: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` };
    const analysis = { uri, version: null, report: { path: error.path, text: '', findings: [finding] }, index: new LineIndex('') };
    const file = { uri, stamp, findings: [finding], diagnostics: toDiagnostics(analysis) };
    this.files.set(error.path, file);
    return file;
  }

  private async read(absolute: string, settings: Settings, generation: number): Promise<ScannedFile | undefined> {
    if (isExcluded(this.folders.place(absolute), settings)) return undefined;
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    const stamp = `${stat.size}:${stat.mtimeMs}:${generation}`;
    const known = this.files.get(absolute);
    if (known?.stamp === stamp) return known;
    const uri = pathToUri(absolute);
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(absolute, DEFAULT_OPTIONS.maxFileBytes);
    } catch (err) {
      this.log(`Migration Guard: could not read ${absolute}: ${String(err)}`);
      return undefined;
    }
    const analysis = await this.analyse(uri, bytes, settings);
    const file = { uri, stamp, findings: analysis.report.findings, diagnostics: toDiagnostics(analysis) };
    this.files.set(absolute, file);
    return file;
  }
}

function reportFor(file: ScannedFile, before: string | undefined): WorkspaceDocumentDiagnosticReport | undefined {
  if (file.diagnostics.length === 0) {
    // Without a result id the client stops asking about a file that has nothing to show.
    return before === undefined ? undefined : { kind: DocumentDiagnosticReportKind.Full, uri: file.uri, version: null, items: [] };
  }
  if (before === file.stamp) return { kind: DocumentDiagnosticReportKind.Unchanged, uri: file.uri, version: null, resultId: file.stamp };
  return { kind: DocumentDiagnosticReportKind.Full, uri: file.uri, version: null, resultId: file.stamp, items: file.diagnostics };
}

export function workspaceDiagnostics(state: LspState) {
  return async (
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    partial?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
  ): Promise<WorkspaceDiagnosticReport> => {
    const settings = await state.settings.get();
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    // With partial results, everything goes through progress and the final answer is empty (LSP's rule).
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const emit: Emit = partial ? (chunk) => partial.report({ items: chunk }) : (chunk) => items.push(...chunk);
    const progress = new ScanProgressNotifier(state, workDone);
    try {
      await state.workspace.pull(settings, state.settings.generation, previous, emit, token, progress);
    } finally {
      progress.done();
    }
    state.summary.changed();
    return { items };
  };
}

// Shown once a scan has read this many files that were not cached: the pulls VS Code repeats every two
// seconds re-read nothing and must not flash a notification.
const PROGRESS_AFTER_FILES = 20;

/**
 * window/workDoneProgress for a long scan: the editor shows "Migration Guard: checking migrations 40%"
 * with a Cancel button. Uses the client's token when it sent one, else asks the client to create one.
 */
class ScanProgressNotifier implements ScanProgress {
  private reporter?: WorkDoneProgressReporter;
  private readCount = 0;
  private finished = false;
  cancelled = false;

  constructor(
    private readonly state: LspState,
    private readonly clientReporter: WorkDoneProgressReporter,
  ) {}

  read(done: number, total: number): void {
    this.readCount++;
    if (this.readCount === PROGRESS_AFTER_FILES) this.start(total);
    if (done % 25 === 0) this.reporter?.report(Math.floor((done / total) * 100), `${done} of ${total} files`);
  }

  done(): void {
    this.finished = true;
    this.reporter?.done();
  }

  private start(total: number): void {
    const title = 'Migration Guard: checking migrations';
    const message = `0 of ${total} files`;
    if (!this.state.workDoneProgress) {
      this.reporter = this.clientReporter;
      this.clientReporter.begin(title, 0, message, true);
      return;
    }
    void this.state.connection.window.createWorkDoneProgress().then(
      (progress) => {
        progress.token.onCancellationRequested(() => (this.cancelled = true));
        progress.begin(title, 0, message, true);
        // The scan may have ended while the client was creating the progress.
        if (this.finished) progress.done();
        else this.reporter = progress;
      },
      () => undefined,
    );
  }
}
