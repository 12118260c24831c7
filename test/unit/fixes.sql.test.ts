// SQL quick fixes: applied, analysed again (PostgreSQL's own parser must accept the result), and the
// finding must be gone or protected.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { findingOf, fixAndReanalyse, rulesAtOrAbove } from './fixes.helpers';

before(async () => {
  await initAnalyzer();
});

const PATH = 'migrations/V7__cleanup.sql';

test('emptiness guard: a DO block that raises while the table has rows protects the drop', () => {
  const { fixed, report } = fixAndReanalyse(PATH, 'ALTER TABLE a ADD COLUMN b int;\nDROP TABLE import_staging;\n', 'drop-table', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-table').severity, 'info');
  assert.ok(fixed.includes("DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM import_staging) THEN\n    RAISE EXCEPTION 'table import_staging still has data: refusing to drop it';\n  END IF;\nEND $$;\nDROP TABLE import_staging;"), fixed);
});

test('emptiness guard for a column, with quoted and reserved names', () => {
  const { fixed, report } = fixAndReanalyse(PATH, 'ALTER TABLE "user" DROP COLUMN "Nick";\n', 'drop-column', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-column').severity, 'info');
  assert.match(fixed, /IF EXISTS \(SELECT 1 FROM "user" WHERE "Nick" IS NOT NULL\) THEN/);
});

test('a statement sharing its line with another is moved below the inserted guard', () => {
  const { report } = fixAndReanalyse(PATH, 'SELECT 1; DROP TABLE t;\n', 'drop-table', 'emptiness-guard');
  assert.equal(findingOf(report, 'drop-table').severity, 'info');
});

test('backup first protects a drop, a column drop and a truncate', () => {
  for (const [sql, rule] of [['DROP TABLE IF EXISTS etl.staging CASCADE;', 'drop-table'], ['ALTER TABLE t DROP COLUMN c;', 'drop-column'], ['TRUNCATE events;', 'truncate']]) {
    const { fixed, report } = fixAndReanalyse(PATH, `${sql}\n`, rule, 'backup-table');
    assert.equal(findingOf(report, rule).severity, 'info', fixed);
    assert.match(fixed, /^-- Keeps a copy of .+\nCREATE TABLE \S+_backup_\d{8} AS TABLE \S+;\n/);
  }
});

test('archive instead of drop keeps IF EXISTS and the schema, and the drop is gone', () => {
  const { fixed, report } = fixAndReanalyse(PATH, '-- cleanup\n  DROP TABLE IF EXISTS etl.staging CASCADE;\n', 'drop-table', 'archive-table');
  assert.match(fixed, /^-- cleanup\n {2}ALTER TABLE IF EXISTS etl\.staging RENAME TO _archived_staging_\d{8};\n$/);
  assert.equal(report.findings.filter((f) => f.rule === 'drop-table').length, 0);
});

test('archive is not offered for a statement dropping several tables, nor for a drop inside a DO block', () => {
  const several = analyzeText(PATH, 'DROP TABLE a, b;\n');
  for (const f of several.findings.filter((x) => x.rule === 'drop-table')) assert.ok(!f.fixes?.some((x) => x.id === 'archive-table'));
  const inDo = analyzeText(PATH, "DO $$\nBEGIN\n  DROP TABLE a;\nEND $$;\n");
  const ids = findingOf(inDo, 'drop-table').fixes?.map((x) => x.id);
  assert.deepEqual(ids, ['allow']);
});

test('CONCURRENTLY in a plain file, a goose file and a dbmate file', () => {
  const plain = fixAndReanalyse(PATH, 'CREATE UNIQUE INDEX ix_email ON users (email);\n', 'create-index-non-concurrently', 'create-index-concurrently');
  assert.match(plain.fixed, /^CREATE UNIQUE INDEX CONCURRENTLY ix_email/);
  assert.deepEqual(rulesAtOrAbove(plain.report, ['error', 'warning']), []);

  const goose = fixAndReanalyse('migrations/00042_ix.sql', '-- +goose Up\nCREATE INDEX ix_a ON a (b);\n\n-- +goose Down\nDROP INDEX ix_a;\n', 'create-index-non-concurrently', 'create-index-concurrently');
  assert.match(goose.fixed, /^-- \+goose NO TRANSACTION\n-- \+goose Up\nCREATE INDEX CONCURRENTLY ix_a/);
  assert.deepEqual(rulesAtOrAbove(goose.report, ['error']), []);

  const dbmate = fixAndReanalyse('db/migrations/20240101_ix.sql', '-- migrate:up\nCREATE INDEX ix_a ON a (b);\n\n-- migrate:down\nDROP INDEX ix_a;\n', 'create-index-non-concurrently', 'create-index-concurrently');
  assert.match(dbmate.fixed, /^-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY ix_a/);
  assert.deepEqual(rulesAtOrAbove(dbmate.report, ['error']), []);
});

test('NOT VALID for a foreign key and a check constraint', () => {
  const fk = fixAndReanalyse(PATH, 'ALTER TABLE orders\n  ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);\n', 'add-foreign-key-without-not-valid', 'add-constraint-not-valid');
  assert.match(fk.fixed, /REFERENCES users \(id\) NOT VALID;\n$/);
  assert.deepEqual(rulesAtOrAbove(fk.report, ['error', 'warning']), []);
  const check = fixAndReanalyse(PATH, 'ALTER TABLE items ADD CONSTRAINT ck_price CHECK (price >= 0)', 'add-check-without-not-valid', 'add-constraint-not-valid');
  assert.equal(check.fixed, 'ALTER TABLE items ADD CONSTRAINT ck_price CHECK (price >= 0) NOT VALID');
});

test('allow comment in SQL, indented like the statement, including inside a DO block', () => {
  const { fixed } = fixAndReanalyse(PATH, "DO $$\nBEGIN\n    TRUNCATE events;\nEND $$;\n", 'truncate', 'allow');
  assert.ok(fixed.includes('BEGIN\n    -- migration-guard: allow truncate -- \n    TRUNCATE events;'), fixed);
  const reasoned = analyzeText(PATH, fixed.replace('allow truncate -- ', 'allow truncate -- re-imported nightly'));
  assert.equal(findingOf(reasoned, 'truncate').acknowledged?.reason, 're-imported nightly');
});

test('CRLF files get CRLF lines', () => {
  const { fixed } = fixAndReanalyse(PATH, 'SELECT 1;\r\nDROP TABLE t;\r\n', 'drop-table', 'backup-table');
  assert.ok(!/[^\r]\n/.test(fixed), JSON.stringify(fixed));
});
