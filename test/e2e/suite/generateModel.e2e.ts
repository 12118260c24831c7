// Issue 21's flow end to end, on a copy of the incident of its own (incident-flow/, so the review test's
// copy stays as it was): the migration drops three tables no model maps, so the live-schema item of the
// checklist is NOT ticked; from the parity panel the reviewer generates a model for project_keywords and
// confirms the refactor preview; the drop of project_keywords is then a drop-mapped-table error; its quick
// fix removes the drop; parity and the checklist then name only the two tables still without a model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkpoint, test, waitFor } from './harness';

const PROJECT = 'incident-flow';
const MIGRATION = `${PROJECT}/migrations/versions/0002_add_project_budget.py`;
const MODEL = `${PROJECT}/app/models/project_keywords.py`;
const ROOT = '#migration-guard-review';
const SIDEBAR = '.part.sidebar';
/** Workbench DOM (VS Code 1.100): the text editor, the Problems panel, the refactor preview and its Apply button. */
const EDITOR = '.editor-instance .monaco-editor';
const PROBLEMS = '.markers-panel';
const PREVIEW = '.bulk-edit-panel';
const APPLY = `${PREVIEW} .buttons .monaco-button:not(.secondary)`;
/**
 * VS Code starts changes that need confirmation unticked; a file's box ticks all of its changes. Rows are
 * picked by their file name (only a file's own row shows it), the new file first, then the import.
 */
const TICK_FILES = ['project_keywords.py', '__init__.py'].map((file) => `${PREVIEW} .monaco-list-row:has-text("${file}") input.edit-checkbox`);
const LIVE = '.item[data-id="live-schema"]';
const WITHOUT_MODEL = 'details[data-category="tablesWithoutModel"]';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function describe(uri: vscode.Uri): () => string {
  return () => vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`).join(' | ') || 'no diagnostics';
}

test('generate model flow: checklist not ticked, parity, Generate model through its preview, drop-mapped-table, its quick fix, parity and checklist updated', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder is open');
  await vscode.workspace.getConfiguration('migrationGuard').update('embeddedSeed', 'incident/seed.sql', vscode.ConfigurationTarget.Workspace);
  const uri = vscode.Uri.file(path.join(folder, MIGRATION));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('migrationGuard.openReview');
  await waitFor('drop-unmapped-table on project_keywords with its row count', () =>
    vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'drop-unmapped-table' && d.message.includes('project_keywords (412 rows')), 90_000, describe(uri));

  // 1. The checklist does not reassure: three drops of tables without a model leave live-schema unticked.
  await checkpoint('20-flow-checklist-not-ticked', {
    webview: {
      root: ROOT,
      steps: [
        { visible: `${LIVE}[data-state="unchecked"] .detail:has-text("no model maps project_keywords (412 rows)")` },
        { count: `${LIVE}[data-state="auto-checked"]`, equals: 0 },
        { visible: `${WITHOUT_MODEL} .count[data-count="3"]` },
      ],
    },
    crop: SIDEBAR,
  });

  // 2. Parity: Generate model for project_keywords. Nothing is written before the preview is confirmed.
  await checkpoint('21-flow-generate-model-preview', {
    webview: { root: ROOT, steps: [{ click: `${WITHOUT_MODEL} button[data-action="generate-model"][data-table="project_keywords"]` }] },
    visible: [PREVIEW, APPLY],
  });
  if (fs.existsSync(path.join(folder, MODEL))) throw new Error(`${MODEL} was written before the preview was confirmed`);

  // 3. Confirmed in the preview: the reviewer ticks both files (the new model, the import) and presses Apply.
  // The model is written and saved, in the project's style (2.0 typed), and the toast says what went where.
  await checkpoint('22-flow-model-written', {
    click: [...TICK_FILES, APPLY],
    visible: ['.tabs-container .tab :text-is("project_keywords.py")', '.notification-toast:has-text("Wrote model ProjectKeyword for table project_keywords")'],
  });
  const model = await waitFor(`${MODEL} on disk`, () => {
    const file = path.join(folder, MODEL);
    return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('class ProjectKeyword(') ? fs.readFileSync(file, 'utf8') : undefined;
  }, 30_000);
  if (!/project_id: Mapped\[int\] = mapped_column\(/.test(model)) throw new Error(`the model does not follow the incident's typed style:\n${model}`);
  const init = fs.readFileSync(path.join(folder, PROJECT, 'app/models/__init__.py'), 'utf8');
  if (!/import ProjectKeyword\b/.test(init)) throw new Error(`app/models/__init__.py does not import the model:\n${init}`);

  // 4. The drop of a table a model maps is an error of its own, naming the model.
  const mapped = await waitFor('drop-mapped-table on the drop of project_keywords', () =>
    vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'drop-mapped-table' && d.message.includes('ProjectKeyword')), 60_000, describe(uri));
  if (mapped.severity !== vscode.DiagnosticSeverity.Error) throw new Error(`drop-mapped-table has severity ${mapped.severity}, not Error`);
  if (/missing|no model/i.test(mapped.message)) throw new Error(`the message suspects a missing model: ${mapped.message}`);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(mapped.range.start, mapped.range.start) });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await checkpoint('23-flow-drop-mapped-table', { visible: [`${EDITOR} .squiggly-error`, `${PROBLEMS} .monaco-list-row:has-text("ProjectKeyword")`] });

  // 5. Its quick fix removes the drop (the same request the lightbulb makes).
  const actions = await waitFor('the quick fixes of drop-mapped-table', async () => {
    const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, mapped.range, vscode.CodeActionKind.QuickFix.value);
    return found?.some((a) => a.title.startsWith('Remove this drop of project_keywords')) ? found : undefined;
  }, 30_000);
  const remove = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.title.startsWith('Remove this drop of project_keywords'));
  if (!remove?.edit || !(await vscode.workspace.applyEdit(remove.edit))) throw new Error(`the remove-drop quick fix did not apply: ${JSON.stringify(actions.map((a) => a.title))}`);
  if (!(await doc.save())) throw new Error('saving the migration failed');
  if (fs.readFileSync(uri.fsPath, 'utf8').includes('op.drop_table("project_keywords")')) throw new Error('the drop of project_keywords is still in the saved migration');
  await waitFor('no finding on project_keywords any more', () =>
    vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('project_keywords') && d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true, 30_000, describe(uri));

  // 6. Parity and the checklist follow: two tables without a model, project_keywords matched by ProjectKeyword.
  await checkpoint('24-flow-parity-and-checklist-updated', {
    webview: {
      root: ROOT,
      steps: [
        { visible: `${LIVE}[data-state="unchecked"] .detail:has-text("Not clean: no model maps project_resource_mappings (1,236 rows), project_monthly_forecast (618 rows).")` },
        { count: `${LIVE} .detail:has-text("project_keywords")`, equals: 0 },
        { visible: `${WITHOUT_MODEL} .count[data-count="2"]` },
        { count: 'details[data-category="matched"] li[data-filter-text="project_keywords projectkeyword"]', equals: 1 },
      ],
    },
    crop: SIDEBAR,
  });
}, 300_000);
