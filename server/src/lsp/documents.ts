// Analyses of open documents, cached per document version and settings generation: pull diagnostics,
// hovers and the status bar all ask for the same analysis, and it is computed once.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeBytes } from '../core/analyze';
import type { ProjectFacts } from '../core/facts';
import type { FileReport } from '../core/report';
import { LineIndex } from '../core/text';
import type { Settings } from '../protocol';
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
  analysis: Analysis;
}

const encoder = new TextEncoder();

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly factsFor: FactsLookup,
    /** Preflight queries an analysis left unanswered (run in the background; see lsp/database.ts). */
    private readonly ask?: (absolute: string, queries: string[]) => void,
  ) {}

  get(doc: TextDocument, settings: Settings, generation: number): Analysis {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached.analysis;
    const analysis = analyseContent(doc.uri, doc.version, encoder.encode(doc.getText()), this.folders, settings, this.factsFor);
    this.entries.set(doc.uri, { version: doc.version, generation, analysis });
    if (analysis.report.preflightQueries) this.ask?.(analysis.report.path, analysis.report.preflightQueries);
    return analysis;
  }

  /** The latest analysis of each open document, for the workspace summary. */
  all(): Analysis[] {
    return [...this.entries.values()].map((e) => e.analysis);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * Analyses a document or a file the way the CLI analyses a file: through the byte decoder, so an editor
 * buffer holding NUL bytes or more than the size limit gets the same parse-error finding the CLI reports.
 */
export function analyseContent(uri: string, version: number | null, bytes: Uint8Array, folders: WorkspaceFolders, settings: Settings, factsFor: FactsLookup): Analysis {
  const absolute = uriToPath(uri);
  const nothing: Analysis = { uri, version, report: { path: absolute ?? uri, text: '', findings: [] }, index: new LineIndex('') };
  if (!absolute) return nothing;
  const placement = folders.place(absolute);
  if (isExcluded(placement, settings)) return nothing;
  const facts = factsFor(absolute);
  const report = analyzeBytes(absolute, bytes, facts ? { ...analysisOptions(settings), facts } : analysisOptions(settings));
  if (!isReported(placement, report, settings)) return nothing;
  return { uri, version, report, index: new LineIndex(report.text) };
}
