// Facts that come from files the editor does not have open: the review ledger, env.py and the model
// files, and the files that decide the dialect. The server asks the client to watch them, follows the
// file events it gets, and migrationGuard/rescan reads them all again when no event came (a `git pull`
// outside the editor, a client that does not watch).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { recordSignOff } from '../../server/src/core/review/ledger';
import { contentHash } from '../../server/src/core/review/normalize';
import type { ReviewState, SignOffResult } from '../../server/src/protocol';
import { fileUri, type LspClient, type Registration, TestWorkspaces, waitFor } from './client';

const SQL_REL = 'db/migrations/V1__drop_audit.sql';
const SQL = 'DROP TABLE audit_log;\nCREATE INDEX idx_orders_customer ON orders (customer_id);\n';
const ALEMBIC_REL = 'svc/migrations/versions/0001_drop_widgets.py';
const ALEMBIC = `"""drop widgets

Revision ID: 0001
Revises:
"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.drop_table("widgets")


def downgrade():
    pass
`;
const ENV_PY = (imports: string) => `from alembic import context

${imports}

target_metadata = Base.metadata
`;

const workspaces = new TestWorkspaces();
let dir: string;
let client: LspClient;
const created = 1;
const changed = 2;
const deleted = 3;

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function fileEvent(rel: string, type: number): void {
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, rel)), type }] });
}

function review(rel: string): Promise<ReviewState> {
  return client.request<ReviewState>('migrationGuard/review', { uri: fileUri(path.join(dir, rel)) });
}

/** A teammate's sign-off of the SQL migration, written into the ledger as `git pull` would bring it. */
function teammateSignsOff(): void {
  recordSignOff(path.join(dir, '.migration-review.json'), SQL_REL, {
    sha256: contentHash(SQL),
    signedBy: 'Ada <ada@example.com>',
    signedAt: '2026-03-02T10:00:00.000Z',
    checklist: [{ id: 'tested', state: 'checked', by: 'person' }],
  });
}

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { timeoutMs: 10_000, everyMs: 50 });

async function codes(rel: string): Promise<string[]> {
  return (await client.diagnostics(fileUri(path.join(dir, rel)))).map((d) => String(d.code)).sort();
}

