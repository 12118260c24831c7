// The language server's entry point: it only wires LSP methods to their handlers. Run by VS Code over IPC,
// or with --stdio by tests and other editors.

import { createConnection } from 'vscode-languageserver/node';
import {
  ACKNOWLEDGE_REQUEST,
  DATABASE_SETTINGS_NOTIFICATION,
  GENERATE_MODEL_REQUEST,
  PARITY_REQUEST,
  PREVENT_UNMAPPED_DROPS_REQUEST,
  REHEARSE_REQUEST,
  RESCAN_REQUEST,
  REVIEW_REQUEST,
  RULE_DOCS_REQUEST,
  SIGN_OFF_REQUEST,
} from '../protocol';
import { acknowledge } from './acknowledge';
import { codeActions } from './codeActions';
import { configurationChanged, databaseSettingsChanged } from './config';
import { documentDiagnostics } from './diagnostics';
import { foldersChanged, watchedFilesChanged } from './files';
import { generateModel } from './generateModel';
import { hover } from './hover';
import { initialize, initialized } from './initialize';
import { parity } from './parity';
import { preventUnmappedDrops } from './preventUnmappedDrops';
import { rehearseRequest } from './rehearse';
import { rescan } from './rescan';
import { review } from './review';
import { ruleDocs } from './ruleDocs';
import { guarded } from './safe';
import { uriToPath } from './scope';
import { signOff } from './signOff';
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
connection.onCodeAction(guarded(connection, 'textDocument/codeAction', () => [], codeActions(state)));
connection.onRequest(RESCAN_REQUEST, guarded(connection, RESCAN_REQUEST, () => state.summary.current(), rescan(state)));
connection.onRequest(RULE_DOCS_REQUEST, guarded(connection, RULE_DOCS_REQUEST, () => [], ruleDocs()));
connection.onNotification(DATABASE_SETTINGS_NOTIFICATION, guarded(connection, DATABASE_SETTINGS_NOTIFICATION, none, databaseSettingsChanged(state)));
connection.onRequest(REVIEW_REQUEST, guarded(connection, REVIEW_REQUEST, () => null, review(state)));
connection.onRequest(SIGN_OFF_REQUEST, guarded(connection, SIGN_OFF_REQUEST, () => ({ ok: false as const, message: 'Sign-off failed; see the Migration Guard output.' }), signOff(state)));
connection.onRequest(ACKNOWLEDGE_REQUEST, guarded(connection, ACKNOWLEDGE_REQUEST, () => ({ ok: false as const, message: 'Acknowledging failed; see the Migration Guard output.' }), acknowledge(state)));
connection.onRequest(PARITY_REQUEST, guarded(connection, PARITY_REQUEST, () => ({ available: false as const, message: 'Parity failed; see the Migration Guard output.', database: { state: 'none' as const } }), parity(state)));
connection.onRequest(GENERATE_MODEL_REQUEST, guarded(connection, GENERATE_MODEL_REQUEST, () => ({ ok: false as const, message: 'Generate model failed; see the Migration Guard output.' }), generateModel(state)));
connection.onRequest(PREVENT_UNMAPPED_DROPS_REQUEST, guarded(connection, PREVENT_UNMAPPED_DROPS_REQUEST, () => ({ ok: false as const, message: 'Changing env.py failed; see the Migration Guard output.' }), preventUnmappedDrops(state)));
connection.onRequest(REHEARSE_REQUEST, guarded(connection, REHEARSE_REQUEST, () => ({ ok: false as const, message: 'The rehearsal failed; see the Migration Guard output.' }), rehearseRequest(state)));
connection.onShutdown(guarded(connection, 'shutdown', none, () => {
  state.background?.close();
  return state.facts.db.closeAll();
}));

state.documents.onDidClose(guarded(connection, 'textDocument/didClose', none, (e) => {
  state.analyses.forget(e.document.uri);
  if (state.push) state.pusher.clear(e.document.uri);
}));
// Clients that do not pull diagnostics get them published (push.ts); onDidChangeContent covers opening too.
state.documents.onDidChangeContent((e) => {
  const absolute = uriToPath(e.document.uri);
  if (absolute) state.facts.textChanged(absolute, e.document.getText());
  if (state.push) state.pusher.schedule(e.document.uri);
});
state.documents.onDidSave((e) => state.push && state.pusher.schedule(e.document.uri));
state.documents.listen(connection);
connection.listen();
