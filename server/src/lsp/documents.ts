// Analyses of open documents, cached per document version and settings generation: pull diagnostics,
// hovers and the status bar all ask for the same analysis, and it is computed once. A large document is
// analysed on the background thread (background.ts); requests for it wait for that one analysis, and an
// edit, a settings change or closing the document cancels it.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeBytes } from '../core/analyze';
import type { ProjectFacts } from '../core/facts';
import type { FileReport } from '../core/report';
import { LineIndex } from '../core/text';
import type { Settings } from '../protocol';
import type { BackgroundAnalyser, Cancellable } from './background';
import { analysisOptions } from './config';
import { isExcluded, isReported, uriToPath, type WorkspaceFolders } from './scope';

export interface Analysis {
  uri: string;
  /** The document version analysed; null for a file read from disk. */
  version: number | null;
  /** Only findings of files that are migrations in scope; empty otherwise. */
  report: FileReport;
  index: LineIndex;
}

/** The project facts known for a file (absolute path); see facts.ts. */
export type FactsLookup = (absolute: string) => ProjectFacts | undefined;

interface Entry {
  version: number;
  generation: number;
  analysis: Promise<Analysis>;
  cancel(): void;
}

const encoder = new TextEncoder();

// Files up to this size are analysed on the server's own thread: at the CLI's measured 2,800 bytes per ms
// (SQL; Python is faster) 64 KB takes about 25 ms, a pause nobody notices, and most migrations are a few
// KB, so a workspace without large files never pays for the worker's start, parsers and heap. Larger
// files go to the background thread, where a 2 MB file's seconds block nothing.
const ON_THIS_THREAD_BYTES = 64 * 1024;

/**
 * Analyses a document or a file the way the CLI analyses a file: through the byte decoder, so an editor
 * buffer holding NUL bytes or more than the size limit gets the same parse-error finding the CLI reports.
 */
export class Analyser {
  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly factsFor: FactsLookup,
    /** Undefined when the server runs from source without its worker bundle: everything runs here. */
    private readonly background: BackgroundAnalyser | undefined,
  ) {}

  /** Cancelling a large file's analysis stops it on the background thread. */
  run(uri: string, version: number | null, bytes: Uint8Array, settings: Settings): Cancellable<Analysis> {
    const nothing = (): Cancellable<Analysis> => ({ result: Promise.resolve(emptyAnalysis(uri, version)), cancel: () => {} });
    const absolute = uriToPath(uri);
    if (!absolute) return nothing();
    const placement = this.folders.place(absolute);
    if (isExcluded(placement, settings)) return nothing();
    const facts = this.factsFor(absolute);
    const options = facts ? { ...analysisOptions(settings), facts } : analysisOptions(settings);
    const finish = (report: FileReport): Analysis =>
      isReported(placement, report, settings) ? { uri, version, report, index: new LineIndex(report.text) } : emptyAnalysis(uri, version);
    if (!this.background || bytes.length <= ON_THIS_THREAD_BYTES) return { result: Promise.resolve(finish(analyzeBytes(absolute, bytes, options))), cancel: () => {} };
    const job = this.background.analyse(absolute, bytes, options);
    return { result: job.result.then((report) => report && finish(report)), cancel: job.cancel };
  }

  /** A file read from disk (version null), analysed to the end. */
  async file(uri: string, bytes: Uint8Array, settings: Settings): Promise<Analysis> {
    return (await this.run(uri, null, bytes, settings).result) ?? emptyAnalysis(uri, null);
  }
}

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();
  /** The latest finished analysis of each open document, for the workspace summary. */
  private readonly finished = new Map<string, Analysis>();

  constructor(
    private readonly analyser: Analyser,
    /** Preflight queries an analysis left unanswered (run in the background; see lsp/database.ts). */
    private readonly ask?: (absolute: string, queries: string[]) => void,
  ) {}

  /**
   * The analysis of the document as it is now. Handlers ask with the document's current version, so an
   * entry for another version or generation is out of date: it is cancelled, and whoever still waits for
   * it gets the newer analysis, which is what the editor shows by then.
   */
  get(doc: TextDocument, settings: Settings, generation: number): Promise<Analysis> {
    const uri = doc.uri;
    const cached = this.entries.get(uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached.analysis;
    cached?.cancel();
    const run = this.analyser.run(uri, doc.version, encoder.encode(doc.getText()), settings);
    const entry: Entry = {
      version: doc.version,
      generation,
      cancel: run.cancel,
      analysis: run.result.then((analysis) => (analysis ? this.settled(entry, analysis) : this.replacement(uri, doc.version))),
    };
    this.entries.set(uri, entry);
    return entry.analysis;
  }

  /** The latest finished analysis of each open document, for the workspace summary. */
  all(): Analysis[] {
    return [...this.finished.values()];
  }

  forget(uri: string): void {
    this.entries.get(uri)?.cancel();
    this.entries.delete(uri);
    this.finished.delete(uri);
  }

  private settled(entry: Entry, analysis: Analysis): Analysis {
    if (this.entries.get(analysis.uri) !== entry) return analysis;
    this.finished.set(analysis.uri, analysis);
    if (analysis.report.preflightQueries) this.ask?.(analysis.report.path, analysis.report.preflightQueries);
    return analysis;
  }

  /** What a cancelled entry's waiters get: the entry that replaced it, or nothing once the document closed. */
  private replacement(uri: string, version: number): Promise<Analysis> | Analysis {
    return this.entries.get(uri)?.analysis ?? emptyAnalysis(uri, version);
  }
}

function emptyAnalysis(uri: string, version: number | null): Analysis {
  return { uri, version, report: { path: uriToPath(uri) ?? uri, text: '', findings: [] }, index: new LineIndex('') };
}