before(async () => {
  dir = workspaces.folder('mg-lsp-watch-');
  write(SQL_REL, SQL);
  write('svc/alembic.ini', '[alembic]\nscript_location = migrations\n');
  write('svc/migrations/env.py', ENV_PY('from app.models.other import Base'));
  write(ALEMBIC_REL, ALEMBIC);
  write('svc/app/__init__.py', '');
  write('svc/app/models/__init__.py', '');
  write('svc/app/models/base.py', 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n');
  write('svc/app/models/other.py', 'from app.models.base import Base\n');
  write('svc/app/models/widget.py', 'from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.models.base import Base\n\n\nclass Widget(Base):\n    __tablename__ = "widgets"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n');
  client = await workspaces.start(dir);
  client.open(fileUri(path.join(dir, SQL_REL)), SQL);
  client.open(fileUri(path.join(dir, ALEMBIC_REL)), ALEMBIC);
});

after(() => workspaces.dispose());

test('the server asks the client to watch the ledger, the baseline, env.py and models, and the files that decide the dialect', async () => {
  const watch = await until('the watcher registration', async () => client.registrations.find((r: Registration) => r.method === 'workspace/didChangeWatchedFiles'));
  const globs = (watch.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
  assert.deepEqual(globs.slice(0, 4), ['**/*.py', '**/*.sql', '**/.migration-review.json', '**/.migration-guard-baseline.json']);
  const named = /^\*\*\/\{(.*)\}$/.exec(globs[4])?.[1].split(',') ?? [];
  for (const file of ['alembic.ini', 'manage.py', 'flyway.conf', 'migration_lock.toml', 'application.properties', 'application.yml']) {
    assert.ok(named.includes(file), `${file} is watched: ${globs[4]}`);
  }
});

test('a sign-off arriving in the ledger on disk, and its removal, reach the review through file events', async () => {
  assert.equal((await review(SQL_REL)).signOff.state, 'none');
  teammateSignsOff();
  fileEvent('.migration-review.json', changed);
  assert.equal((await review(SQL_REL)).signOff.state, 'valid');
  write('.migration-review.json', JSON.stringify({ version: 1, signoffs: {} }));
  fileEvent('.migration-review.json', changed);
  assert.equal((await review(SQL_REL)).signOff.state, 'none');
});

test('deleting a corrupt ledger lifts its error: the review and sign-off work again', async () => {
  write('.migration-review.json', '{ broken');
  fileEvent('.migration-review.json', changed);
  assert.match((await review(SQL_REL)).ledgerError ?? '', /not valid JSON/);
  fs.rmSync(path.join(dir, '.migration-review.json'));
  fileEvent('.migration-review.json', deleted);
  const r = await review(SQL_REL);
  assert.equal(r.ledgerError, undefined);
  // Refused now only for what the migration still needs, not for the ledger that is gone.
  const signed = await client.request<SignOffResult>('migrationGuard/signOff', { uri: fileUri(path.join(dir, SQL_REL)), answers: {} });
  assert.ok(!signed.ok);
  assert.match(signed.message, /^Not signed off\. First: /);
});

test('a flyway.conf naming MySQL changes the diagnostics: the PostgreSQL locking rule goes', async () => {
  assert.deepEqual(await codes(SQL_REL), ['create-index-non-concurrently', 'drop-table']);
  write('flyway.conf', 'flyway.url=jdbc:mysql://localhost:3306/app\n');
  fileEvent('flyway.conf', created);
  await until('the MySQL reading', async () => ((await codes(SQL_REL)).includes('create-index-non-concurrently') ? undefined : true));
  assert.deepEqual(await codes(SQL_REL), ['drop-table']);
  fs.rmSync(path.join(dir, 'flyway.conf'));
  fileEvent('flyway.conf', deleted);
  await until('the PostgreSQL reading', async () => ((await codes(SQL_REL)).includes('create-index-non-concurrently') ? true : undefined));
});

test('env.py importing the model takes the drop off the autogenerate orphans (env.py sits in the migration folder)', async () => {
  // One diagnostic per operation: model-not-on-metadata absorbs the drop-table it is about.
  const orphan = ['irreversible-downgrade', 'model-not-on-metadata'];
  await until('the model index', async () => ((await codes(ALEMBIC_REL)).join() === orphan.join() ? true : undefined));
  write('svc/migrations/env.py', ENV_PY('from app.models.widget import Base'));
  fileEvent('svc/migrations/env.py', changed);
  await until('model-not-on-metadata to go', async () => ((await codes(ALEMBIC_REL)).includes('model-not-on-metadata') ? undefined : true));
});

test('rescan reads the ledger, env.py and the dialect files again when no file event came', async () => {
  teammateSignsOff();
  write('svc/migrations/env.py', ENV_PY('from app.models.other import Base'));
  write('flyway.conf', 'flyway.url=jdbc:mysql://localhost:3306/app\n');
  await client.request('migrationGuard/rescan', null);
  assert.equal((await review(SQL_REL)).signOff.state, 'valid');
  assert.deepEqual(await codes(SQL_REL), ['drop-table']);
  await until('the model index read again', async () => ((await codes(ALEMBIC_REL)).includes('model-not-on-metadata') ? true : undefined));

  write('.migration-review.json', JSON.stringify({ version: 1, signoffs: {} }));
  fs.rmSync(path.join(dir, 'flyway.conf'));
  await client.request('migrationGuard/rescan', null);
  assert.equal((await review(SQL_REL)).signOff.state, 'none');
  assert.deepEqual(await codes(SQL_REL), ['create-index-non-concurrently', 'drop-table']);
});
