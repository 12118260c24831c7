// Applied versus pending: history rows matched to files per tool, the baseline, and what an applied
// migration's findings become. The history tables themselves are read in test/db (PGlite, PostgreSQL 15).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseBaseline, serialiseBaseline, BaselineError } from '../../server/src/core/applied/baseline';
import type { HistoryTable } from '../../server/src/core/applied/history';
import { compareVersions, type MigrationFile } from '../../server/src/core/applied/identity';
import { resolveApplied } from '../../server/src/core/applied/resolve';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { contentHash } from '../../server/src/core/review/normalize';

const alembic = (name: string, revision: string, down: string | null): MigrationFile => ({
  path: `migrations/versions/${name}.py`,
  framework: 'alembic',
  text: `from alembic import op\n\nrevision = "${revision}"\ndown_revision = ${down === null ? 'None' : down.startsWith('(') ? down : `"${down}"`}\n\n\ndef upgrade():\n    pass\n`,
});
const sql = (path: string): MigrationFile => ({ path, framework: 'sql' });
const table = (tool: HistoryTable['tool'], name: string, rows: HistoryTable['rows']): HistoryTable => ({ tool, table: name, rows });

describe('alembic_version: the stored heads and everything below them have run', () => {
  const files = [alembic('0001_a', '0001', null), alembic('0002_b', '0002', '0001'), alembic('0003_c', '0003', '0002')];

  test('walks down_revision from the stored head', () => {
    const facts = resolveApplied('.', files, [table('alembic', 'alembic_version', [{ id: '0002' }])]);
    assert.deepEqual(Object.keys(facts.files).sort(), ['migrations/versions/0001_a.py', 'migrations/versions/0002_b.py']);
    assert.deepEqual(facts.sources, ['alembic_version']);
    assert.deepEqual(facts.missing, {});
    assert.deepEqual(facts.heads, []);
  });

  test('a merge revision makes both branches applied; a stored head no file holds is missing', () => {
    const merged = [...files, alembic('0003b_d', '0003b', '0002'), alembic('0004_merge', '0004', '("0003", "0003b")')];
    const facts = resolveApplied('.', merged, [table('alembic', 'alembic_version', [{ id: '0004' }, { id: 'f00d' }])]);
    assert.equal(Object.keys(facts.files).length, 5);
    assert.deepEqual(facts.missing, { 'migrations/versions/0004_merge.py': { source: 'alembic_version', ids: ['f00d'] } });
  });

  test('two heads in the repository are named', () => {
    const facts = resolveApplied('.', [...files, alembic('0003b_d', '0003b', '0002')], [table('alembic', 'alembic_version', [{ id: '0002' }])]);
    assert.deepEqual(facts.heads, ['migrations/versions/0003_c.py', 'migrations/versions/0003b_d.py']);
  });
});

describe('django_migrations: app and name; an older pending one is out of order; Django\'s own apps are not missing', () => {
  const files: MigrationFile[] = ['0001_initial', '0002_remove_price', '0003_late', '0004_sku'].map((n) => ({ path: `shop/migrations/${n}.py`, framework: 'django' }));
  const facts = resolveApplied('.', files, [
    table('django', 'django_migrations', [
      { id: 'auth/0001_initial', at: '2023-01-10' },
      { id: 'shop/0001_initial', at: '2023-01-10' },
      { id: 'shop/0002_remove_price', at: '2024-03-05' },
      { id: 'shop/0004_sku', at: '2024-06-11' },
      { id: 'shop/0005_hotfix', at: '2024-06-12' },
    ]),
  ]);
  test('applied with dates', () => {
    assert.deepEqual(facts.files['shop/migrations/0002_remove_price.py'], { source: 'django_migrations', at: '2024-03-05' });
    assert.equal(facts.files['shop/migrations/0003_late.py'], undefined);
  });
  test('out of order and missing', () => {
    assert.deepEqual(facts.outOfOrder, { 'shop/migrations/0003_late.py': { source: 'django_migrations', newest: 'shop/migrations/0004_sku.py', tool: 'django' } });
    assert.deepEqual(facts.missing, { 'shop/migrations/0004_sku.py': { source: 'django_migrations', ids: ['shop/0005_hotfix'] } });
  });
});

