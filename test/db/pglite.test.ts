// The embedded source (PGlite) on the incident's seed data: the catalog read, counts, read-only sessions,
// row counts in findings, parity, and the README's demo commands. One PGlite instance for the file
// (a cold start takes seconds), except for the demo, which starts its own as the CLI does.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { addExactCounts } from '../../server/src/core/db/open';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import { findTable, type SchemaSnapshot } from '../../server/src/core/db/schemaSource';
import { serialiseSnapshot } from '../../server/src/core/db/snapshot';
import { buildModelIndex, findProject, type ModelIndex } from '../../server/src/core/models';
import { computeParity } from '../../server/src/core/parity';
import { runCli, type CliRun } from '../support/cli';

const REPO = path.join(__dirname, '..', '..');
const INCIDENT = path.join(REPO, 'examples', 'incident');
const SEED = path.join(INCIDENT, 'seed.sql');

let db: PGlite;
let source: PgliteSchemaSource;
let snapshot: SchemaSnapshot;
let models: ModelIndex;

before(async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  db = await PGlite.create();
  await db.exec(fs.readFileSync(SEED, 'utf8'));
  await db.exec('ANALYZE');
  source = await PgliteSchemaSource.wrap(db);
  snapshot = await source.read();
  models = await buildModelIndex(findProject(INCIDENT)!);
  await initAnalyzer();
});

after(async () => {
  await db?.close();
});

const cli = (args: string[]): Promise<CliRun> => runCli(args, REPO, {});

test('the catalog read: tables, columns, keys, defaults and row estimates', () => {
  assert.equal(snapshot.defaultSchema, 'public');
  assert.deepEqual(snapshot.tables.map((t) => [t.name, t.rowEstimate]), [
    ['alembic_version', 1], ['project_keywords', 412], ['project_monthly_forecast', 618], ['project_resource_mappings', 1236], ['projects', 103], ['users', 25],
  ]);
  const keywords = findTable(snapshot, { name: 'project_keywords' })!;
  assert.deepEqual(keywords.primaryKey, ['project_id', 'keyword']);
  assert.deepEqual(keywords.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]), [[['project_id'], 'projects', ['id']]]);
  const mappings = findTable(snapshot, { schema: 'public', name: 'PROJECT_RESOURCE_MAPPINGS' })!;
  assert.deepEqual(mappings.columns, [
    { name: 'project_id', type: 'integer', nullable: false },
    { name: 'resource_id', type: 'integer', nullable: false },
    { name: 'hours', type: 'numeric(8,2)', nullable: false, default: '0' },
  ]);
});

test('exact counts are bounded, and the session refuses writes', async () => {
  assert.deepEqual(await source.countRows({ name: 'project_resource_mappings' }, 100), { value: 100, exact: true, capped: true });
  assert.deepEqual(await source.countRows({ schema: 'public', name: 'project_keywords' }, 100_000), { value: 412, exact: true });
  assert.deepEqual(await source.countNonNull({ name: 'users' }, 'email', 100_000), { value: 25, exact: true });
  await assert.rejects(source.query('DELETE FROM users'), (e: Error) => /read-only/.test(e.message));
  await assert.rejects(source.query('CREATE TABLE x (a int)'), /read-only/);
});

