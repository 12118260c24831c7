// Preflight in the language server, on a copy of the incident seeded into an embedded PostgreSQL: the
// first diagnostics come without waiting for the database, then preflight runs in the background and
// the re-published diagnostics and the hover carry the verdicts and the query.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { ReviewState } from '../../server/src/protocol';
import { fileUri, INCIDENT, LspClient, TestWorkspaces } from './client';

const REL = 'migrations/versions/0003_require_display_name_and_unique_slug.py';
const workspaces = new TestWorkspaces();
let client: LspClient;
let dir: string;
let uri: string;

before(async () => {
  dir = workspaces.folder('mg-lsp-preflight-', INCIDENT);
  uri = fileUri(path.join(dir, REL));
  client = await workspaces.start(dir, { seeded: true });
  client.open(uri, fs.readFileSync(path.join(dir, REL), 'utf8'));
});

after(() => workspaces.dispose());

test('diagnostics come first without the database; preflight then adds fails-on-current-data, and the hover shows the verdict and the query', async () => {
  const first = await client.diagnostics(uri);
  assert.ok(first.some((d) => d.code === 'set-not-null'));
  assert.ok(first.every((d) => d.code !== 'fails-on-current-data'), 'the first answer does not wait for the database');
  const deadline = Date.now() + 60_000;
  let failing: Array<{ message: string; range: { start: { line: number } } }> = [];
  while (failing.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    failing = (await client.diagnostics(uri)).filter((d) => d.code === 'fails-on-current-data');
  }
  assert.deepEqual(failing.map((d) => [d.range.start.line, d.message.split(', so ')[0]]), [
    [16, "Fails on today's data: 4 rows of users.display_name are NULL (e.g. id 6, 12, 18, 24)"],
    [17, "Fails on today's data: 3 groups of rows in projects share (slug) (e.g. id 1, 101, 2, 102, 3)"],
  ]);
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: 10 } });
  assert.match(hover.contents.value, /\*\*Live data:\*\* will fail: 4 rows of users\.display_name are NULL/);
  assert.match(hover.contents.value, /```sql\nSELECT count\(\*\)::int AS rows, \(array_agg\(k\)\)\[1:5\] AS examples FROM \(SELECT "id"::text AS k FROM "public"\."users" WHERE "display_name" IS NULL LIMIT 100001\) AS hits\n```/);
});

async function reviewWhen(target: string, done: (r: ReviewState) => boolean): Promise<ReviewState> {
  const deadline = Date.now() + 60_000;
  let r = await client.request<ReviewState>('migrationGuard/review', { uri: target }, 60_000);
  while (!done(r) && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 200));
    r = await client.request<ReviewState>('migrationGuard/review', { uri: target }, 60_000);
  }
  return r;
}

test('the review sidebar: a Live data line per operation; "...and live data" stays unticked while a preflight fails, and is ticked when every one is clean', async () => {
  const failing = await reviewWhen(uri, (r) => (r.liveData?.length ?? 0) >= 2);
  assert.deepEqual(failing.liveData?.map((l) => `${l.line} ${l.verdict}: ${l.text}`), [
    '17 will-fail: will fail: 4 rows of users.display_name are NULL (e.g. id 6, 12, 18, 24)',
    '18 will-fail: will fail: 3 groups of rows in projects share (slug) (e.g. id 1, 101, 2, 102, 3)',
  ]);
  const item = failing.checklist.find((i) => i.id === 'live-schema')!;
  assert.match(item.label, /^Verified against the live schema and live data/);
  assert.equal(item.state, 'unchecked');
  assert.match(item.detail, /^Live data: line 17 will fail: 4 rows of users\.display_name are NULL .*; line 18 will fail: 3 groups/);

  const clean = fileUri(path.join(dir, 'migrations/versions/0004_unique_email.py'));
  client.open(clean, ['"""unique email', '', 'Revision ID: 0004', 'Revises: 0003', '"""', 'from alembic import op', '', 'revision = "0004"', 'down_revision = "0003"', '', '', 'def upgrade():', '    op.create_index("ix_users_email_unique", "users", ["email"], unique=True)', '', '', 'def downgrade():', '    op.drop_index("ix_users_email_unique", table_name="users")', ''].join('\n'));
  const passing = await reviewWhen(clean, (r) => (r.liveData?.length ?? 0) >= 1);
  assert.deepEqual(passing.liveData?.map((l) => `${l.line} ${l.verdict}: ${l.text}`), ["13 safe: safe on today's data: no two rows of users share (email)"]);
  const ticked = passing.checklist.find((i) => i.id === 'live-schema')!;
  assert.equal(ticked.state, 'auto-checked', ticked.detail);
  assert.match(ticked.detail, /; live data: 1 operation checked\.$/);
});
