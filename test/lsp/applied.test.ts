// Applied migrations over the language server (stdio): findings in a migration that has run are hints,
// left out of the status bar's count; an unsaved edit of one is reported as it is typed; the
// migrationGuard.applied setting brings their severity back; and the database's django_migrations, read
// in the background, decides for a Django project.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { contentHash } from '../../server/src/core/review/normalize';
import type { FindingsSummary, ReviewState } from '../../server/src/protocol';
import { type Diagnostic, fileUri, TestWorkspaces, waitFor } from './client';

const HINT = 4;
const ERROR = 1;
const WARNING = 2;
const workspaces = new TestWorkspaces();
after(() => workspaces.dispose());

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe);

const drops = (items: Diagnostic[]) => items.filter((d) => d.code === 'drop-table');

test('a baselined migration: hints, not counted in the status bar; an unsaved edit makes it pending; `full` restores the severity', async () => {
  const dir = workspaces.folder('mg-lsp-applied-');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
  const old = 'DROP TABLE audit;\n';
  const pending = 'DROP TABLE orders;\n';
  fs.writeFileSync(path.join(dir, 'db', 'migrations', '20240101_drop_audit.sql'), old);
  fs.writeFileSync(path.join(dir, 'db', 'migrations', '20240301_drop_orders.sql'), pending);
  fs.writeFileSync(path.join(dir, '.migration-guard-baseline.json'), JSON.stringify({ version: 1, files: { 'db/migrations/20240101_drop_audit.sql': contentHash(old) } }));
  const client = await workspaces.start(dir);
  const oldUri = fileUri(path.join(dir, 'db', 'migrations', '20240101_drop_audit.sql'));
  const newUri = fileUri(path.join(dir, 'db', 'migrations', '20240301_drop_orders.sql'));
  client.open(oldUri, old);
  client.open(newUri, pending);

  const [history] = drops(await client.diagnostics(oldUri));
  assert.equal(history.severity, HINT);
  assert.match(history.message, /Already run \(\.migration-guard-baseline\.json\), so this is history\.$/);
  assert.equal(drops(await client.diagnostics(newUri))[0].severity, ERROR);
  const summary = await client.request<FindingsSummary>('migrationGuard/rescan', null);
  assert.equal(summary.errors, 1);
  assert.equal(summary.files, 1);

  client.change(oldUri, `${old}DROP TABLE audit_archive;\n`);
  const edited = await client.diagnostics(oldUri);
  assert.deepEqual(drops(edited).map((d) => d.severity), [ERROR, ERROR]);
  assert.equal(edited.find((d) => d.code === 'edited-after-apply')?.severity, WARNING);

  client.change(oldUri, old);
  assert.equal(drops(await client.diagnostics(oldUri))[0].severity, HINT);
  client.settings = { applied: 'full' };
  client.notify('workspace/didChangeConfiguration', { settings: {} });
  await until('the full severity', async () => (drops(await client.diagnostics(oldUri))[0].severity === ERROR ? true : undefined));
});

test("a Django project's django_migrations, read from the database in the background, makes its applied migration's findings hints", async () => {
  const fixture = path.join(__dirname, '..', 'fixtures', 'applied', 'django');
  const dir = workspaces.folder('mg-lsp-applied-django-', fixture);
  fs.mkdirSync(path.join(dir, '.git'));
  const client = await workspaces.start(dir, { seeded: true });
  const applied = path.join(dir, 'shop', 'migrations', '0002_remove_product_price.py');
  const late = path.join(dir, 'shop', 'migrations', '0003_delete_legacyorder.py');
  client.open(fileUri(applied), fs.readFileSync(applied, 'utf8'));
  client.open(fileUri(late), fs.readFileSync(late, 'utf8'));
  const column = await waitFor('drop-column as history', async () => {
    // Loading the embedded database keeps the server busy for seconds on a loaded machine.
    const d = (await client.diagnostics(fileUri(applied), 60_000)).find((x) => x.code === 'drop-column');
    return d?.severity === HINT ? d : undefined;
  }, { timeoutMs: 90_000 });
  assert.match(column.message, /Already run on 2024-03-05 \(django_migrations\), so this is history\./);
  const review = await client.request<ReviewState>('migrationGuard/review', { uri: fileUri(applied) });
  assert.deepEqual(review.applied, { source: 'django_migrations', at: '2024-03-05', fromDatabase: true });
  assert.equal(review.needsReview, false);
  assert.equal((await client.request<ReviewState>('migrationGuard/review', { uri: fileUri(late) })).needsReview, true);
  const lateItems = await client.diagnostics(fileUri(late));
  assert.equal(lateItems.find((d) => d.code === 'drop-table')?.severity, ERROR);
  assert.equal(lateItems.find((d) => d.code === 'pending-out-of-order')?.severity, WARNING);
});

test('a migration created on disk that sorts before the baselined ones is reported once the watcher says so; a new baseline takes it in', async () => {
  const dir = workspaces.folder('mg-lsp-applied-new-');
  fs.mkdirSync(path.join(dir, '.git'));
  const migrations = path.join(dir, 'db', 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  const first = 'ALTER TABLE orders ADD COLUMN note text;\n';
  fs.writeFileSync(path.join(migrations, '20240301_note.sql'), first);
  const baseline = path.join(dir, '.migration-guard-baseline.json');
  fs.writeFileSync(baseline, JSON.stringify({ version: 1, files: { 'db/migrations/20240301_note.sql': contentHash(first) } }));
  const client = await workspaces.start(dir);
  const firstUri = fileUri(path.join(migrations, '20240301_note.sql'));
  client.open(firstUri, first);
  await client.diagnostics(firstUri);

  const late = 'ALTER TABLE orders ADD COLUMN ref text;\n';
  const lateFile = path.join(migrations, '20240201_ref.sql');
  fs.writeFileSync(lateFile, late);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(lateFile), type: 1 }] });
  client.open(fileUri(lateFile), late);
  const outOfOrder = (await client.diagnostics(fileUri(lateFile))).find((d) => d.code === 'pending-out-of-order');
  assert.equal(outOfOrder?.severity, WARNING);
  assert.match(outOfOrder?.message ?? '', /sorts before 20240301_note\.sql, which has/);

  fs.writeFileSync(baseline, JSON.stringify({ version: 1, files: { 'db/migrations/20240301_note.sql': contentHash(first), 'db/migrations/20240201_ref.sql': contentHash(late) } }));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(baseline), type: 2 }] });
  await until('the new baseline', async () => ((await client.diagnostics(fileUri(lateFile))).some((d) => d.code === 'pending-out-of-order') ? undefined : true));
});
