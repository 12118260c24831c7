// The flow over the language server, on a copy of the incident with its seed data: Generate model
// writes a model for project_keywords; the drop of that table becomes a drop-mapped-table error naming the
// model; its quick fix removes the drop; the checklist's live-schema item then names only the two tables
// still without a model.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { EditResult, ReviewState } from '../../server/src/protocol';
import { applyEdits, type CodeAction, fileUri, INCIDENT, type LspClient, TestWorkspaces, waitFor } from './client';

const REL = 'migrations/versions/0002_add_project_budget.py';
const workspaces = new TestWorkspaces();
let client: LspClient;
let dir: string;
let uri: string;

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { timeoutMs: 60_000 });

before(async () => {
  dir = workspaces.folder('mg-lsp-mapped-', INCIDENT);
  uri = fileUri(path.join(dir, REL));
  client = await workspaces.start(dir, { seeded: true });
  client.open(uri, fs.readFileSync(path.join(dir, REL), 'utf8'));
});

after(() => workspaces.dispose());

test('after Generate model the drop is a drop-mapped-table error, and its quick fix removes the drop', async () => {
  const live = (r: ReviewState) => r.checklist.find((i) => i.id === 'live-schema');
  const ready = await until('the database', async () => {
    // The embedded database seeds in the server's own thread: on a loaded machine that takes a while.
    const r = await client.request<ReviewState>('migrationGuard/review', { uri }, 60_000);
    return r.database.state === 'ready' ? r : undefined;
  });
  assert.equal(live(ready)?.state, 'unchecked');
  assert.match(live(ready)?.detail ?? '', /^Not clean: no model maps project_keywords \(412 rows\), /);

  const result = await client.request<EditResult>('migrationGuard/generateModel', { uri, table: 'project_keywords' });
  assert.ok(result.ok, JSON.stringify(result));
  // Applied as the editor would after the preview is confirmed: the new file, then the import.
  const changed: string[] = [];
  for (const change of result.edit.documentChanges) {
    if ('kind' in change) continue;
    const file = new URL(change.textDocument.uri).pathname;
    fs.writeFileSync(file, applyEdits(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '', change.edits));
    changed.push(change.textDocument.uri);
  }
  client.notify('workspace/didChangeWatchedFiles', { changes: changed.map((u, i) => ({ uri: u, type: i === 0 ? 1 : 2 })) });

  const mapped = await until('drop-mapped-table on the drop', async () => {
    const d = (await client.diagnostics(uri)).find((x) => x.range.start.line === 18);
    return d?.code === 'drop-mapped-table' ? d : undefined;
  });
  assert.match(mapped.message, /^Drops table project_keywords \(412 rows\), which model ProjectKeyword in app\/models\/project_keywords\.py still maps: /);
  assert.doesNotMatch(mapped.message, /missing|no model/);
  assert.ok(!mapped.message.includes('`'), 'plain quotes in diagnostics');

  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: mapped.range, context: { diagnostics: [mapped] } });
  const remove = actions.find((a) => a.title.startsWith('Remove this drop of project_keywords'));
  assert.ok(remove?.edit, actions.map((a) => a.title).join('\n'));
  const before = fs.readFileSync(path.join(dir, REL), 'utf8');
  const edits = remove.edit.changes?.[uri] ?? remove.edit.documentChanges?.find((c) => c.textDocument.uri === uri)?.edits ?? [];
  const after = applyEdits(before, edits);
  assert.ok(!after.includes('op.drop_table("project_keywords")'));
  client.change(uri, after);

  const review = await until('the review without the drop', async () => {
    const r = await client.request<ReviewState>('migrationGuard/review', { uri });
    return r.operations.some((o) => o.table === 'project_keywords') ? undefined : r;
  });
  assert.deepEqual(review.operations.map((o) => o.table), ['project_resource_mappings', 'project_monthly_forecast']);
  assert.match(live(review)?.detail ?? '', /^Not clean: no model maps project_resource_mappings \(1,236 rows\), project_monthly_forecast \(618 rows\)\.$/);
});
