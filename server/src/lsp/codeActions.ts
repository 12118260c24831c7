// textDocument/codeAction: the quick fixes carried in each diagnostic's data. Nothing is analysed here;
// the edits were computed with the diagnostics, for the document version they name.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { DiagnosticData, FixData } from '../protocol';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export function codeActions() {
  return (params: CodeActionParams): CodeAction[] => {
    const only = params.context.only;
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const uri = params.textDocument.uri;
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
      const { version, fixes } = diagnostic.data;
      for (const fix of fixes) actions.push(toAction(uri, version, fix, diagnostic));
    }
    return actions;
  };
}

function toAction(uri: string, version: number | null, fix: FixData, diagnostic: Diagnostic): CodeAction {
  // With the version named, the editor refuses the edit if the document changed since it was analysed.
  const edit: WorkspaceEdit =
    version === null ? { changes: { [uri]: fix.edits } } : { documentChanges: [{ textDocument: { uri, version }, edits: fix.edits }] };
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit };
}

function isDiagnosticData(data: unknown): data is DiagnosticData {
  const d = data as DiagnosticData | undefined;
  return typeof d === 'object' && d !== null && Array.isArray(d.fixes) && (d.version === null || typeof d.version === 'number');
}