test('findings quote row counts and "no model"; data in the table raises a quiet finding to error', async () => {
  const copy = structuredClone(snapshot);
  await addExactCounts(source, copy, [{ table: 'project_keywords' }, { table: 'projects', column: 'name' }]);
  const text = [
    'from alembic import op', 'import sqlalchemy as sa', 'revision = "3"', 'down_revision = "2"', '', '',
    'def upgrade():',
    '    op.drop_table("project_keywords")',
    '    op.drop_column("projects", "name")',
    '    op.execute("DELETE FROM users WHERE id > 20")',
    '    if op.get_bind().execute(sa.text("SELECT 1 FROM project_monthly_forecast LIMIT 1")).first():',
    '        raise RuntimeError("not empty")',
    '    op.drop_table("project_monthly_forecast")',
    '    op.drop_table("no_such_table")', '', '',
    'def downgrade():', '    pass', '',
  ].join('\n');
  const report = analyzeText('versions/0003.py', text, { facts: { db: copy, models } });
  // A finding stands for its own rule and for those merged into it (one finding per operation).
  const by = (rule: string, table: string) => report.findings.find((f) => (f.rule === rule || f.alsoRules?.includes(rule)) && f.table === table)!;
  assert.equal(by('drop-table', 'project_keywords'), by('drop-unmapped-table', 'project_keywords'));
  assert.match(by('drop-table', 'project_keywords').message, /^Drops table project_keywords \(412 rows\), which no model maps.* Reported by drop-unmapped-table and drop-table\.$/);
  assert.equal(by('drop-table', 'project_keywords').rows, 412);
  assert.match(by('drop-unmapped-table', 'project_keywords').message, /^Drops table project_keywords \(412 rows\), which no model maps/);
  // Project still declares name: the drop is drop-mapped-table's, with drop-column merged into it.
  const name = report.findings.find((f) => f.table === 'projects' && f.column === 'name')!;
  assert.deepEqual([name.rule, name.alsoRules], ['drop-mapped-table', ['drop-column']]);
  assert.match(name.message, /^Drops column projects\.name \(103 rows, 103 with a value\), which model Project in app\/models\/project\.py still declares/);
  assert.equal(by('delete-rows', 'users').severity, 'error', 'a DELETE with WHERE is a warning, but users holds rows');
  assert.match(by('delete-rows', 'users').message, /users \(estimated 25 rows\)/);
  // The guard quiets drop-table, but not drop-unmapped-table: a guard gives the table no model.
  assert.deepEqual(
    [by('drop-table', 'project_monthly_forecast').rule, by('drop-table', 'project_monthly_forecast').severity, by('drop-table', 'project_monthly_forecast').guard],
    ['drop-unmapped-table', 'error', 'emptiness-check'],
  );
  assert.match(by('drop-table', 'no_such_table').message, /no_such_table \(not in the database\)/);
});

test('parity of the incident: three tables autogenerate would drop, with their rows', () => {
  const report = computeParity(snapshot, models);
  assert.deepEqual(report.tablesWithoutModel.map((t) => [t.name, t.rows?.value]), [
    ['project_keywords', 412], ['project_monthly_forecast', 618], ['project_resource_mappings', 1236],
  ]);
  assert.deepEqual(report.matched.map((m) => [m.table.name, m.models.map((x) => x.name)]), [['projects', ['Project']], ['users', ['User']]]);
  assert.deepEqual(report.ignored.map((i) => i.table.name), ['alembic_version']);
  assert.deepEqual([report.modelsWithoutTable, report.unreachableModels], [[], []]);
});

test('check and parity against a snapshot file (offline CI)', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-snap-')), 'schema.json');
  fs.writeFileSync(file, serialiseSnapshot(snapshot));
  const check = await cli(['check', 'examples/incident', '--schema-snapshot', file, '--format', 'json']);
  assert.equal(check.code, 1, check.err);
  const unmapped = JSON.parse(check.out).findings.filter((f: { rule: string }) => f.rule === 'drop-unmapped-table');
  assert.deepEqual(unmapped.map((f: { table: string; rows: number }) => [f.table, f.rows]), [['project_keywords', 412], ['project_resource_mappings', 1236], ['project_monthly_forecast', 618]]);
  const parity = await cli(['parity', 'examples/incident', '--schema-snapshot', file, '--format', 'json']);
  assert.equal(parity.code, 1, parity.err);
  assert.equal(JSON.parse(parity.out).tablesWithoutModel.length, 3);
  const broken = await cli(['check', 'examples/incident', '--schema-snapshot', path.join(path.dirname(file), 'missing.json')]);
  assert.equal(broken.code, 2);
  assert.match(broken.err, /Could not read the schema snapshot .*missing\.json: ENOENT/);
});

