// "Rehearse Migration on a Scratch Database" (the command, and the review sidebar's Rehearse button): saves
// the migration, since the server rehearses the file on disk, and shows a progress notification while the
// server runs it up and down. The findings arrive as diagnostics and the review's "tested" tick.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REHEARSE_REQUEST, type RehearseResult } from '../../server/src/protocol';
import type { Session } from './session';

/** Rehearses the migration at `uri`, with a progress notification; the server's answer. */
export async function rehearse(session: Session, uri: vscode.Uri): Promise<RehearseResult> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty && !(await doc.save())) return { ok: false, message: 'The migration could not be saved, so it was not rehearsed.' };
  const token = randomBytes(8).toString('hex');
  const title = `Migration Guard: rehearsing ${path.basename(uri.fsPath)}`;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const listening = session.onWorkDone(token, (value) => {
      if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
    });
    try {
      const python = await selectedPython(uri);
      return await session.request<RehearseResult>(REHEARSE_REQUEST, { uri: uri.toString(), workDoneToken: token, ...(python ? { python } : {}) });
    } finally {
      listening.dispose();
    }
  });
}

/** The part of the Python extension's API (ms-python.python) read here. */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(env: { path: string }): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
  };
}

/**
 * The interpreter the user selected for this file in the Python extension, else `python.defaultInterpreterPath`
 * when it is an absolute path; undefined lets the server look for the project's .venv, venv, then python3.
 * Only Alembic and Django migrations run it, and only in a trusted workspace (the server checks).
 */
async function selectedPython(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const extension = vscode.extensions.getExtension<PythonApi>('ms-python.python');
    const api = extension ? (extension.isActive ? extension.exports : await extension.activate()) : undefined;
    const environments = api?.environments;
    if (environments) {
      const executable = (await environments.resolveEnvironment(environments.getActiveEnvironmentPath(uri)))?.executable?.uri?.fsPath;
      if (executable) return executable;
    }
  } catch {
    // An older or failing Python extension: the setting, or the server's own search, still applies.
  }
  const configured = vscode.workspace.getConfiguration('python', uri).get<string>('defaultInterpreterPath');
  return configured && path.isAbsolute(configured) ? configured : undefined;
}

export async function rehearseCommand(session: Session, arg: unknown): Promise<void> {
  const given = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>).uri : undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const uri = typeof given === 'string' ? vscode.Uri.parse(given) : active?.scheme === 'file' ? active : undefined;
  if (!uri) {
    void vscode.window.showInformationMessage('Migration Guard: open the migration to rehearse first.');
    return;
  }
  const result = await rehearse(session, uri);
  if (result.ok) void vscode.window.showInformationMessage(`Migration Guard: ${result.message}`);
  else void vscode.window.showWarningMessage(`Migration Guard: ${result.message}`);
}
