// The review over the language server, on a copy of the incident with its seed data in an embedded
// PostgreSQL: the database read in the background (then diagnostics pulled again with row counts),
// the review's operations and checklist, acknowledging, signing off into the ledger, the sign-off going
// stale on an edit, hover facts, parity, "Generate model", an untrusted workspace, and a password that
// never shows up anywhere.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { renderView } from '../../client/webview/render';
import { sidebarHtml } from '../../client/src/sidebar/html';
import { contentHash } from '../../server/src/core/review/normalize';
import type { EditResult, ParityView, ReviewState, SignOffResult } from '../../server/src/protocol';
import { applyEdits, type CodeAction, fileUri, INCIDENT, LspClient, TestWorkspaces, waitFor } from './client';

const REL = 'migrations/versions/0002_add_project_budget.py';
const workspaces = new TestWorkspaces();
let client: LspClient;
let dir: string;
let uri: string;
let text: string;

function incidentCopy(git: boolean): string {
  const copy = workspaces.folder('mg-lsp-review-', INCIDENT);
  if (git) {
    execFileSync('git', ['init', '-q', copy]);
    execFileSync('git', ['-C', copy, 'config', 'user.name', 'Test Reviewer']);
    execFileSync('git', ['-C', copy, 'config', 'user.email', 'test@example.com']);
  }
  return copy;
}

async function review(c: LspClient, u: string): Promise<ReviewState> {
  return c.request<ReviewState>('migrationGuard/review', { uri: u });
}

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe);

before(async () => {
  dir = incidentCopy(true);
  uri = fileUri(path.join(dir, REL));
  text = fs.readFileSync(path.join(dir, REL), 'utf8');
  client = await workspaces.start(dir, { seeded: true });
  client.open(uri, text);
});

after(() => workspaces.dispose());

test('the database is read in the background; then diagnostics carry row counts and the review lists three drops', async () => {
  const ready = await until('the database', async () => {
    const r = await review(client, uri);
    return r.database.state === 'ready' ? r : undefined;
  });
  assert.ok(client.refreshRequests > 0, 'the client was asked to pull diagnostics again');
  assert.ok(client.reviewChanges > 0, 'the client was told the review changed');
  const diagnostics = await client.diagnostics(uri);
  // One diagnostic per drop: drop-unmapped-table's, naming the drop-table merged into it.
  const keywords = diagnostics.filter((d) => d.range.start.line === 18);
  assert.deepEqual(keywords.map((d) => d.code), ['drop-unmapped-table'], JSON.stringify(diagnostics.map((d) => d.message)));
  assert.match(keywords[0].message, /project_keywords \(412 rows\).*Reported by drop-unmapped-table and drop-table\.$/);
  assert.equal(ready.path, REL);
  assert.deepEqual(ready.operations.map((o) => [o.line, o.table, o.acknowledged, o.range.start.line]), [
    [19, 'project_keywords', false, 18],
    [20, 'project_resource_mappings', false, 19],
    [21, 'project_monthly_forecast', false, 20],
  ]);
  // Three drops of tables no model maps: parity is not clean, so the live-schema item is not ticked.
  assert.deepEqual(ready.checklist.map((i) => i.state), ['unchecked', 'unchecked', 'unchecked', 'manual', 'manual']);
  assert.deepEqual(ready.tables.map((t) => t.rows), ['412 rows', '1,236 rows', '618 rows', '103 rows']);
  assert.equal(ready.signOff.state, 'none');
  assert.equal(ready.database.description, 'pglite (seeded from seed.sql)');
});

test('hover shows the facts first: the live table with rows and columns, then "no model", within 15 lines', async () => {
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 18, character: 10 } });
  const value = hover.contents.value;
  const [table, model, rules] = value.split('\n\n');
  assert.equal(table, '**Table `public.project_keywords`** in pglite (seeded from seed.sql): 412 rows; 2 columns: `project_id` integer not null, `keyword` text not null');
  assert.equal(model, '**Model:** no model maps it');
  assert.equal(rules, '**Migration Guard** `drop-unmapped-table`, `drop-table` (error)');
  assert.doesNotMatch(value, /autogenerate treats a table without a model as an orphan/);
  assert.ok(value.split('\n').length <= 15, value);
});

