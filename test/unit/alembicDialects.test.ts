// Alembic code that runs only on some databases (`if op.get_bind().dialect.name == "mysql":`) is read in
// that database's dialect, and code for a database no parser here reads is not reported as a syntax error.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { AnalysisOptions } from '../../server/src/core/options';

before(async () => {
  await initAnalyzer();
});

const MIGRATION = `from alembic import op

revision = "b1"
down_revision = "a0"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "mysql":
        op.execute("DROP INDEX ix_orders_note ON orders")
    elif bind.dialect.name == "oracle":
        op.execute("ALTER TABLE orders MODIFY (note VARCHAR2(200))")
        op.execute("TRUNCATE TABLE order_log")
    if bind.dialect.name != "sqlite":
        op.execute("ALTER TABLE orders ALTER COLUMN note SET NOT NULL")
    else:
        op.execute("DROP INDEX IF EXISTS ix_orders_note")
`;

function found(options: Partial<AnalysisOptions>): string[] {
  const report = analyzeText('alembic/versions/b1.py', MIGRATION, { readSiblings: () => [], ...options });
  return report.findings.map((f) => `${MIGRATION.slice(0, f.range.start).split('\n').length} ${f.rule} ${f.severity}`);
}

test('each branch is read in its database’s dialect; Oracle’s SQL only for its statements’ heads', () => {
  const expected = ['10 drop-index warning', '13 truncate error', '15 set-not-null warning', '17 drop-index warning'];
  assert.deepEqual(found({ dialect: 'postgres' }), expected, 'a configured PostgreSQL project: the Oracle branch never runs there, and says nothing');
  assert.deepEqual(found({ dialect: 'postgres', dialectGuessed: true }), [...expected.slice(0, 1), '11 parse-error info', ...expected.slice(1)], 'unconfigured: one info finding says the Oracle SQL was not parsed');
  const message = analyzeText('alembic/versions/b1.py', MIGRATION, { dialect: 'postgres', dialectGuessed: true, readSiblings: () => [] }).findings[1].message;
  assert.match(message, /runs only on Oracle/);
});

test('a dialect test saved in a variable, negated or with `in` is recognised', () => {
  const text = `from alembic import op, context

revision = "b2"
down_revision = "b1"


def upgrade():
    name = context.get_context().dialect.name
    is_lite = name in ("sqlite",)
    if not is_lite:
        pass
    else:
        op.execute("DROP INDEX IF EXISTS ix_a")
    if name not in ["mssql"]:
        pass
    else:
        op.execute("EXEC sp_rename 'a.b', 'c', 'COLUMN'")
`;
  const report = analyzeText('alembic/versions/b2.py', text, { dialect: 'mysql', readSiblings: () => [] });
  assert.deepEqual(report.findings.map((f) => f.rule), ['drop-index'], 'SQLite SQL read as SQLite in a MySQL project, SQL Server SQL not parsed');
});
