// The Rehearse button over the language server (migrationGuard/rehearse): a dbmate migration rehearsed on
// the embedded PostgreSQL, its findings as the file's diagnostics, "Tested on a local or staging database"
// ticked by the tool and recorded so in the ledger on sign-off, the tick gone once the file is edited, and
// an untrusted workspace that rehearses SQL but refuses a migration whose SQL needs the project's Python.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { RehearseResult, ReviewState } from '../../server/src/protocol';
import { OFFLINE_ENV_PY } from '../support/alembicOffline';
import { fileUri, INCIDENT, TestWorkspaces } from './client';

const workspaces = new TestWorkspaces();
after(() => workspaces.dispose());

const INIT = `-- migrate:up
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users (id));
CREATE VIEW user_emails AS SELECT id, email FROM users;

-- migrate:down
DROP VIEW user_emails;
DROP TABLE orders;
DROP TABLE users;
`;
const DROP = `-- migrate:up
DROP TABLE users CASCADE;

-- migrate:down
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
`;
const ADD = `-- migrate:up
ALTER TABLE orders ADD COLUMN note text;

-- migrate:down
ALTER TABLE orders DROP COLUMN note;
`;

function dbmateWorkspace(files: Record<string, string>): string {
  const dir = workspaces.folder('mg-lsp-rehearse-');
  fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'migrations', '20240101000000_init.sql'), INIT);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'db', 'migrations', name), text);
  return dir;
}

const tested = (r: ReviewState) => r.checklist.find((i) => i.id === 'tested')!;

test('rehearsing a DROP TABLE ... CASCADE: cascade-drop and downgrade-not-restoring become diagnostics, and the tool ticks "tested"', async () => {
  const dir = dbmateWorkspace({ '20240102000000_drop_users.sql': DROP });
  const uri = fileUri(path.join(dir, 'db', 'migrations', '20240102000000_drop_users.sql'));
  const client = await workspaces.start(dir);
  client.open(uri, DROP);
  const before = await client.diagnostics(uri);
  assert.ok(!before.some((d) => d.code === 'cascade-drop'), JSON.stringify(before.map((d) => d.code)));
  assert.equal(tested(await client.request<ReviewState>('migrationGuard/review', { uri })).state, 'manual');

  const progress: Array<{ kind: string; message?: string }> = [];
  client.onProgress<{ kind: string; message?: string }>('rehearse-1', (v) => progress.push(v));
  let rehearsed = false;
  const pending = client.request<RehearseResult>('migrationGuard/rehearse', { uri, workDoneToken: 'rehearse-1' }, 60_000).finally(() => (rehearsed = true));
  // The embedded PostgreSQL runs in a worker thread: the server answers the review meanwhile.
  await client.request<ReviewState>('migrationGuard/review', { uri });
  assert.equal(rehearsed, false, 'the review was answered while the rehearsal ran');
  const result = await pending;
  assert.ok(result.ok, JSON.stringify(result));
  assert.match(result.message, /^Rehearsed on an embedded PostgreSQL \(PGlite\), starting from the 1 earlier migration replayed in run order.*: up and down ran to the end, but a CASCADE took 2 objects the migration does not name, and the down migration does not restore what up changed/);
  assert.deepEqual(progress.map((p) => p.kind), ['begin', 'end']);

  const item = tested(result.review);
  assert.equal(item.state, 'auto-checked');
  assert.match(item.note ?? '', /^Rehearsed \(up and down\) by Migration Guard on an embedded PostgreSQL \(PGlite\), starting from the 1 earlier migration replayed in run order, \d{4}-\d\d-\d\dT/);

  const after = await client.diagnostics(uri);
  const cascade = after.find((d) => d.code === 'cascade-drop');
  assert.ok(cascade, JSON.stringify(after.map((d) => d.code)));
  assert.equal(cascade.range.start.line, 1);
  assert.match(cascade.message, /view public\.user_emails/);
  assert.match(cascade.message, /constraint public\.orders\.orders_user_id_fkey/);
  assert.ok(after.some((d) => d.code === 'downgrade-not-restoring'), JSON.stringify(after.map((d) => d.code)));

  // An edit makes the rehearsal one of other text: its findings and its tick go.
  client.change(uri, DROP.replace('CASCADE', ''));
  const edited = await client.request<ReviewState>('migrationGuard/review', { uri });
  assert.equal(tested(edited).state, 'manual');
  assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'cascade-drop'));
});

test('a statement that fails on the schema is a rehearsal-failed diagnostic, and "tested" stays for the reviewer', async () => {
  const text = '-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\nSELECT 1;\n';
  const dir = dbmateWorkspace({ '20240102000000_add_email.sql': text });
  const uri = fileUri(path.join(dir, 'db', 'migrations', '20240102000000_add_email.sql'));
  const client = await workspaces.start(dir);
  client.open(uri, text);
  const result = await client.request<RehearseResult>('migrationGuard/rehearse', { uri }, 60_000);
  assert.ok(result.ok, JSON.stringify(result));
  assert.match(result.message, /the up migration failed at line 2 \(column "email" of relation "users" already exists\)/);
  assert.equal(tested(result.review).state, 'manual');
  assert.match(tested(result.review).detail, /The rehearsal failed at line 2/);
  const failed = (await client.diagnostics(uri)).find((d) => d.code === 'rehearsal-failed');
  assert.ok(failed);
  assert.equal(failed.range.start.line, 1);
});

