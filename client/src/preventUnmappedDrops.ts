// "Stop Autogenerate from Dropping Tables Without a Model": the code action on drop-unmapped-table and the
// parity panel pass a file of the project; from the command palette it is the active editor's. The server
// writes the include_object hook into env.py; this applies the edit and shows env.py, unsaved, to review.

import * as vscode from 'vscode';
import { PREVENT_UNMAPPED_DROPS_REQUEST, type EditResult } from '../../server/src/protocol';
import type { Session } from './session';

export async function preventUnmappedDropsCommand(session: Session, arg: unknown): Promise<void> {
  const given = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>).uri : undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const uri = typeof given === 'string' ? given : active?.scheme === 'file' ? active.toString() : undefined;
  if (!uri) {
    void vscode.window.showInformationMessage('Migration Guard: open a file of the Alembic project (a migration or env.py) first.');
    return;
  }
  const result = await session.request<EditResult>(PREVENT_UNMAPPED_DROPS_REQUEST, { uri });
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Migration Guard: ${result.message}`);
    return;
  }
  if (!(await session.applyEdit(result.edit))) {
    void vscode.window.showErrorMessage('Migration Guard: the editor refused the change to env.py: it changed meanwhile. Try again.');
    return;
  }
  if (result.open) await vscode.window.showTextDocument(vscode.Uri.parse(result.open), { preview: false });
  void vscode.window.showInformationMessage(`Migration Guard: ${result.title}. Review and save env.py; the next autogenerate leaves tables without a model alone.`);
}
