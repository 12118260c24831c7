// The language server's entry point: it only wires LSP methods to their handlers. Run by VS Code over IPC,
// or with --stdio by tests and other editors.

import { createConnection } from 'vscode-languageserver/node';
import { RESCAN_REQUEST, RULE_DOCS_REQUEST } from '../protocol';
import { codeActions } from './codeActions';
import { configurationChanged } from './config';
import { documentDiagnostics } from './diagnostics';
import { foldersChanged, watchedFilesChanged } from './files';
import { hover } from './hover';
import { initialize, initialized } from './initialize';
import { rescan } from './rescan';
import { ruleDocs } from './ruleDocs';
import { guarded } from './safe';
import { createState } from './state';
import { workspaceDiagnostics } from './workspaceScan';

const connection = createConnection();
const state = createState(connection);
const none = () => undefined;

connection.onInitialize(initialize(state));
connection.onInitialized(guarded(connection, 'initialized', none, initialized(state, guarded(connection, 'workspace/didChangeWorkspaceFolders', none, foldersChanged(state)))));
connection.onDidChangeConfiguration(guarded(connection, 'workspace/didChangeConfiguration', none, configurationChanged(state)));
connection.onDidChangeWatchedFiles(guarded(connection, 'workspace/didChangeWatchedFiles', none, watchedFilesChanged(state)));

connection.languages.diagnostics.on(guarded(connection, 'textDocument/diagnostic', () => ({ kind: 'full' as const, items: [] }), documentDiagnostics(state)));
connection.languages.diagnostics.onWorkspace(guarded(connection, 'workspace/diagnostic', () => ({ items: [] }), workspaceDiagnostics(state)));
connection.onHover(guarded(connection, 'textDocument/hover', () => null, hover(state)));
connection.onCodeAction(guarded(connection, 'textDocument/codeAction', () => [], codeActions()));
connection.onRequest(RESCAN_REQUEST, guarded(connection, RESCAN_REQUEST, () => state.summary.current(), rescan(state)));
connection.onRequest(RULE_DOCS_REQUEST, guarded(connection, RULE_DOCS_REQUEST, () => [], ruleDocs()));

state.documents.onDidClose(guarded(connection, 'textDocument/didClose', none, (e) => state.analyses.forget(e.document.uri)));
state.documents.listen(connection);
connection.listen();