test('a sign-off records the rehearsal as the tool\'s tick, with what ran where', async () => {
  const dir = dbmateWorkspace({ '20240102000000_add_note.sql': ADD });
  const file = path.join(dir, 'db', 'migrations', '20240102000000_add_note.sql');
  const uri = fileUri(file);
  const client = await workspaces.start(dir, { signerName: 'Test Reviewer' });
  client.open(uri, ADD);
  const result = await client.request<RehearseResult>('migrationGuard/rehearse', { uri }, 60_000);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.message, 'Rehearsed on an embedded PostgreSQL (PGlite), starting from the 1 earlier migration replayed in run order, with 3 synthetic rows per table: up and down ran to the end.');
  const signed = await client.request<{ ok: boolean; message?: string }>('migrationGuard/signOff', { uri, answers: { liveSchema: true, stakeholder: { checked: true, name: 'Data owner' } } });
  assert.ok(signed.ok, JSON.stringify(signed));
  const ledger = JSON.parse(fs.readFileSync(path.join(dir, '.migration-review.json'), 'utf8')) as { signoffs: Record<string, { checklist: Array<{ id: string; state: string; by: string; note?: string }> }> };
  const item = ledger.signoffs['db/migrations/20240102000000_add_note.sql']!.checklist.find((i) => i.id === 'tested');
  assert.equal(item?.state, 'checked');
  assert.equal(item?.by, 'tool');
  assert.match(item?.note ?? '', /^Rehearsed \(up and down\) by Migration Guard on an embedded PostgreSQL \(PGlite\)/);
});

test('an untrusted workspace rehearses a SQL migration but not an Alembic one, and says why in one sentence', async () => {
  const dir = dbmateWorkspace({ '20240102000000_add_note.sql': ADD });
  fs.cpSync(INCIDENT, path.join(dir, 'incident'), { recursive: true });
  const client = await workspaces.start(dir, { trusted: false });
  const alembic = fileUri(path.join(dir, 'incident', 'migrations', 'versions', '0002_add_project_budget.py'));
  const refused = await client.request<RehearseResult>('migrationGuard/rehearse', { uri: alembic }, 60_000);
  assert.deepEqual(refused, {
    ok: false,
    message: "In an untrusted workspace Migration Guard rehearses SQL migrations only, on an embedded PostgreSQL: an Alembic or Django migration's SQL comes from running the project's Python, so trust the workspace to rehearse it.",
  });
  const sql = await client.request<RehearseResult>('migrationGuard/rehearse', { uri: fileUri(path.join(dir, 'db', 'migrations', '20240102000000_add_note.sql')) }, 60_000);
  assert.ok(sql.ok, JSON.stringify(sql));
  assert.equal(tested(sql.review).state, 'auto-checked');
  // Changed on disk (the file is not open): the rehearsal no longer says anything about it.
  const file = path.join(dir, 'db', 'migrations', '20240102000000_add_note.sql');
  fs.writeFileSync(file, ADD.replace('note text', 'note varchar(20)'));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });
  assert.equal(tested(await client.request<ReviewState>('migrationGuard/review', { uri: fileUri(file) })).state, 'manual');
});

test('a locking finding gains what the rehearsal measured', async () => {
  const text = '-- migrate:up\nCREATE INDEX orders_user_id ON orders (user_id);\n\n-- migrate:down\nDROP INDEX orders_user_id;\n';
  const dir = dbmateWorkspace({ '20240102000000_index.sql': text });
  const uri = fileUri(path.join(dir, 'db', 'migrations', '20240102000000_index.sql'));
  const client = await workspaces.start(dir);
  client.open(uri, text);
  const before = (await client.diagnostics(uri)).find((d) => d.code === 'create-index-non-concurrently');
  assert.ok(before && !before.message.includes('Measured'), JSON.stringify(before));
  const result = await client.request<RehearseResult>('migrationGuard/rehearse', { uri }, 60_000);
  assert.ok(result.ok, JSON.stringify(result));
  const measured = (await client.diagnostics(uri)).find((d) => d.code === 'create-index-non-concurrently');
  assert.match(measured?.message ?? '', /Measured in the rehearsal: took SHARE on public\.orders\./);
});

test("Alembic in a trusted workspace runs the interpreter the editor selected, and says so when it is missing", async () => {
  const dir = workspaces.folder('mg-lsp-rehearse-alembic-', INCIDENT);
  fs.writeFileSync(path.join(dir, 'migrations', 'env.py'), OFFLINE_ENV_PY);
  // The seeded embedded database stands in for the one alembic.ini names: its schema is the starting point.
  const client = await workspaces.start(dir, { seeded: true });
  const uri = fileUri(path.join(dir, 'migrations', 'versions', '0002_add_project_budget.py'));
  const missing = await client.request<RehearseResult>('migrationGuard/rehearse', { uri, python: '/nonexistent/mg-python' }, 120_000);
  assert.equal(missing.ok, false);
  assert.match(missing.message, /no Python was found \(\/nonexistent\/mg-python\)/);
  // Debian's interpreter, which .ci/run gives Alembic: the revision's SQL comes from `alembic --sql`.
  const ran = await client.request<RehearseResult>('migrationGuard/rehearse', { uri, python: '/usr/bin/python3' }, 180_000);
  assert.ok(ran.ok, JSON.stringify(ran));
  assert.equal(tested(ran.review).state, 'auto-checked');
});