test('parity lists the three tables without a model, and Generate model writes one from the live columns', async () => {
  const parity = await client.request<ParityView>('migrationGuard/parity', { uri });
  assert.ok(parity.available);
  assert.deepEqual(parity.tablesWithoutModel.map((t) => [t.name, t.rows]), [['project_keywords', '412 rows'], ['project_monthly_forecast', '618 rows'], ['project_resource_mappings', '1,236 rows']]);
  assert.deepEqual(parity.matched.map((m) => m.table.name), ['projects', 'users']);
  const diagnostics = await client.diagnostics(uri);
  const unmapped = diagnostics.find((d) => d.code === 'drop-unmapped-table')!;
  const actions = await client.request<Array<CodeAction & { command?: { command: string; arguments: unknown[] } }>>('textDocument/codeAction', { textDocument: { uri }, range: unmapped.range, context: { diagnostics: [unmapped] } });
  const generate = actions.find((a) => a.command?.command === 'migrationGuard.generateModel');
  // The quick fixes of drop-table come with the merged diagnostic, and one allow comment names both rules.
  const titles = actions.map((a) => a.title);
  assert.ok(titles.some((t) => t.startsWith('Guard the drop')) && titles.some((t) => t.startsWith('Back up project_keywords')), titles.join('\n'));
  assert.deepEqual(titles.filter((t) => t.startsWith('Allow ')), ['Allow drop-table, drop-unmapped-table here with a reason (adds an allow comment above the line)']);
  assert.deepEqual(generate?.command?.arguments, [{ uri, table: 'project_keywords' }]);
  const result = await client.request<EditResult>('migrationGuard/generateModel', generate!.command!.arguments[0]);
  assert.ok(result.ok, JSON.stringify(result));
  // The message after the edit says what was written where.
  assert.match(result.done ?? '', /^Wrote model ProjectKeyword for table project_keywords to app\/models\/project_keywords\.py and imported it in app\/models\/__init__\.py\. /);
  const [create, newFile, importEdit] = result.edit.documentChanges;
  assert.deepEqual(create, { kind: 'create', uri: fileUri(path.join(dir, 'app/models/project_keywords.py')), options: { overwrite: false, ignoreIfExists: false }, annotationId: 'migrationGuard.generateModel' });
  // Every change carries the annotation that makes VS Code preview the edit and wait for confirmation.
  assert.deepEqual(result.edit.changeAnnotations?.['migrationGuard.generateModel']?.needsConfirmation, true);
  assert.ok('edits' in importEdit && importEdit.edits.every((e) => e.annotationId === 'migrationGuard.generateModel'));
  assert.ok('edits' in newFile && /\n {4}project_id: Mapped\[int\] = mapped_column\(/.test(newFile.edits[0].newText), 'the incident\'s models are typed, so the new one is');
  assert.ok('edits' in newFile && /class ProjectKeyword\(Base\):\n {4}__tablename__ = "project_keywords"/.test(newFile.edits[0].newText));
  assert.ok('edits' in importEdit && importEdit.textDocument.uri === fileUri(path.join(dir, 'app/models/__init__.py')));
});

test('sign-off is refused while drops are unacknowledged; acknowledging them in the editor lifts that', async () => {
  const refused = await client.request<SignOffResult>('migrationGuard/signOff', { uri, answers: {} });
  assert.deepEqual(refused, { ok: false, message: 'Not signed off. First: Every data-loss operation is guarded or acknowledged with a reason; No DROP, DELETE, TRUNCATE or type change remains unacknowledged.' });
  for (let i = 0; i < 3; i++) {
    const current = await review(client, uri);
    const op = current.operations.find((o) => !o.acknowledged)!;
    const ack = await client.request<EditResult>('migrationGuard/acknowledge', { uri, line: op.range.start.line, reason: `reporting table retired, archived in ticket ${88 + i}` });
    assert.ok(ack.ok, JSON.stringify(ack));
    const change = ack.edit.documentChanges[0];
    assert.ok('edits' in change);
    text = applyEdits(text, change.edits);
    client.change(uri, text);
  }
  assert.match(text, / {4}# migration-guard: allow drop-table, drop-unmapped-table -- reporting table retired, archived in ticket 88\n {4}op\.drop_table\("project_keywords"\)/);
  const acknowledged = await review(client, uri);
  assert.ok(acknowledged.operations.every((o) => o.acknowledged));
  assert.deepEqual(acknowledged.blockers, []);
  const again = await client.request<EditResult>('migrationGuard/acknowledge', { uri, line: 19, reason: 'twice' });
  assert.equal(again.ok, false);
});

test('a sign-off records hash, git signer, time and checklist; an edit makes it stale in the review and as a diagnostic', async () => {
  fs.writeFileSync(path.join(dir, REL), text);
  const before = Date.now();
  const result = await client.request<SignOffResult>('migrationGuard/signOff', { uri, answers: { tested: { checked: true, note: 'staging' }, stakeholder: { checked: true, name: 'Grace (finance)' } } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.review.signOff.state, 'valid');
  assert.equal(client.signerRequests, 0, 'a trusted workspace asks git, not the user');
  const ledger = JSON.parse(fs.readFileSync(path.join(dir, '.migration-review.json'), 'utf8'));
  const entry = ledger.signoffs[REL];
  assert.equal(entry.sha256, contentHash(text));
  assert.equal(entry.signedBy, 'Test Reviewer <test@example.com>');
  assert.ok(Date.parse(entry.signedAt) >= before - 1000);
  assert.deepEqual(entry.checklist.map((i: { id: string; state: string; by: string }) => `${i.id}:${i.state}:${i.by}`), [
    'data-loss-handled:checked:tool',
    'destructive-acknowledged:checked:tool',
    'live-schema:checked:tool',
    'tested:checked:person',
    'stakeholder:checked:person',
  ]);
  assert.equal(entry.checklist[4].name, 'Grace (finance)');

  client.change(uri, `${text}\n# one more line\n`);
  const stale = await review(client, uri);
  assert.equal(stale.signOff.state, 'stale');
  assert.equal(stale.signOff.signedBy, 'Test Reviewer <test@example.com>');
  const diagnostics = await client.diagnostics(uri);
  assert.match(diagnostics.find((d) => d.code === 'stale-review')?.message ?? '', /^Test Reviewer <test@example\.com> signed this migration off on \d{4}-\d\d-\d\d, but it has changed since/);
  client.change(uri, text);
  assert.equal((await review(client, uri)).signOff.state, 'valid');
  assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'stale-review'));
});

test('a ledger that cannot be read is reported in the review and is not overwritten by a sign-off', async () => {
  const ledgerFile = path.join(dir, '.migration-review.json');
  const good = fs.readFileSync(ledgerFile, 'utf8');
  fs.writeFileSync(ledgerFile, '{ broken');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ledgerFile), type: 2 }] });
  const r = await review(client, uri);
  assert.match(r.ledgerError ?? '', /\.migration-review\.json: not valid JSON/);
  const refused = await client.request<SignOffResult>('migrationGuard/signOff', { uri, answers: {} });
  assert.equal(refused.ok, false);
  assert.equal(fs.readFileSync(ledgerFile, 'utf8'), '{ broken');
  fs.writeFileSync(ledgerFile, good);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ledgerFile), type: 2 }] });
});

