// Changes to the set of files on disk: watched-file events and workspace folders added or removed. The
// server asks the client to watch what its facts come from (client/registerCapability), so every editor
// that registers watchers dynamically sends them, not only the VS Code extension. Both kinds of change
// make the workspace scan walk the folders again. Edits to a migration need nothing here: the scan sees
// its new size and modification time on the next pull.

import * as path from 'node:path';
import { FileChangeType, DidChangeWatchedFilesNotification, type DidChangeWatchedFilesParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { BASELINE_FILE } from '../core/applied/baseline';
import { DIALECT_FILES } from '../core/project';
import { LEDGER_FILE } from '../core/review/ledger';
import { uriToPath } from './scope';
import type { LspState } from './state';

const PROJECT_FILES = ['alembic.ini', 'manage.py'];

/** Migrations (for the scan), models and env.py, the ledger, and the files that name a project's database. */
const WATCHED_GLOBS = ['**/*.py', '**/*.sql', `**/${LEDGER_FILE}`, `**/${BASELINE_FILE}`, `**/{${[...new Set([...PROJECT_FILES, ...DIALECT_FILES])].join(',')}}`];

export async function registerWatchers(state: LspState): Promise<void> {
  await state.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
}

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
    if (names.some((n) => PROJECT_FILES.includes(n))) state.facts.projectsChanged();
    // env.py sits in the migration folder, but decides which models autogenerate sees.
    else if (files.some((f) => f.endsWith('.py') && (path.basename(f) === 'env.py' || !state.facts.inMigrationFolder(f)))) state.facts.modelsChanged();
    if (names.some((n) => DIALECT_FILES.includes(n))) state.facts.dialectChanged();
    for (const f of files) state.facts.fileChanged(f);
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
