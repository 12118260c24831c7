// The embedded source (PGlite) on the incident's seed data: the catalog read, counts, read-only sessions,
// row counts in findings, parity, and the README's demo commands. One PGlite instance for the file
// (a cold start takes seconds), except for the demo, which starts its own as the CLI does.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { main } from '../../server/src/cli/main';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { addExactCounts } from '../../server/src/core/db/open';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import { findTable, type SchemaSnapshot } from '../../server/src/core/db/schemaSource';
import { serialiseSnapshot } from '../../server/src/core/db/snapshot';
import { buildModelIndex, findProject, type ModelIndex } from '../../server/src/core/models';
import { computeParity } from '../../server/src/core/parity';

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

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: REPO, stdout: (s) => (out += s), stderr: (s) => (err += s), isTty: false, env: {} });
  return { code, out, err };
}

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
  assert.match(by('drop-column', 'projects').message, /^Drops projects\.name \(103 rows, 103 with a value\)/);
  assert.equal(by('delete-rows', 'users').severity, 'error', 'a DELETE with WHERE is a warning, but users holds rows');
  assert.match(by('delete-rows', 'users').message, /users \(about 25 rows\)/);
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
