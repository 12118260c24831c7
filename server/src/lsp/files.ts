// Changes to the set of files on disk: watched-file events (sent by the client's file watcher) and
// workspace folders added or removed. Both make the workspace scan walk the folders again. Edits to a
// file need nothing here: the scan sees its new size and modification time on the client's next pull.

import * as path from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { BASELINE_FILE } from '../core/applied/baseline';
import { LEDGER_FILE } from '../core/review/ledger';
import { uriToPath } from './scope';
import type { LspState } from './state';

export function watchedFilesChanged(state: LspState) {
  return (params: DidChangeWatchedFilesParams): void => {
    state.workspace.invalidate();
    const files = params.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => f !== undefined);
    const names = files.map((f) => path.basename(f));
    // Facts follow the files they come from: the ledger, the project files, the models.
    if (names.includes(LEDGER_FILE)) state.facts.ledgerChanged();
    if (names.includes(BASELINE_FILE)) state.facts.baselineChanged();
    const comeOrGone = params.changes.filter((c) => c.type !== FileChangeType.Changed).map((c) => uriToPath(c.uri));
    if (comeOrGone.some((f) => f !== undefined && /\.(?:py|sql)$/i.test(f))) state.facts.migrationsAddedOrRemoved();
    if (names.some((n) => n === 'alembic.ini' || n === 'manage.py')) state.facts.projectsChanged();
    else if (files.some((f) => f.endsWith('.py') && !state.facts.inMigrationFolder(f))) state.facts.modelsChanged();
  };
}

export function foldersChanged(state: LspState) {
  return async (event: WorkspaceFoldersChangeEvent): Promise<void> => {
    state.folders.add(event.added.map((f) => f.uri));
    state.folders.remove(event.removed.map((f) => f.uri));
    state.workspace.invalidate();
    await state.refreshDiagnostics();
  };
}
