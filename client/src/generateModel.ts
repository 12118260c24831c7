// "Generate Model for Table": the code action on drop-unmapped-table and the sidebar's parity panel pass
// the table; from the command palette the reviewer picks one of the tables without a model. The server
// writes the model from the live table; this applies its edit and opens the new file.

import * as vscode from 'vscode';
import { GENERATE_MODEL_REQUEST, PARITY_REQUEST, type EditResult, type GenerateModelParams, type ParityView } from '../../server/src/protocol';
import type { Session } from './session';

export async function generateModelCommand(session: Session, arg: unknown): Promise<void> {
  const params = parseParams(arg) ?? (await pickTable(session));
  if (!params) return;
  const result = await session.request<EditResult>(GENERATE_MODEL_REQUEST, params);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Migration Guard: ${result.message}`);
    return;
  }
  if (!(await session.applyEdit(result.edit, { isRefactoring: true }))) {
    // The edit needs confirmation in the refactor preview: cancelling it lands here too.
    void vscode.window.showInformationMessage('Migration Guard: no model was written (the preview was cancelled, or the model file exists already).');
    return;
  }
  if (result.expect && !(await holds(result.expect.uri, result.expect.contains))) {
    void vscode.window.showWarningMessage('Migration Guard: the model was not written: the refactor preview applies only the changes ticked in it. Changes that were ticked (such as the import) were applied: undo them with Edit > Undo, then run Generate model again and tick both files before Apply.');
    return;
  }
  // Confirmed in the preview, so saved: the model index reads the disk, and only then is the drop a
  // drop-mapped-table error (files.refactoring.autoSave would do it too, where it is on).
  await saveTouched(result.edit);
  if (result.open) await vscode.window.showTextDocument(vscode.Uri.parse(result.open), { preview: false });
  void vscode.window.showInformationMessage(`Migration Guard: ${result.done ?? `${result.title}.`}`);
}

async function saveTouched(edit: Extract<EditResult, { ok: true }>['edit']): Promise<void> {
  const uris = new Set(edit.documentChanges.flatMap((c) => ('textDocument' in c ? [vscode.Uri.parse(c.textDocument.uri).toString()] : [])));
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && uris.has(doc.uri.toString())) await doc.save();
  }
}

/** Whether the file (as the editor has it, else on disk) holds `text`. */
async function holds(uri: string, text: string): Promise<boolean> {
  try {
    return (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText().includes(text);
  } catch {
    return false;
  }
}

function parseParams(arg: unknown): GenerateModelParams | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, table, schema } = arg as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof table !== 'string' || table === '') return undefined;
  return typeof schema === 'string' ? { uri, table, schema } : { uri, table };
}

async function pickTable(session: Session): Promise<GenerateModelParams | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Migration Guard: open a file of the project (a migration) to generate a model for one of its tables.');
    return undefined;
  }
  const uri = doc.uri.toString();
  const parity = await session.request<ParityView>(PARITY_REQUEST, { uri });
  if (!parity.available) {
    void vscode.window.showErrorMessage(`Migration Guard: ${parity.message}`);
    return undefined;
  }
  if (parity.tablesWithoutModel.length === 0) {
    void vscode.window.showInformationMessage('Migration Guard: every table in the database has a model.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    parity.tablesWithoutModel.map((t) => ({ label: t.name, description: [t.schema, t.rows].filter(Boolean).join(' · '), table: t })),
    { title: 'Generate a model for a table that has none', placeHolder: 'Autogenerate would drop these tables' },
  );
  return picked ? { uri, table: picked.table.name, schema: picked.table.schema } : undefined;
}
