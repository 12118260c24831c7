// Alembic quick fixes: each is applied to the text, and the result is analysed again. It must still parse,
// and the finding must be gone or protected.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { ALEMBIC_HEAD, findingOf, fixAndReanalyse, rulesAtOrAbove } from './fixes.helpers';

before(async () => {
  await initAnalyzer();
});

const PATH = 'versions/0002_drop.py';
const migration = (upgrade: string, head = ALEMBIC_HEAD) => `${head}def upgrade():\n${upgrade}\n\ndef downgrade():\n    pass\n`;

test('emptiness guard: the drop becomes a protected info finding, with context imported', () => {
  const { fixed, report } = fixAndReanalyse(PATH, migration('    op.drop_table("import_staging")'), 'drop-table', 'emptiness-guard');
  const drop = findingOf(report, 'drop-table');
  assert.equal(drop.severity, 'info');
  assert.match(drop.message, /Protected by an emptiness check/);
  assert.match(fixed, /^from alembic import op\nimport sqlalchemy as sa\nfrom alembic import context\n/m);
  assert.match(fixed, /\n    if \(\n        not context\.is_offline_mode\(\)\n/);
  assert.match(fixed, /sa\.text\("SELECT 1 FROM import_staging LIMIT 1"\)/);
});

test('emptiness guard: sqlalchemy is imported when the file does not import it, and an existing context import is reused', () => {
  const head = ALEMBIC_HEAD.replace('from alembic import op\nimport sqlalchemy as sa\n', 'from alembic import context, op\n');
  const { fixed, report } = fixAndReanalyse(PATH, migration('    op.drop_table("events")', head), 'drop-table', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-table').severity, 'info');
  assert.match(fixed, /^from alembic import context, op\nimport sqlalchemy as sa\n/m);
  assert.doesNotMatch(fixed, /from alembic import context\n/);
});

test('emptiness guard on a batch drop_column checks the column for values', () => {
  const upgrade = '    with op.batch_alter_table("users") as batch_op:\n        batch_op.drop_column("nickname")';
  const { fixed, report } = fixAndReanalyse(PATH, migration(upgrade), 'drop-column', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-column').severity, 'info');
  assert.match(fixed, /\n        if \(\n            not context/);
  assert.match(fixed, /SELECT 1 FROM users WHERE nickname IS NOT NULL LIMIT 1/);
});

test('emptiness guard before SQL run through op.execute', () => {
  const { report } = fixAndReanalyse(PATH, migration('    op.execute("DROP TABLE audit_log")'), 'drop-table', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-table').severity, 'info');
});

test('backup first: CREATE TABLE .. AS TABLE through op.execute protects the drop', () => {
  const today = new Date();
  const { fixed, report } = fixAndReanalyse(PATH, migration('    op.drop_table("import_staging", schema="etl")'), 'drop-table', 'backup-table');
  assert.equal(findingOf(report, 'drop-table').severity, 'info');
  const stamp = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  assert.ok(fixed.includes(`    op.execute("CREATE TABLE etl.import_staging_backup_${stamp} AS TABLE etl.import_staging")\n    op.drop_table(`));
});

test('archive instead of drop: rename_table, and the data-loss finding is gone', () => {
  const { fixed, report } = fixAndReanalyse(PATH, migration('    op.drop_table("Orders")'), 'drop-table', 'archive-table');
  assert.match(fixed, /op\.rename_table\("Orders", "_archived_Orders_\d{8}"\)/);
  assert.equal(report.findings.filter((f) => f.rule === 'drop-table').length, 0);
  assert.ok(report.findings.some((f) => f.rule === 'rename-table'));
});

test('create_index CONCURRENTLY: keyword argument inside an autocommit_block, no transaction error', () => {
  const upgrade = '    op.create_index(\n        "ix_users_email",\n        "users",\n        ["email"],\n    )';
  const { fixed, report } = fixAndReanalyse(PATH, migration(upgrade), 'create-index-non-concurrently', 'create-index-concurrently');
  assert.ok(fixed.includes('    with op.get_context().autocommit_block():\n        op.create_index(\n            "ix_users_email",\n            "users",\n            ["email"], postgresql_concurrently=True,\n        )\n'), fixed);
  assert.deepEqual(rulesAtOrAbove(report, ['error', 'warning']), []);
});

test('CONCURRENTLY inside op.execute SQL is added to the string, and the call wrapped', () => {
  const upgrade = '    op.execute("CREATE INDEX ix_events_at ON events (created_at)")';
  const { fixed, report } = fixAndReanalyse(PATH, migration(upgrade), 'create-index-non-concurrently', 'create-index-concurrently');
  assert.ok(fixed.includes('    with op.get_context().autocommit_block():\n        op.execute("CREATE INDEX CONCURRENTLY ix_events_at ON events (created_at)")\n'), fixed);
  assert.deepEqual(rulesAtOrAbove(report, ['error', 'warning']), []);
});

test('concurrently-in-transaction: the existing CONCURRENTLY index is moved into an autocommit_block', () => {
  const upgrade = '    op.create_index("ix_a", "a", ["b"], postgresql_concurrently=True)';
  const { report } = fixAndReanalyse(PATH, migration(upgrade), 'concurrently-in-transaction', 'outside-transaction');
  assert.deepEqual(rulesAtOrAbove(report, ['error', 'warning']), []);
});

test('create_foreign_key and create_check_constraint get postgresql_not_valid=True', () => {
  const fk = '    op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"])';
  const fkFixed = fixAndReanalyse(PATH, migration(fk), 'add-foreign-key-without-not-valid', 'add-constraint-not-valid');
  assert.match(fkFixed.fixed, /\["id"\], postgresql_not_valid=True\)/);
  assert.deepEqual(rulesAtOrAbove(fkFixed.report, ['error', 'warning']), []);
  const check = '    op.create_check_constraint("ck_price", "items", "price >= 0")  # prices are never negative';
  const checkFixed = fixAndReanalyse(PATH, migration(check), 'add-check-without-not-valid', 'add-constraint-not-valid');
  assert.match(checkFixed.fixed, /"price >= 0", postgresql_not_valid=True\)  # prices/);
  assert.deepEqual(rulesAtOrAbove(checkFixed.report, ['error', 'warning']), []);
});

test('allow with a reason: a Python comment above, indented like the line; with the reason typed it acknowledges', () => {
  const upgrade = '    with op.batch_alter_table("users") as batch_op:\n        batch_op.drop_column("nickname")';
  const { fixed, report } = fixAndReanalyse(PATH, migration(upgrade), 'drop-column', 'allow');
  assert.ok(fixed.includes('\n        # migration-guard: allow drop-column -- \n        batch_op.drop_column'), fixed);
  assert.ok(report.findings.some((f) => f.rule === 'suppression-without-reason'), 'until the reason is written');
  const reasoned = analyzeText(PATH, fixed.replace('allow drop-column -- ', 'allow drop-column -- nicknames moved to profiles'));
  assert.equal(findingOf(reasoned, 'drop-column').acknowledged?.reason, 'nicknames moved to profiles');
});

test('allow inside a multi-line SQL string uses a SQL comment, which keeps the SQL valid', () => {
  const upgrade = '    op.execute(\n        """\n        UPDATE users SET plan = \'free\' WHERE plan IS NULL;\n        DROP TABLE legacy_plans;\n        """\n    )';
  const { fixed } = fixAndReanalyse(PATH, migration(upgrade), 'drop-table', 'allow');
  assert.ok(fixed.includes('\n        -- migration-guard: allow drop-table -- \n        DROP TABLE legacy_plans;'), fixed);
  const reasoned = analyzeText(PATH, fixed.replace('allow drop-table -- ', 'allow drop-table -- replaced by plans'));
  assert.equal(findingOf(reasoned, 'drop-table').acknowledged?.reason, 'replaced by plans');
});

test('a protected drop offers no further protection, and an allowed one no second allow comment', () => {
  const guarded = analyzeText(PATH, migration('    op.execute("CREATE TABLE t_copy AS TABLE t")\n    op.drop_table("t")'));
  assert.deepEqual(findingOf(guarded, 'drop-table').fixes?.map((f) => f.id), ['allow']);
  const allowed = analyzeText(PATH, migration('    # migration-guard: allow drop-table\n    op.drop_table("t")'));
  assert.ok(!findingOf(allowed, 'drop-table').fixes?.some((f) => f.id === 'allow'), 'the comment there needs a reason instead');
});

test('drops unrolled from a loop get no guard or archive, since one statement runs for several tables', () => {
  const report = analyzeText(PATH, migration('    for name in ["a", "b"]:\n        op.drop_table(name)'));
  for (const f of report.findings.filter((x) => x.rule === 'drop-table')) {
    assert.deepEqual(f.fixes?.map((x) => x.id), ['allow']);
  }
});
