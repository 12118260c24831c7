// "Stop autogenerate from dropping tables without a model", proven with Alembic itself (Debian's
// python3-alembic) against PostgreSQL 15: a project whose env.py is the one `alembic init` writes, a model
// for one table and three more tables in the database. Autogenerate emits op.drop_table() for the three
// before our edit of env.py and none after, while it still sees a change to the model; the offline path
// (`upgrade --sql`) runs with the edited env.py too.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { preventUnmappedDrops } from '../../server/src/core/fixes/includeObject';
import { initPythonParser } from '../../server/src/core/parse/python';
import { startPostgres, type PgServer } from '../support/postgres';
import { applyFix } from '../unit/fixes.helpers';

// Debian's packages live in the system interpreter; a pyenv python3 on PATH would not see them.
const PYTHON = '/usr/bin/python3';
const hasAlembic = spawnSync(PYTHON, ['-c', 'import alembic, psycopg2'], { encoding: 'utf8' }).status === 0;
const skip = !hasAlembic && process.env.CI !== 'true' ? `${PYTHON} cannot import alembic and psycopg2: apt-get install python3-alembic python3-psycopg2` : false;

const MODELS = `from sqlalchemy import Column, Integer, Numeric, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Project(Base):
    __tablename__ = "projects"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    budget = Column(Numeric(12, 2))
`;

let server: PgServer | undefined;
let dir: string;

before(async () => {
  if (skip) return;
  await initPythonParser();
  server = await startPostgres();
  server.psql(`CREATE DATABASE autogen;`);
  server.psql(`\\c autogen
CREATE TABLE projects (id serial PRIMARY KEY, name varchar(200) NOT NULL);
CREATE TABLE project_keywords (project_id integer NOT NULL REFERENCES projects (id), keyword text NOT NULL);
CREATE TABLE project_resource_mappings (project_id integer NOT NULL REFERENCES projects (id), hours numeric(8, 2));
CREATE TABLE project_monthly_forecast (project_id integer NOT NULL, month date NOT NULL, amount numeric(12, 2));
`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-alembic-'));
});

after(() => {
  server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function alembic(...args: string[]): string {
  const r = spawnSync(PYTHON, ['-m', 'alembic', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `alembic ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Runs autogenerate and returns the revision it wrote, then deletes it so the next run starts from the same head. */
function autogenerate(): string {
  const versions = path.join(dir, 'migrations', 'versions');
  alembic('revision', '--autogenerate', '-m', 'autogen');
  const [file] = fs.readdirSync(versions).filter((f) => f.endsWith('.py'));
  assert.ok(file, 'autogenerate wrote a revision');
  const text = fs.readFileSync(path.join(versions, file), 'utf8');
  fs.rmSync(path.join(versions, file));
  return text;
}

function droppedTables(revision: string): string[] {
  const upgrade = revision.slice(revision.indexOf('def upgrade'), revision.indexOf('def downgrade'));
  return [...upgrade.matchAll(/op\.drop_table\('(\w+)'\)/g)].map((m) => m[1]).sort();
}

test('autogenerate drops the three tables without a model before the env.py edit and none after', { skip }, () => {
  assert.ok(server);
  alembic('init', 'migrations');
  const ini = path.join(dir, 'alembic.ini');
  const url = `postgresql+psycopg2://postgres@/autogen?host=${server.adminConfig.host}&port=${server.port}`;
  fs.writeFileSync(ini, fs.readFileSync(ini, 'utf8').replace(/^sqlalchemy\.url = .*$/m, `sqlalchemy.url = ${url}`));
  fs.writeFileSync(path.join(dir, 'models.py'), MODELS);
  const envPath = path.join(dir, 'migrations', 'env.py');
  const template = fs.readFileSync(envPath, 'utf8');
  assert.match(template, /^target_metadata = None$/m, "alembic init's generic env.py");
  const env = template.replace(/^target_metadata = None$/m, 'from models import Base\ntarget_metadata = Base.metadata');
  fs.writeFileSync(envPath, env);

  const before = autogenerate();
  assert.deepEqual(droppedTables(before), ['project_keywords', 'project_monthly_forecast', 'project_resource_mappings']);
  assert.match(before, /op\.add_column\('projects'/);

  const result = preventUnmappedDrops(env);
  assert.equal(result.kind, 'edit', JSON.stringify(result));
  if (result.kind !== 'edit') return;
  fs.writeFileSync(envPath, applyFix(env, result));

  const afterEdit = autogenerate();
  assert.deepEqual(droppedTables(afterEdit), [], afterEdit);
  assert.doesNotMatch(afterEdit, /drop_table/);
  assert.match(afterEdit, /op\.add_column\('projects'/, 'a change to a model is still seen');

  // The offline call was given the hook too; writing SQL without a database runs it.
  fs.writeFileSync(path.join(dir, 'migrations', 'versions', 'a1_autogen.py'), afterEdit);
  assert.match(alembic('upgrade', 'head', '--sql'), /ALTER TABLE projects ADD COLUMN budget/);
});
