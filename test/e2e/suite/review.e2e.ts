// The review sidebar end to end, on the incident: the reviewer opens the migration, sees three
// unacknowledged drops in the checklist (with row counts from the embedded database seeded with the
// incident's data), acknowledges each with a reason, names the stakeholder, signs off, and the ledger
// on disk holds the sign-off; then an edit makes it stale. Screenshots of the sidebar in dark, light and
// high-contrast themes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentHash } from '../../../server/src/core/review/normalize';
import { checkpoint, test, waitFor, type WebviewStep } from './harness';

const MIGRATION = 'incident/migrations/versions/0002_add_project_budget.py';
const ROOT = '#migration-guard-review';
const SIDEBAR = '.part.sidebar';
const OPEN_OP = '.op[data-acknowledged="false"]';
const REASONS = [
  'keywords moved to the search service in ticket 88',
  'resource mappings are rebuilt nightly from the planner',
  'forecasts were exported to the warehouse on 2026-03-01',
];

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
}

async function theme(name: string, bodyClass: string, shot: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await checkpoint(shot, { webview: { root: ROOT, steps: [{ visible: `body.${bodyClass} #sign-off-status[data-state="valid"]` }] }, crop: SIDEBAR });
}

test('review sidebar: three unacknowledged drops, acknowledged, signed off, ledger on disk, stale after an edit', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder is open');
  // A repository with a committer: the ledger lives at its root and the signer comes from git.
  git(folder, 'init', '-q');
  git(folder, 'config', 'user.name', 'E2E Reviewer');
  git(folder, 'config', 'user.email', 'e2e@example.com');
  await vscode.workspace.getConfiguration('migrationGuard').update('embeddedSeed', 'incident/seed.sql', vscode.ConfigurationTarget.Workspace);

  const uri = vscode.Uri.file(path.join(folder, MIGRATION));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('migrationGuard.openReview');
  // Row counts in the message: the embedded database was read. One diagnostic per drop: drop-table is
  // merged into drop-unmapped-table's (the incident's tables have no model), whose message names both.
  await waitFor('the drop diagnostic with its row count', () =>
    vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'drop-unmapped-table' && d.message.includes('project_keywords (412 rows') && d.message.includes('drop-table')), 90_000,
    () => vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`).join(' | '));

  await checkpoint('03-review-three-unacknowledged-drops', {
    webview: {
      root: ROOT,
      steps: [
        { count: OPEN_OP, equals: 3 },
        { visible: '.item[data-id="data-loss-handled"][data-state="unchecked"]' },
        { visible: '.item[data-id="destructive-acknowledged"][data-state="unchecked"]' },
        { visible: '#sign-off[disabled]' },
        { visible: 'details[data-category="tablesWithoutModel"] [data-action="generate-model"]' },
      ],
    },
  });

  const acknowledge: WebviewStep[] = REASONS.flatMap((reason, i) => [
    { fill: `${OPEN_OP} input.reason`, value: reason },
    { click: `${OPEN_OP} button[data-action="acknowledge"]` },
    { count: OPEN_OP, equals: REASONS.length - 1 - i },
  ]);
  await checkpoint('04-review-acknowledged-and-signed-off', {
    webview: {
      root: ROOT,
      steps: [
        ...acknowledge,
        { visible: '.item[data-id="data-loss-handled"][data-state="auto-checked"]' },
        { visible: '.item[data-id="destructive-acknowledged"][data-state="auto-checked"]' },
        { click: '#answer-tested' },
        { fill: '#answer-tested-note', value: 'staging copy of production, 2 March' },
        { fill: '#answer-stakeholder-name', value: 'Grace Hopper (finance)' },
        { click: '#answer-stakeholder' },
        { click: '#sign-off:not([disabled])' },
        { visible: '#sign-off-status[data-state="valid"]' },
      ],
    },
  });

  const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
  for (const reason of REASONS) {
    if (!onDisk.includes(`# migration-guard: allow drop-table, drop-unmapped-table -- ${reason}`)) throw new Error(`no allow comment with "${reason}" in the saved migration:\n${onDisk}`);
  }
  const ledgerFile = path.join(folder, '.migration-review.json');
  const entry = await waitFor('the sign-off in the ledger', () => {
    if (!fs.existsSync(ledgerFile)) return undefined;
    return (JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) as { signoffs: Record<string, { sha256: string; signedBy: string; signedAt: string; checklist: Array<{ id: string; state: string; by: string; name?: string; note?: string }> }> }).signoffs[MIGRATION];
  }, 20_000);
  if (entry.sha256 !== contentHash(onDisk)) throw new Error(`the ledger's hash ${entry.sha256} is not the saved migration's ${contentHash(onDisk)}`);
  if (entry.signedBy !== 'E2E Reviewer <e2e@example.com>') throw new Error(`signed by ${entry.signedBy}`);
  if (Number.isNaN(Date.parse(entry.signedAt))) throw new Error(`signedAt ${entry.signedAt}`);
  const states = entry.checklist.map((i) => `${i.id}:${i.state}:${i.by}`).join(' ');
  if (states !== 'data-loss-handled:checked:tool destructive-acknowledged:checked:tool live-schema:checked:tool tested:checked:person stakeholder:checked:person') {
    throw new Error(`checklist recorded as ${states}`);
  }
  if (entry.checklist[4]?.name !== 'Grace Hopper (finance)' || entry.checklist[3]?.note !== 'staging copy of production, 2 March') throw new Error(`manual answers recorded as ${JSON.stringify(entry.checklist)}`);

  await theme('Default Dark Modern', 'vscode-dark', '05-sidebar-dark');
  await theme('Default Light Modern', 'vscode-light', '06-sidebar-light');
  await theme('Default High Contrast', 'vscode-high-contrast', '07-sidebar-high-contrast');

  // Editing the signed-off migration: the sidebar says the sign-off no longer applies, and so does a diagnostic.
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\n# a late change\n'));
  await waitFor('the stale-review diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'stale-review'), 30_000);
  await checkpoint('08-sidebar-stale-after-edit', { webview: { root: ROOT, steps: [{ visible: '#sign-off-status[data-state="stale"]' }] }, crop: SIDEBAR });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}, 240_000);
