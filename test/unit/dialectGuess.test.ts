// How the dialect is chosen when nothing configures it: file-name suffixes, ClickHouse's DDL in the file
// or next to it, and statements only MySQL accepts in a project whose dialect is not configured.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { AnalysisOptions } from '../../server/src/core/options';
import { dialectOfFileName } from '../../server/src/core/project';

before(async () => {
  await initAnalyzer();
});

function project(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-guess-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function found(dir: string, rel: string, sql: string, options: Partial<AnalysisOptions> = {}): string[] {
  return analyzeText(rel, sql, { baseDir: dir, ...options }).findings.map((f) => `${sql.slice(0, f.range.start).split('\n').length} ${f.rule} ${f.severity}`);
}

test('a _mysql.sql, -sqlite.sql or _clickhouse.sql name says the dialect, as .mysql.sql does', () => {
  assert.equal(dialectOfFileName('db/001_init_mysql.sql'), 'mysql');
  assert.equal(dialectOfFileName('db/001_init-sqlite.sql'), 'sqlite');
  assert.equal(dialectOfFileName('db/001_init_postgres.down.sql'), 'postgres');
  assert.equal(dialectOfFileName('db/001_init_mysql_up.sql'), 'mysql');
  assert.equal(dialectOfFileName('db/001_events_clickhouse.sql'), 'clickhouse');
  assert.equal(dialectOfFileName('db/001_mysqlimport.sql'), undefined);
  const dir = project();
  assert.deepEqual(found(dir, 'migrations/001_drop-sqlite.sql', 'DROP INDEX idx_a;\nDROP TABLE a;'), ['1 drop-index warning', '2 drop-table error']);
});

test('unconfigured: statements PostgreSQL rejects but MySQL accepts are read as MySQL; a configured PostgreSQL project keeps the parse-error', () => {
  const sql = [
    'UPDATE orders o LEFT JOIN users u ON u.id = o.user_id SET o.email = u.email;',
    'ALTER TABLE orders MODIFY note varchar(20);',
    'ALTER TABLE orders DROP PRIMARY KEY, DROP COLUMN legacy;',
    'ALTER TABLE orders CHANGE COLUMN qty quantity int NOT NULL;',
    'CREATE TABLE audit (id int) ENGINE=InnoDB;',
    'DROP TABLE audit_old;',
  ].join('\n');
  const unconfigured = project();
  // The UPDATE's join picks the rows (as in a MySQL project): read, and no parse-error.
  assert.deepEqual(found(unconfigured, 'migrations/V2__x.sql', sql), [
    '2 alter-column-type warning',
    '3 drop-column error',
    '3 drop-constraint warning',
    '4 alter-column-type warning',
    '4 rename-column warning',
    '6 drop-table error',
  ]);
  const configured = project({ 'flyway.conf': 'flyway.url=jdbc:postgresql://localhost/app\n' });
  const strict = found(configured, 'migrations/V2__x.sql', sql);
  assert.deepEqual(strict.filter((f) => f.includes('parse-error')), ['1 parse-error error', '2 parse-error error', '3 parse-error error', '4 parse-error error', '5 parse-error error']);
  assert.deepEqual(found(unconfigured, 'migrations/V2__x.sql', sql, { dialect: 'postgres' }), strict, 'a dialect chosen by option is not second-guessed');
});

test('ClickHouse: recognised by its DDL in the file or next to it, by a clickhouse folder or URL; never one parse-error per statement', () => {
  const ddl = "CREATE TABLE events ON CLUSTER '{cluster}' (id UInt64, payload String CODEC(ZSTD(1))) ENGINE = ReplicatedMergeTree ORDER BY id;";
  const later = 'ALTER TABLE events DELETE WHERE id < 10;\nALTER TABLE events DROP COLUMN payload;\nALTER TABLE events MODIFY COLUMN id LowCardinality(String);';
  const expected = ['1 delete-rows warning', '2 drop-column error', '3 alter-column-type warning'];
  const dir = project({ 'migrations/000001_events.up.sql': ddl });
  assert.deepEqual(found(dir, 'migrations/000001_events.up.sql', ddl), []);
  assert.deepEqual(found(dir, 'migrations/000002_purge.up.sql', later), expected, 'the migration next to it is ClickHouse');
  assert.deepEqual(found(project(), 'backend/clickhouse/migrations/000002_purge.up.sql', later), expected, 'a clickhouse folder');
  const configured = project({ 'alembic.ini': 'sqlalchemy.url = clickhouse+native://default@localhost/app\n' });
  assert.deepEqual(found(configured, 'versions/2.sql', later), expected, 'a clickhouse URL');
  // Without any of these, PostgreSQL reads it, one parse-error per statement it rejects.
  assert.deepEqual(found(project(), 'migrations/000002_purge.up.sql', later).filter((f) => f.includes('parse-error')).length, 2);
});

test('ClickHouse: statements the head reader does not know are one parse-error per file, counting them', () => {
  const sql = 'FROBNICATE TABLE a ON CLUSTER c;\nALTER TABLE a ENCHANT COLUMN b;\nALTER TABLE a ENCHANT COLUMN c;\nDROP TABLE a;';
  const findings = analyzeText('migrations/1.up.sql', sql, { dialect: 'clickhouse', readSiblings: () => [] }).findings;
  assert.deepEqual(findings.map((f) => f.rule), ['parse-error', 'drop-table']);
  assert.match(findings[0].message, /3 statements of this file were not read/);
});

test('ClickHouse: names after IF EXISTS and types with arguments are read whole', () => {
  const sql = 'ALTER TABLE scores ON CLUSTER default DROP INDEX IF EXISTS idx_trace_id, MODIFY COLUMN trace_id Nullable(DateTime64(3, \'UTC\')) CODEC(ZSTD(1));';
  const findings = analyzeText('migrations/1.up.sql', sql, { dialect: 'clickhouse', readSiblings: () => [] }).findings;
  assert.deepEqual(findings.map((f) => f.rule), ['alter-column-type', 'drop-index']);
  assert.match(findings[0].message, /scores\.trace_id as Nullable\(DateTime64\(3, 'UTC'\)\)/);
  assert.match(findings[1].message, /Drops index idx_trace_id on scores/);
});
