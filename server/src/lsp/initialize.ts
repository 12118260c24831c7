// initialize: what the server offers, what it learns about the client, and the parsers loaded up front
// so the first diagnostics do not wait for them. initialized: what needs the handshake done first.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { initAnalyzer } from '../core/analyze';
import { SETTINGS_SECTION, type InitializationOptions } from '../protocol';
import { registerWatchers } from './files';
import type { LspState } from './state';

const DIAGNOSTIC_IDENTIFIER = 'migration-guard';

export function initialize(state: LspState) {
  return async (params: InitializeParams): Promise<InitializeResult> => {
    const capabilities = params.capabilities;
    state.settings.canAsk = capabilities.workspace?.configuration === true;
    state.canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    state.workDoneProgress = capabilities.window?.workDoneProgress === true;
    const options = params.initializationOptions as Partial<InitializationOptions> | undefined;
    state.trusted = options?.trusted === true;
    state.facts.db.configure(options?.database, state.trusted);
    state.folders.set((params.workspaceFolders ?? []).map((f) => f.uri));
    state.folderEvents = capabilities.workspace?.workspaceFolders === true;
    state.canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    state.push = capabilities.textDocument?.diagnostic === undefined;
    await initAnalyzer();
    return {
      capabilities: {
        // A client that pushes gets saves too (diagnostics are published again then) and no pull provider.
        textDocumentSync: state.push ? { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } : TextDocumentSyncKind.Incremental,
        ...(state.push ? {} : { diagnosticProvider: { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: false, workspaceDiagnostics: true } }),
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Migration Guard' },
    };
  };
}

export function initialized(state: LspState, onFoldersChanged: (event: WorkspaceFoldersChangeEvent) => void) {
  return async (): Promise<void> => {
    if (state.folderEvents) state.connection.workspace.onDidChangeWorkspaceFolders(onFoldersChanged);
    if (!state.trusted) state.connection.console.info('Migration Guard: the workspace is not trusted, so only migration files are read; nothing connects to a database.');
    if (state.settings.canAsk) await state.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (state.canWatch) await registerWatchers(state);
  };
}
