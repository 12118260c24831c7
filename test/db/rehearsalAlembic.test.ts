// Alembic migrations rehearsed through the real Alembic (Debian's python3-alembic, installed by .ci/run):
// the SQL comes from `alembic upgrade/downgrade --sql` run with the project's .venv Python, only with
// --allow-project-code; without the flag, or without Alembic, the run says why and how to fix it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { OFFLINE_ENV_PY } from '../support/alembicOffline';
import { runCli, type CliRun } from '../support/cli';

const REPO = path.join(__dirname, '..', '..');
const SYSTEM_PYTHON = '/usr/bin/python3';
let dir: string;


before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-rehearse-alembic-'));
  fs.mkdirSync(path.join(dir, 'migrations', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://app@localhost/projects\n');
  fs.writeFileSync(path.join(dir, 'migrations', 'env.py'), OFFLINE_ENV_PY);
  // The incident's revisions, as they are in examples/incident.
  for (const f of ['0001_initial.py', '0002_add_project_budget.py']) fs.copyFileSync(path.join(REPO, 'examples', 'incident', 'migrations', 'versions', f), path.join(dir, 'migrations', 'versions', f));
  fs.mkdirSync(path.join(dir, '.venv', 'bin'), { recursive: true });
  fs.symlinkSync(SYSTEM_PYTHON, path.join(dir, '.venv', 'bin', 'python'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]): Promise<CliRun> => runCli(args, dir, {});

const MIGRATION = 'migrations/versions/0002_add_project_budget.py';

test('without --allow-project-code an Alembic migration is not run, and the run says how to allow it', async () => {
  const { code, err } = await cli(['rehearse', MIGRATION]);
  assert.equal(code, 0);
  assert.match(err, /0002_add_project_budget\.py was not rehearsed: its SQL comes from `alembic upgrade --sql`, which runs the project's env\.py; pass --allow-project-code/);
});

test("incident 0002 on a copy of the production schema: three tables dropped with their rows, recreated empty", async () => {
  const seed = path.join(REPO, 'examples', 'incident', 'seed.sql');
  const { code, out, err } = await cli(['rehearse', MIGRATION, '--allow-project-code', '--embedded-seed', seed, '--no-color']);
  assert.equal(err, '');
  assert.equal(code, 0, out);
  for (const table of ['project_keywords', 'project_resource_mappings', 'project_monthly_forecast']) {
    assert.match(out, new RegExp(`DROP TABLE ${table};\\n {9}dropped table public\\.${table}; removed public\\.${table} \\(3 rows\\)`));
  }
  assert.match(out, /0002_add_project_budget\.py:\d+:1 {2}warning {2}downgrade-not-restoring .*Rows that did not come back: public\.project_keywords \(3 rows\), public\.project_monthly_forecast \(3 rows\), public\.project_resource_mappings \(3 rows\)\./);
  assert.match(out, /rehearsed on an embedded PostgreSQL \(PGlite\), starting from a copy of the schema of pglite \(seeded from seed\.sql\)/);
});

test('a Python without Alembic: the run names it and says how to install Alembic', async () => {
  fs.rmSync(path.join(dir, '.venv', 'bin', 'python'));
  fs.writeFileSync(path.join(dir, '.venv', 'bin', 'python'), `#!/bin/sh\necho "${SYSTEM_PYTHON}: No module named alembic" >&2\nexit 1\n`, { mode: 0o755 });
  const { code, err } = await cli(['rehearse', MIGRATION, '--allow-project-code']);
  assert.equal(code, 0);
  assert.match(err, /\.venv\/bin\/python cannot import Alembic; install it in the project's environment/);
});
