// Everything the handlers share, created once per connection.

import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings';
import { REVIEW_CHANGED_NOTIFICATION } from '../protocol';
import { SettingsStore } from './config';
import { DatabaseStore } from './database';
import { BackgroundAnalyser } from './background';
import { Analyser, DocumentAnalyses } from './documents';
import { FactsStore } from './facts';
import { DiagnosticsPusher } from './push';
import { WorkspaceFolders } from './scope';
import { SummaryPublisher } from './summary';
import { WorkspaceScan } from './workspaceScan';

export interface LspState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  /** Files read from disk go straight to it; open documents through `analyses`. */
  analyser: Analyser;
  analyses: DocumentAnalyses;
  /** Undefined when the server runs from source, without its worker bundle. */
  background: BackgroundAnalyser | undefined;
  workspace: WorkspaceScan;
  summary: SummaryPublisher;
  /** Models, database and review ledger of the workspace's projects. */
  facts: FactsStore;
  /** From initializationOptions; false until the client says the workspace is trusted. */
  trusted: boolean;
  /** Set at initialize when the client supports workspace/diagnostic/refresh. */
  canRefresh: boolean;
  /** Set at initialize when the client can show server-created progress (window/workDoneProgress/create). */
  workDoneProgress: boolean;
  /** Set at initialize when the client sends workspace-folder changes (listening for them otherwise throws). */
  folderEvents: boolean;
  /** Set at initialize when the client watches files for the server (dynamic didChangeWatchedFiles). */
  canWatch: boolean;
  /** Set at initialize when the client does not pull diagnostics: they are published instead. */
  push: boolean;
  pusher: DiagnosticsPusher;
  /** Asks the client to pull every document's and the workspace's diagnostics again (or publishes them). */
  refreshDiagnostics(): Promise<void>;
}

/** Facts often finish loading together (models, then the database): one refresh for the lot. */
const FACTS_SETTLE_MS = 50;

export function createState(connection: Connection): LspState {
  const folders = new WorkspaceFolders();
  const settings = new SettingsStore(connection);
  let refreshTimer: NodeJS.Timeout | undefined;
  const factsChanged = () => {
    settings.bump();
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      void state.refreshDiagnostics();
      void connection.sendNotification(REVIEW_CHANGED_NOTIFICATION);
    }, FACTS_SETTLE_MS);
  };
  const log = (m: string) => connection.console.info(m);
  const facts = new FactsStore(folders, new DatabaseStore(process.env, log, factsChanged), log, factsChanged);
  const factsFor = (absolute: string) => facts.forFile(absolute);
  const background = BackgroundAnalyser.beside(__dirname, log);
  const analyser = new Analyser(folders, factsFor, background);
  const analyses = new DocumentAnalyses(analyser, (absolute, queries) => facts.ask(absolute, queries));
  const workspace = new WorkspaceScan(folders, (m) => connection.console.warn(m), (uri, bytes, s) => analyser.file(uri, bytes, s));
  const findings = (): Map<string, Finding[]> => {
    const byPath = workspace.findings();
    for (const a of analyses.all()) byPath.set(a.report.path, a.report.findings);
    return byPath;
  };
  const documents = new TextDocuments(TextDocument);
  const summary = new SummaryPublisher(connection, findings);
  const state: LspState = {
    connection,
    documents,
    folders,
    settings,
    analyser,
    analyses,
    background,
    workspace,
    summary,
    facts,
    trusted: false,
    canRefresh: false,
    workDoneProgress: false,
    folderEvents: false,
    canWatch: false,
    push: false,
    pusher: new DiagnosticsPusher({ connection, documents, settings, analyses, summary }),
    async refreshDiagnostics() {
      if (state.push) state.pusher.scheduleAll();
      else if (state.canRefresh) await connection.languages.diagnostics.refresh();
    },
  };
  return state;
}