test("the README's demo: check and parity on PGlite seeded from seed.sql name the three tables, their rows and \"no model\"", async () => {
  const check = await cli(['check', 'examples/incident', '--embedded-seed', 'examples/incident/seed.sql']);
  assert.equal(check.code, 1, check.err);
  for (const [table, rows] of [['project_keywords', '412'], ['project_resource_mappings', '1,236'], ['project_monthly_forecast', '618']]) {
    assert.ok(check.out.includes(`Drops table ${table} (${rows} rows), which no model maps`), `${table} in:\n${check.out}`);
  }
  const parity = await cli(['parity', 'examples/incident', '--embedded-seed', 'examples/incident/seed.sql']);
  assert.equal(parity.code, 1, parity.err);
  assert.match(parity.out, /Tables with no model \(autogenerate would drop them\):\n  project_keywords +412 rows +no model\n  project_monthly_forecast +618 rows +no model\n  project_resource_mappings +1,236 rows +no model\n/);
});

test('the history tables of every tool are read where they exist, naming the table read', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const tools = await PGlite.create();
  try {
    await tools.exec(`
      CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
      INSERT INTO alembic_version VALUES ('ae1027a6acf');
      CREATE TABLE django_migrations (id serial, app varchar(255), name varchar(255), applied timestamptz);
      INSERT INTO django_migrations (app, name, applied) VALUES ('shop', '0001_initial', '2024-03-05 14:30:00+00');
      CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50), description varchar(200), type varchar(20), script varchar(1000), installed_on timestamp, success boolean);
      INSERT INTO flyway_schema_history VALUES (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', '2024-01-01', true),
        (2, '2', 'users', 'SQL', 'V2__users.sql', '2024-02-01', true), (3, '3', 'broken', 'SQL', 'V3__broken.sql', '2024-02-02', false),
        (4, NULL, 'views', 'SQL', 'R__views.sql', '2024-02-03', true);
      CREATE SCHEMA gm;
      CREATE TABLE gm.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
      INSERT INTO gm.schema_migrations VALUES (20240105, false);
      CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
      INSERT INTO schema_migrations VALUES ('20240101120000');
      CREATE TABLE goose_db_version (id serial, version_id bigint, is_applied boolean, tstamp timestamp);
      INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (0, true, '2024-01-01'), (1, true, '2024-01-02'), (2, true, '2024-01-03'), (2, false, '2024-01-04');
      CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY, run_on timestamp);
      INSERT INTO __diesel_schema_migrations VALUES ('20240101120000', '2024-01-01 12:00');
      CREATE TABLE _prisma_migrations (id varchar(36), migration_name varchar(255), checksum varchar(64), finished_at timestamptz, rolled_back_at timestamptz);
      INSERT INTO _prisma_migrations VALUES ('a', '20240101_init', 'x', '2024-01-01', NULL), ('b', '20240201_failed', 'y', NULL, NULL), ('c', '20240301_undone', 'z', '2024-03-01', '2024-03-02');
      CREATE SCHEMA sqitch;
      CREATE TABLE sqitch.changes (change_id text, change text, project text, committed_at timestamptz);
      INSERT INTO sqitch.changes VALUES ('1', 'users', 'app', '2024-01-01');
    `);
    const history = (await (await PgliteSchemaSource.wrap(tools)).read()).history;
    assert.deepEqual(history, [
      { tool: 'alembic', table: 'alembic_version', rows: [{ id: 'ae1027a6acf' }] },
      { tool: 'django', table: 'django_migrations', rows: [{ id: 'shop/0001_initial', at: '2024-03-05' }] },
      { tool: 'flyway', table: 'flyway_schema_history', rows: [{ id: '1', at: '2024-01-01', through: true }, { id: '2', at: '2024-02-01' }] },
      { tool: 'golang-migrate', table: 'gm.schema_migrations', rows: [{ id: '20240105', through: true }] },
      { tool: 'dbmate', table: 'schema_migrations', rows: [{ id: '20240101120000' }] },
      { tool: 'goose', table: 'goose_db_version', rows: [{ id: '1', at: '2024-01-02' }] },
      { tool: 'diesel', table: '__diesel_schema_migrations', rows: [{ id: '20240101120000', at: '2024-01-01' }] },
      { tool: 'prisma', table: '_prisma_migrations', rows: [{ id: '20240101_init', at: '2024-01-01' }] },
      { tool: 'sqitch', table: 'sqitch.changes', rows: [{ id: 'users', at: '2024-01-01' }] },
    ]);
  } finally {
    await tools.close();
  }
});

