// Everything the handlers share, created once per connection.

import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings';
import { SettingsStore } from './config';
import { DocumentAnalyses } from './documents';
import { WorkspaceFolders } from './scope';
import { SummaryPublisher } from './summary';
import { WorkspaceScan } from './workspaceScan';

export interface LspState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  analyses: DocumentAnalyses;
  workspace: WorkspaceScan;
  summary: SummaryPublisher;
  /** From initializationOptions; false until the client says the workspace is trusted. */
  trusted: boolean;
  /** Set at initialize when the client supports workspace/diagnostic/refresh. */
  canRefresh: boolean;
  /** Set at initialize when the client can show server-created progress (window/workDoneProgress/create). */
  workDoneProgress: boolean;
  /** Set at initialize when the client sends workspace-folder changes (listening for them otherwise throws). */
  folderEvents: boolean;
  /** Asks the client to pull every document's and the workspace's diagnostics again. */
  refreshDiagnostics(): Promise<void>;
}

export function createState(connection: Connection): LspState {
  const folders = new WorkspaceFolders();
  const analyses = new DocumentAnalyses(folders);
  const workspace = new WorkspaceScan(folders, (m) => connection.console.warn(m));
  const findings = (): Map<string, Finding[]> => {
    const byPath = workspace.findings();
    for (const a of analyses.all()) byPath.set(a.report.path, a.report.findings);
    return byPath;
  };
  const state: LspState = {
    connection,
    documents: new TextDocuments(TextDocument),
    folders,
    settings: new SettingsStore(connection),
    analyses,
    workspace,
    summary: new SummaryPublisher(connection, findings),
    trusted: false,
    canRefresh: false,
    workDoneProgress: false,
    folderEvents: false,
    async refreshDiagnostics() {
      if (state.canRefresh) await connection.languages.diagnostics.refresh();
    },
  };
  return state;
}