test('untrusted: no database, no git; the client is asked who signs', async () => {
  const copy = incidentCopy(true);
  const u = fileUri(path.join(copy, 'migrations/versions/0001_initial.py'));
  const untrusted = await LspClient.start({ folders: [copy], trusted: false, database: { embeddedSeed: path.join(copy, 'seed.sql') }, signerName: 'Untrusted Reviewer' });
  try {
    const r = await review(untrusted, u);
    assert.equal(r.database.state, 'untrusted');
    const result = await untrusted.request<SignOffResult>('migrationGuard/signOff', { uri: u, answers: {} });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(untrusted.signerRequests, 1);
    assert.equal(JSON.parse(fs.readFileSync(path.join(copy, '.migration-review.json'), 'utf8')).signoffs['migrations/versions/0001_initial.py'].signedBy, 'Untrusted Reviewer');
  } finally {
    await untrusted.stop();
  }
});

test('a configured password never appears in the server log, the review or the sidebar page; a URL timeout is ignored and the log says so', async () => {
  const password = 'pw-7f3a-NEVER-LOG-ME';
  const copy = incidentCopy(false);
  const u = fileUri(path.join(copy, REL));
  // Port 1 on loopback refuses at once: the connection fails and is reported.
  const c = await LspClient.start({ folders: [copy], database: { url: 'postgresql://app@127.0.0.1:1/projects?statement_timeout=60000', connectTimeoutMs: 2000 }, env: { MIGRATION_GUARD_DATABASE_PASSWORD: password }, settings: {} });
  try {
    c.open(u, fs.readFileSync(path.join(copy, REL), 'utf8'));
    const failed = await until('the connection to fail', async () => {
      const r = await review(c, u);
      return r.database.state === 'error' ? r : undefined;
    });
    assert.match(failed.database.message ?? '', /Could not connect to app@127\.0\.0\.1:1\/projects: the connection was refused/);
    await c.diagnostics(u);
    await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 18, character: 10 } });
    const parity = await c.request<ParityView>('migrationGuard/parity', { uri: u });
    const page = sidebarHtml({ cspSource: 'vscode-resource:', nonce: 'n', script: 's.js', style: 's.css', codicons: 'c.css' }) + renderView({ review: failed, parity, answers: {}, drafts: {}, filter: '', busy: false });
    for (const [where, value] of [['server log', c.logs.join('\n')], ['review', JSON.stringify(failed)], ['parity', JSON.stringify(parity)], ['sidebar page', page]]) {
      assert.ok(!value.includes(password) && !value.includes(encodeURIComponent(password)), `the password is in the ${where}`);
    }
    assert.match(c.logs.join('\n'), /connection was refused/, 'the failure itself is logged');
    assert.match(c.logs.join('\n'), /Migration Guard: ignoring statement_timeout in the database URL: Migration Guard's own connect and statement timeouts and its read-only mode always apply\./);
  } finally {
    await c.stop();
  }
});
