// Changes to the set of files on disk: watched-file events (sent by the client's file watcher) and
// workspace folders added or removed. Both make the workspace scan walk the folders again. Edits to a
// file need nothing here: the scan sees its new size and modification time on the client's next pull.

import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import type { LspState } from './state';

export function watchedFilesChanged(state: LspState) {
  return (): void => {
    state.workspace.invalidate();
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
