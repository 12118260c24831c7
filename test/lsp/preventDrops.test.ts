// "Stop autogenerate from dropping tables without a model" over the language server, on a copy of the
// incident: one code action for the drops of tables without a model, the parity view's hint, the env.py
// edit it answers, and, once env.py has the hook, neither action nor hint.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { EditResult, ParityView, ReviewState } from '../../server/src/protocol';
import { applyEdits, type CodeAction, fileUri, INCIDENT, type LspClient, TestWorkspaces, waitFor } from './client';

const REL = 'migrations/versions/0002_add_project_budget.py';
type CommandAction = CodeAction & { command?: { command: string; arguments: unknown[] }; diagnostics?: unknown[] };

const workspaces = new TestWorkspaces();
let client: LspClient;
let dir: string;
let uri: string;

before(async () => {
  dir = workspaces.folder('mg-lsp-prevent-', INCIDENT);
  uri = fileUri(path.join(dir, REL));
  client = await workspaces.start(dir, { seeded: true });
  client.open(uri, fs.readFileSync(path.join(dir, REL), 'utf8'));
});

after(() => workspaces.dispose());

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { retryUnanswered: true });

async function preventActions(): Promise<CommandAction[]> {
  const diagnostics = await client.diagnostics(uri);
  const actions = await client.request<CommandAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } }, context: { diagnostics } });
  return actions.filter((a) => a.command?.command === 'migrationGuard.preventUnmappedDrops');
}

test('one code action and a parity hint while env.py lacks the hook; its edit adds it, then both are gone', async () => {
  const offered = await until('the drop-unmapped-table diagnostics', async () => {
    const actions = await preventActions();
    return actions.length > 0 ? actions : undefined;
  });
  assert.equal(offered.length, 1, 'one action for the three drops');
  assert.equal(offered[0].title, 'Stop autogenerate from dropping tables without a model (env.py)');
  assert.equal(offered[0].diagnostics?.length, 3);
  assert.deepEqual(offered[0].command?.arguments, [{ uri }]);

  await waitFor('the database', async () => {
    const review = await client.request<ReviewState>('migrationGuard/review', { uri });
    return review.database.state === 'ready' ? true : undefined;
  }, { timeoutMs: 120_000, retryUnanswered: true });
  const parity = await client.request<ParityView>('migrationGuard/parity', { uri });
  assert.ok(parity.available);
  assert.equal(parity.unmappedDropsPossible, true);
  assert.match(parity.hints?.[0] ?? '', /^migrations\/env\.py does not stop autogenerate from dropping tables without a model/);

  const result = await client.request<EditResult>('migrationGuard/preventUnmappedDrops', offered[0].command!.arguments[0]);
  assert.ok(result.ok, JSON.stringify(result));
  const envPath = path.join(dir, 'migrations', 'env.py');
  assert.equal(result.open, fileUri(envPath));
  const [change] = result.edit.documentChanges;
  assert.ok('edits' in change && change.textDocument.uri === fileUri(envPath));
  const edited = applyEdits(fs.readFileSync(envPath, 'utf8'), change.edits);
  assert.equal(edited.split('include_object=include_object').length - 1, 2, edited);
  fs.writeFileSync(envPath, edited);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(envPath), type: 2 }] });

  await until('the action to go', async () => ((await preventActions()).length === 0 ? true : undefined));
  const after = await client.request<ParityView>('migrationGuard/parity', { uri });
  assert.ok(after.available);
  assert.deepEqual([after.hints, after.unmappedDropsPossible, after.tablesWithoutModel], [[], false, []]);
  const again = await client.request<EditResult>('migrationGuard/preventUnmappedDrops', { uri });
  assert.deepEqual(again, { ok: false, message: 'migrations/env.py already keeps autogenerate from dropping tables without a model.' });
});
