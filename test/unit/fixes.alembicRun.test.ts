// Runs the Alembic emptiness guard that the quick fix writes, under python3, with small stand-ins for
// alembic (op, context) and sqlalchemy (text). Alembic itself is not installed here, so this proves the
// inserted code's control flow (online it refuses a table with rows, offline it asks no database, the -x
// override lets the drop through), not Alembic's behaviour.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { initAnalyzer } from '../../server/src/core/analyze';
import { ALEMBIC_HEAD, fixAndReanalyse } from './fixes.helpers';

const ALEMBIC_STUB = `import os

class _Result:
    def __init__(self, has_rows):
        self.has_rows = has_rows
    def first(self):
        return (1,) if self.has_rows else None

class _Bind:
    def execute(self, clause):
        if os.environ.get("MG_OFFLINE") == "1":
            raise AssertionError("offline mode has no database to ask")
        print("ASKED", clause)
        return _Result(os.environ.get("MG_ROWS") == "1")

class _Op:
    def get_bind(self):
        return _Bind()
    def drop_table(self, name, **kw):
        print("DROPPED", name)

class _Context:
    def is_offline_mode(self):
        return os.environ.get("MG_OFFLINE") == "1"
    def get_x_argument(self, as_dictionary=False):
        allow = os.environ.get("MG_ALLOW")
        return {"allow_data_loss": allow} if allow else {}

op = _Op()
context = _Context()
`;

let dir: string;
let migration: string;

before(async () => {
  await initAnalyzer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-guard-'));
  fs.mkdirSync(path.join(dir, 'alembic'));
  fs.writeFileSync(path.join(dir, 'alembic', '__init__.py'), ALEMBIC_STUB);
  fs.mkdirSync(path.join(dir, 'sqlalchemy'));
  fs.writeFileSync(path.join(dir, 'sqlalchemy', '__init__.py'), 'def text(sql):\n    return sql\n');
  const source = `${ALEMBIC_HEAD}def upgrade():\n    op.drop_table("import_staging")\n\n\ndef downgrade():\n    pass\n`;
  migration = path.join(dir, 'migration.py');
  fs.writeFileSync(migration, fixAndReanalyse('versions/0002.py', source, 'drop-table', 'emptiness-guard').fixed);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function upgrade(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = `import importlib.util\nspec = importlib.util.spec_from_file_location("m", ${JSON.stringify(migration)})\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nm.upgrade()\n`;
  const r = spawnSync('python3', ['-c', run], { env: { ...process.env, PYTHONPATH: dir, ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('online, a table with rows: the guard raises before the drop', () => {
  const r = upgrade({ MG_ROWS: '1' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /RuntimeError: table import_staging still has data: refusing to drop it/);
  assert.match(r.stdout, /ASKED SELECT 1 FROM import_staging LIMIT 1/);
  assert.doesNotMatch(r.stdout, /DROPPED/);
});

test('online, an empty table: the drop runs', () => {
  const r = upgrade({ MG_ROWS: '0' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /DROPPED import_staging/);
});

test('offline (--sql): no database is asked and the drop is emitted', () => {
  const r = upgrade({ MG_OFFLINE: '1', MG_ROWS: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /ASKED/);
  assert.match(r.stdout, /DROPPED import_staging/);
});

test('-x allow_data_loss=1 overrides the guard', () => {
  const r = upgrade({ MG_ROWS: '1', MG_ALLOW: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /DROPPED import_staging/);
});