test("an Alembic version table under another name (env.py's version_table) is found by its one version_num column", async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const renamed = await PGlite.create();
  try {
    await renamed.exec("CREATE TABLE billing_versions (version_num varchar(32) NOT NULL PRIMARY KEY); INSERT INTO billing_versions VALUES ('0007'); CREATE TABLE notes (version_num text, body text);");
    assert.deepEqual((await (await PgliteSchemaSource.wrap(renamed)).read()).history, [{ tool: 'alembic', table: 'billing_versions', rows: [{ id: '0007' }] }]);
  } finally {
    await renamed.close();
  }
});

test('the incident: 0001 is applied (alembic_version), 0002 pending keeps its three drops as errors', async () => {
  assert.deepEqual(snapshot.history, [{ tool: 'alembic', table: 'alembic_version', rows: [{ id: '0001' }] }]);
  const check = await cli(['check', 'examples/incident', '--embedded-seed', 'examples/incident/seed.sql', '--format', 'json']);
  assert.equal(check.code, 1, check.err);
  const drops = JSON.parse(check.out).findings.filter((f: { rule: string; alsoRules?: string[] }) => f.rule === 'drop-table' || f.alsoRules?.includes('drop-table'));
  assert.deepEqual(drops.map((f: { file: string; severity: string; applied?: unknown }) => [f.file, f.severity, f.applied]), [
    ['examples/incident/migrations/versions/0002_add_project_budget.py', 'error', undefined],
    ['examples/incident/migrations/versions/0002_add_project_budget.py', 'error', undefined],
    ['examples/incident/migrations/versions/0002_add_project_budget.py', 'error', undefined],
  ]);
  assert.match(check.err, /1 of the checked migrations has already run \(read from alembic_version\)/);
});

test('a Django project with django_migrations rows: applied findings are history, the late and the missing ones are reported', async () => {
  const seed = 'test/fixtures/applied/django/seed.sql';
  const r = await cli(['check', 'test/fixtures/applied/django', '--embedded-seed', seed]);
  assert.equal(r.code, 1, r.err);
  const headers = r.out.split('\n').filter((l) => /^test\/fixtures/.test(l)).map((l) => l.replace(/^test\/fixtures\/applied\/django\/shop\/migrations\//, '').split('  ').slice(0, 3).join(' '));
  assert.deepEqual(headers, [
    '0002_remove_product_price.py:8:9 hint drop-column',
    '0003_delete_legacyorder.py:1:1 warning pending-out-of-order',
    '0003_delete_legacyorder.py:8:9 error drop-table',
    '0004_product_sku.py:1:1 warning applied-not-in-repository',
  ]);
  assert.match(r.out, /already run on 2024-03-05 \(django_migrations\); error if it had not/);
  assert.match(r.out, /no file in this repository holds \(shop\/0005_hotfix_index\)/);
  assert.match(r.out, /3 of the checked migrations have already run \(read from django_migrations\)/);
  const full = await cli(['check', 'test/fixtures/applied/django', '--embedded-seed', seed, '--include-applied', '--format', 'json']);
  assert.equal(JSON.parse(full.out).findings.find((f: { rule: string }) => f.rule === 'drop-column').severity, 'error');
});
