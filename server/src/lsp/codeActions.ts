// textDocument/codeAction: the quick fixes carried in each diagnostic's data. Nothing is analysed here;
// the edits were computed with the diagnostics, for the document version they name. "Generate model" is
// the exception: it reads the live table, so it is a command, offered when the database has the table.
// So is "Stop autogenerate from dropping tables without a model", which edits env.py, not the migration.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { findTable } from '../core/db/schemaSource';
import { PREVENT_UNMAPPED_DROPS_TITLE } from '../core/fixes/includeObject';
import { GENERATE_MODEL_COMMAND, PREVENT_UNMAPPED_DROPS_COMMAND, type DiagnosticData, type FixData, type GenerateModelParams, type PreventUnmappedDropsParams } from '../protocol';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { uriToPath } from './scope';
import type { LspState } from './state';

export function codeActions(state: LspState) {
  return (params: CodeActionParams): CodeAction[] => {
    const only = params.context.only;
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const uri = params.textDocument.uri;
    const actions: CodeAction[] = [];
    const unmapped: Diagnostic[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
      const { version, fixes } = diagnostic.data;
      for (const fix of fixes) actions.push(toAction(uri, version, fix, diagnostic));
      const table = diagnostic.data.table;
      if (table && hasLiveTable(state, uri, table)) {
        const args: GenerateModelParams = { uri, table };
        const title = `Generate a model for ${table} from the live table`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: GENERATE_MODEL_COMMAND, arguments: [args] } });
      }
      if (table) unmapped.push(diagnostic);
    }
    // One env.py edit answers every drop of a table without a model in the file.
    if (unmapped.length > 0 && unmappedDropsPossible(state, uri)) {
      const args: PreventUnmappedDropsParams = { uri };
      const title = `${PREVENT_UNMAPPED_DROPS_TITLE} (env.py)`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: unmapped, command: { title, command: PREVENT_UNMAPPED_DROPS_COMMAND, arguments: [args] } });
    }
    return actions;
  };
}

/** The project's env.py, as last read, lets autogenerate emit drops for tables without a model. */
function unmappedDropsPossible(state: LspState, uri: string): boolean {
  const absolute = uriToPath(uri);
  return absolute !== undefined && state.facts.forFile(absolute)?.models?.unmappedGuard === false;
}

function hasLiveTable(state: LspState, uri: string, table: string): boolean {
  const absolute = uriToPath(uri);
  const snapshot = absolute ? state.facts.db.snapshot(state.facts.layoutOf(absolute)) : undefined;
  return snapshot !== undefined && findTable(snapshot, { name: table }) !== undefined;
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
