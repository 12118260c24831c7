// Issue 7 end to end: a workspace that is not trusted, whose .vscode/settings.json names an embedded seed
// and a database URL (the driver writes them; incident/alembic.ini names a Postgres URL too). Analysis of
// the migration still works, but no database is read: no row counts in the findings, and the review
// sidebar says the database is off because the workspace is not trusted.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkpoint, test, waitFor } from './harness';

const MIGRATION = 'incident/migrations/versions/0002_add_project_budget.py';
const EDITOR = '.editor-instance .monaco-editor';
/** Only a database knows how many rows a table has: "project_keywords (412 rows", "3 rows", ... */
const ROW_COUNT = /\d[\d,]*\s+rows?\b/i;

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/**
 * The drop of `table`: drop-table's diagnostic, or (the incident's tables have no model) the
 * drop-unmapped-table diagnostic that drop-table was merged into, whose message names both rules.
 */
function isDropOf(d: vscode.Diagnostic, table: string): boolean {
  return (codeOf(d) === 'drop-table' || /Reported by .*\bdrop-table\b/.test(d.message)) && d.message.includes(table);
}

function describe(uri: vscode.Uri): string {
  return vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`).join(' | ') || 'no diagnostics';
}

test('untrusted workspace: analysis works, the configured database is never read', async () => {
  if (vscode.workspace.isTrusted !== false) throw new Error('the window should be in Restricted Mode (workspace.isTrusted === false)');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder is open');
  // The fixture is in place: the repository's own settings do name a seed and a URL.
  const section = vscode.workspace.getConfiguration('migrationGuard');
  if (section.inspect<string>('embeddedSeed')?.workspaceValue !== 'incident/seed.sql') throw new Error('the workspace settings do not name the embedded seed');
  if (!section.inspect<string>('databaseUrl')?.workspaceValue) throw new Error('the workspace settings do not name a database URL');

  const uri = vscode.Uri.file(path.join(folder, MIGRATION));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('migrationGuard.openReview');

  const drop = await waitFor('the drop-table diagnostic for project_keywords', () =>
    vscode.languages.getDiagnostics(uri).find((d) => isDropOf(d, 'project_keywords')), 90_000,
    () => describe(uri));
  if (drop.severity !== vscode.DiagnosticSeverity.Error) throw new Error(`drop-table should be an error, got severity ${drop.severity}`);

  // The sidebar says why there is no database (the server's DatabaseStatus is "untrusted"); by then the
  // server has answered a review, so a database, had it been read, would have had its chance to load.
  await checkpoint('09-restricted-mode', {
    visible: [`${EDITOR} .squiggly-error`],
    webview: {
      root: '#migration-guard-review',
      steps: [
        { visible: '.database[data-state="untrusted"]:has-text("not trusted")' },
        { count: '.database[data-state="ready"], .database[data-state="loading"], .database[data-state="error"]', equals: 0 },
      ],
    },
  });

  // Give a (wrongly) started database time to land, then: no finding carries a fact only a database has.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.some((d) => isDropOf(d, 'project_keywords'))) throw new Error(`the drop-table diagnostic went away: ${describe(uri)}`);
  const counted = all.filter((d) => ROW_COUNT.test(d.message));
  if (counted.length > 0) throw new Error(`row counts from a database in an untrusted workspace: ${counted.map((d) => `${codeOf(d)}: ${d.message}`).join(' | ')}`);
  if (vscode.workspace.isTrusted !== false) throw new Error('the workspace became trusted during the test');
});