test('a Django squash counts as applied once everything it replaces has run, and its replaced rows are not missing', () => {
  const squash: MigrationFile = {
    path: 'shop/migrations/0001_squashed_0003_c.py',
    framework: 'django',
    text: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [\n        ("shop", "0001_a"),\n        ("shop", "0002_b"),\n        (\'shop\', \'0003_c\'),\n    ]\n    operations = []\n',
  };
  const later: MigrationFile = { path: 'shop/migrations/0004_d.py', framework: 'django' };
  const rows = [{ id: 'shop/0001_a', at: '2020-01-01' }, { id: 'shop/0002_b', at: '2020-02-01' }, { id: 'shop/0003_c', at: '2020-03-01' }];
  const facts = resolveApplied('.', [squash, later], [table('django', 'django_migrations', rows)]);
  assert.deepEqual(facts.files, { 'shop/migrations/0001_squashed_0003_c.py': { source: 'django_migrations', at: '2020-03-01' } });
  assert.deepEqual(facts.missing, {});
  assert.deepEqual(facts.outOfOrder, {});
  const partly = resolveApplied('.', [squash, later], [table('django', 'django_migrations', rows.slice(0, 2))]);
  assert.deepEqual(partly.files, {});
});

describe('SQL tools: each table names its migrations its own way', () => {
  test('Flyway compares versions as numbers and honours a BASELINE row', () => {
    const files = ['V1__init.sql', 'V1_1__late.sql', 'V2__users.sql', 'V10__orders.sql', 'V11__next.sql'].map((f) => sql(`db/migration/${f}`));
    const facts = resolveApplied('.', files, [table('flyway', 'flyway_schema_history', [{ id: '1', through: true }, { id: '2' }, { id: '10', at: '2025-01-02' }])]);
    assert.deepEqual(Object.keys(facts.files).sort(), ['db/migration/V10__orders.sql', 'db/migration/V1__init.sql', 'db/migration/V2__users.sql']);
    assert.deepEqual(Object.keys(facts.outOfOrder), ['db/migration/V1_1__late.sql']);
  });

  test('golang-migrate keeps only the current version: everything at or below it has run', () => {
    const files = ['000001_a.up.sql', '000001_a.down.sql', '000002_b.up.sql', '000003_c.up.sql'].map((f) => sql(`migrations/${f}`));
    const facts = resolveApplied('.', files, [table('golang-migrate', 'schema_migrations', [{ id: '2', through: true }])]);
    assert.deepEqual(Object.keys(facts.files).sort(), ['migrations/000001_a.down.sql', 'migrations/000001_a.up.sql', 'migrations/000002_b.up.sql']);
    assert.deepEqual(facts.missing, {});
  });

  test('goose, dbmate, diesel, Prisma and Sqitch', () => {
    const cases: [HistoryTable, string[], string[]][] = [
      [table('goose', 'goose_db_version', [{ id: '1' }, { id: '3' }]), ['db/00001_a.sql', 'db/00002_b.sql', 'db/00003_c.sql'], ['db/00001_a.sql', 'db/00003_c.sql']],
      [table('dbmate', 'schema_migrations', [{ id: '20240101120000' }]), ['db/migrations/20240101120000_a.sql', 'db/migrations/20240202120000_b.sql'], ['db/migrations/20240101120000_a.sql']],
      [table('diesel', '__diesel_schema_migrations', [{ id: '20240101120000' }]), ['migrations/2024-01-01-120000_a/up.sql', 'migrations/2024-01-01-120000_a/down.sql', 'migrations/2024-02-01-120000_b/up.sql'], ['migrations/2024-01-01-120000_a/down.sql', 'migrations/2024-01-01-120000_a/up.sql']],
      [table('prisma', '_prisma_migrations', [{ id: '20240101_init' }]), ['prisma/migrations/20240101_init/migration.sql', 'prisma/migrations/20240301_b/migration.sql'], ['prisma/migrations/20240101_init/migration.sql']],
      [table('sqitch', 'sqitch.changes', [{ id: 'users' }]), ['deploy/users.sql', 'deploy/orders.sql'], ['deploy/users.sql']],
    ];
    for (const [history, paths, applied] of cases) {
      const facts = resolveApplied('.', paths.map(sql), [history]);
      assert.deepEqual(Object.keys(facts.files).sort(), applied, history.tool);
    }
    const goose = resolveApplied('.', ['db/00001_a.sql', 'db/00002_b.sql', 'db/00003_c.sql'].map(sql), [cases[0][0]]);
    assert.deepEqual(Object.keys(goose.outOfOrder), ['db/00002_b.sql']);
  });

  test('several tools in one repository: each folder goes to the table that records its migrations', () => {
    const files = ['goose/20240101_a.sql', 'goose/20240102_b.sql', 'db/migrations/20240101_x.sql', 'db/migrations/20240105_y.sql', 'migrate/000001_m.up.sql', 'migrate/000001_m.down.sql'].map(sql);
    const facts = resolveApplied('.', files, [table('goose', 'goose_db_version', [{ id: '20240102' }]), table('dbmate', 'schema_migrations', [{ id: '20240101' }])]);
    assert.deepEqual(Object.keys(facts.files).sort(), ['db/migrations/20240101_x.sql', 'goose/20240102_b.sql']);
    // goose/20240101_a.sql is older than the applied 20240102 and pending; golang-migrate's folder has no table, so nothing is said about it.
    assert.deepEqual(Object.keys(facts.outOfOrder), ['goose/20240101_a.sql']);
    assert.deepEqual(facts.missing, {});
    assert.deepEqual(facts.sources.sort(), ['goose_db_version', 'schema_migrations']);
  });

  test('a table that could not be read decides nothing', () => {
    const facts = resolveApplied('.', [sql('db/00001_a.sql')], [{ ...table('goose', 'goose_db_version', [{ id: '1' }]), unreadable: 'permission denied' }]);
    assert.deepEqual(facts.files, {});
  });
});

describe('the baseline', () => {
  const files = ['db/migrations/20240101_a.sql', 'db/migrations/20240301_c.sql', 'db/migrations/20240201_b.sql'].map(sql);
  const baseline = { label: '.migration-guard-baseline.json', files: { 'db/migrations/20240101_a.sql': 'a'.repeat(64), 'db/migrations/20240301_c.sql': 'c'.repeat(64), 'db/migrations/20231201_gone.sql': 'd'.repeat(64) } };

  test('listed files are applied with their hash; a new one sorting before them is out of order; a deleted one is missing', () => {
    const facts = resolveApplied('.', files, undefined, baseline);
    assert.deepEqual(facts.files['db/migrations/20240101_a.sql'], { source: '.migration-guard-baseline.json', sha256: 'a'.repeat(64) });
    assert.deepEqual(Object.keys(facts.outOfOrder), ['db/migrations/20240201_b.sql']);
    assert.deepEqual(facts.missing, { 'db/migrations/20240301_c.sql': { source: '.migration-guard-baseline.json', ids: ['db/migrations/20231201_gone.sql'] } });
    assert.deepEqual(facts.sources, ['.migration-guard-baseline.json']);
  });

  test('the history table wins over the baseline for the files it covers', () => {
    const facts = resolveApplied('.', files, [table('dbmate', 'schema_migrations', [{ id: '20240201' }])], baseline);
    assert.deepEqual(Object.keys(facts.files), ['db/migrations/20240201_b.sql']);
  });

  test('the file round-trips sorted, and a broken one says what is wrong', () => {
    const text = serialiseBaseline({ 'b.sql': 'b'.repeat(64), 'a.sql': 'a'.repeat(64) });
    assert.ok(text.indexOf('a.sql') < text.indexOf('b.sql'));
    assert.deepEqual(parseBaseline(text, 'x').files, { 'a.sql': 'a'.repeat(64), 'b.sql': 'b'.repeat(64) });
    assert.throws(() => parseBaseline('{"version": 1, "files": {"a.sql": "nope"}}', 'x'), BaselineError);
    assert.throws(() => parseBaseline('[]', 'x'), /not a Migration Guard baseline/);
  });
});

test('versions compare as numbers part by part', () => {
  assert.ok(compareVersions('1.10', '1.9') > 0);
  assert.ok(compareVersions('0002_b', '0010_a') < 0);
  assert.equal(compareVersions('007', '7'), 0);
});

describe('an applied migration\'s findings are history', () => {
  before(() => initAnalyzer());
  const text = 'ALTER TABLE accounts DROP COLUMN legacy_flag;\n';
  const facts = (sha256?: string) => ({
    applied: {
      root: '.',
      files: { 'db/migrations/0001_drop.sql': { source: 'schema_migrations', at: '2024-03-05', ...(sha256 ? { sha256 } : {}) } },
      outOfOrder: {},
      missing: {},
      heads: [],
      sources: ['schema_migrations'],
    },
  });

  test('hints by default, with where and when it ran and the severity it would have had', () => {
    const report = analyzeText('db/migrations/0001_drop.sql', text, { baseDir: '/repo', facts: facts() });
    const drop = report.findings.find((f) => f.rule === 'drop-column');
    assert.equal(drop?.severity, 'hint');
    assert.deepEqual(drop?.applied, { source: 'schema_migrations', at: '2024-03-05', severity: 'error' });
  });

  test('full severity with applied: full, and for a pending file', () => {
    const full = analyzeText('db/migrations/0001_drop.sql', text, { baseDir: '/repo', facts: facts(), applied: 'full' });
    assert.equal(full.findings.find((f) => f.rule === 'drop-column')?.severity, 'error');
    const pending = analyzeText('db/migrations/0002_drop.sql', text, { baseDir: '/repo', facts: facts() });
    const drop = pending.findings.find((f) => f.rule === 'drop-column');
    assert.equal(drop?.severity, 'error');
    assert.equal(drop?.applied, undefined);
  });

  test('a baseline entry counts only while the content is unchanged; an edit is reported', () => {
    const same = analyzeText('db/migrations/0001_drop.sql', text, { baseDir: '/repo', facts: facts(contentHash(text)) });
    assert.equal(same.findings.find((f) => f.rule === 'drop-column')?.severity, 'hint');
    assert.ok(!same.findings.some((f) => f.rule === 'edited-after-apply'));
    const edited = analyzeText('db/migrations/0001_drop.sql', `${text}DROP TABLE audit;\n`, { baseDir: '/repo', facts: facts(contentHash(text)) });
    assert.equal(edited.findings.find((f) => f.rule === 'drop-column')?.severity, 'error');
    assert.equal(edited.findings.find((f) => f.rule === 'edited-after-apply')?.severity, 'warning');
  });
});
