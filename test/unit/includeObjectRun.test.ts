// Runs the Flask-Migrate env.py our edit writes (test/fixtures/envpy/flask-migrate.expected.txt) under
// python3, with small stand-ins for flask's current_app and alembic's context that record what
// context.configure receives. Proves the `with_include_object` chaining: a table without a model is
// left out, an include_object already in Migrate(configure_args) still has its say, and the other
// configure_args pass through. test/db/includeObjectAlembic.test.ts runs Alembic itself on the generic env.py.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const ENV = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'envpy', 'flask-migrate.expected.txt'), 'utf8');

const FLASK_STUB = `import os
from contextlib import contextmanager


class _Engine:
    url = "postgresql://app@db/app"

    @contextmanager
    def connect(self):
        yield "connection"


class _Db:
    engine = _Engine()
    metadata = "metadata"


def _keep_user_tables(object, name, type_, reflected, compare_to):
    return name != "excluded_by_user"


class _Migrate:
    db = _Db()

    def __init__(self):
        self.configure_args = {"compare_type": True}
        if os.environ.get("MG_CONFIGURED") == "1":
            self.configure_args["include_object"] = _keep_user_tables


class _App:
    extensions = {"migrate": _Migrate()}


current_app = _App()
`;

const ALEMBIC_STUB = `from contextlib import contextmanager
import os
import types

configured = {}


class _Config:
    config_file_name = os.environ["MG_LOGGING_INI"]
    cmd_opts = types.SimpleNamespace(autogenerate=True)
    options = {}

    def set_main_option(self, key, value):
        self.options[key] = value

    def get_main_option(self, key):
        return self.options.get(key)


config = _Config()


def is_offline_mode():
    return os.environ.get("MG_OFFLINE") == "1"


def configure(**kw):
    configured.update(kw)


@contextmanager
def begin_transaction():
    yield


def run_migrations():
    pass
`;

const RUNNER = `import runpy, sys
from alembic import context
runpy.run_path(sys.argv[1])
hook = context.configured["include_object"]
print(sorted(k for k in context.configured if k not in ("connection", "url")))
for name, reflected, compare_to in [("orphan", True, None), ("excluded_by_user", True, "model"), ("users", True, "model")]:
    print(name, hook(None, name, "table", reflected, compare_to))
`;

const LOGGING = '[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n[formatters]\nkeys =\n\n[logger_root]\nlevel = WARN\nhandlers = console\n\n[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\n';

const python = spawnSync('python3', ['--version']).status === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-flask-env-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>): string {
  for (const [file, text] of [['flask/__init__.py', FLASK_STUB], ['alembic/__init__.py', ''], ['alembic/context.py', ALEMBIC_STUB], ['env.py', ENV], ['run.py', RUNNER], ['logging.ini', LOGGING]]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const r = spawnSync('python3', ['run.py', 'env.py'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PYTHONPATH: dir, MG_LOGGING_INI: path.join(dir, 'logging.ini'), ...env } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("online, Migrate() without include_object: the hook leaves the table without a model out, configure_args pass through", { skip: !python && 'python3 is not installed' }, () => {
  assert.equal(run({}), "['compare_type', 'include_object', 'process_revision_directives', 'target_metadata']\norphan False\nexcluded_by_user True\nusers True\n");
});

test('online, Migrate(include_object=...): both hooks must agree', { skip: !python && 'python3 is not installed' }, () => {
  assert.equal(run({ MG_CONFIGURED: '1' }), "['compare_type', 'include_object', 'process_revision_directives', 'target_metadata']\norphan False\nexcluded_by_user False\nusers True\n");
});

test('offline: the keyword added to the call', { skip: !python && 'python3 is not installed' }, () => {
  assert.equal(run({ MG_OFFLINE: '1' }), "['include_object', 'literal_binds', 'target_metadata']\norphan False\nexcluded_by_user True\nusers True\n");
});
