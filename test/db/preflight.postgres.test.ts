// Preflight on a real PostgreSQL 15 server: the same verdicts as on PGlite where PostgreSQL 15 can test
// a cast without pg_input_is_valid, "not checked" where it cannot, "unknown" for a table another session
// holds locked (and the run goes on), and the server's statement log as proof that only SELECT and
// session settings were sent.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from 'pg';
import { loggedStatements, READER, startPostgres, type PgServer } from '../support/postgres';
import { assertSampled, CHANGES_VERDICTS, checkJson, ENUM_VERDICTS, DJANGO_MIGRATION, DJANGO_VERDICTS, COMMON_VERDICTS, CORE_VERDICTS, LOCK_VERDICTS, LOCKS_SEED, lockLines, FIXTURES, failingLines, PREFLIGHT_SEED, verdictLines } from '../support/preflight';

const MIGRATION = path.join(FIXTURES, 'migration.sql');

let server: PgServer;

before(async () => {
  server = await startPostgres();
  server.psql(`${fs.readFileSync(PREFLIGHT_SEED, 'utf8')}\n${fs.readFileSync(LOCKS_SEED, 'utf8')}\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER.user};\nANALYZE;`);
});

after(() => server?.stop());

test('every check on PostgreSQL 15: will fail on dirty rows, safe on clean ones; text to date needs PostgreSQL 16', async () => {
  const { code, findings, err } = await checkJson([MIGRATION, '--database-url', server.readerUrl]);
  assert.equal(code, 1, err);
  assert.deepEqual(verdictLines(findings), [...COMMON_VERDICTS, '23: not-checked | not checked: testing text for date needs pg_input_is_valid (PostgreSQL 16 or later)']);
  assert.deepEqual(failingLines(findings), [2, 3, 5, 6, 7, 8, 9, 10, 11]);
});

test('DELETE / UPDATE with a WHERE, DROP TYPE and an enum recreated without a label on PostgreSQL 15: the same rows as on PGlite', async () => {
  const { findings } = await checkJson([path.join(FIXTURES, 'changes.sql'), '--database-url', server.readerUrl]);
  assert.deepEqual(verdictLines(findings), CHANGES_VERDICTS);
  assert.deepEqual(failingLines(findings), [11]);
  const recreated = await checkJson([path.join(FIXTURES, 'enum.sql'), '--database-url', server.readerUrl]);
  assert.deepEqual(verdictLines(recreated.findings), ENUM_VERDICTS);
  assert.deepEqual(failingLines(recreated.findings), [4]);
  const core = await checkJson([path.join(FIXTURES, 'alembic', '0005_core_deletes.py'), '--database-url', server.readerUrl]);
  assert.deepEqual(verdictLines(core.findings), CORE_VERDICTS);
});

test('Django on PostgreSQL 15: unique_together, UniqueConstraint and a new ForeignKey, failing and passing', async () => {
  const { findings } = await checkJson([DJANGO_MIGRATION, '--database-url', server.readerUrl]);
  assert.deepEqual(verdictLines(findings), DJANGO_VERDICTS);
  assert.deepEqual(failingLines(findings), [7, 9, 12]);
});

test('rewrites and long locks on PostgreSQL 15: the size of a table over 1 MB, with its row estimate', async () => {
  const { findings, err } = await checkJson([path.join(FIXTURES, 'locks.sql'), '--database-url', server.readerUrl]);
  assert.deepEqual(lockLines(findings), LOCK_VERDICTS, err);
});

test('sampling on PostgreSQL 15: TABLESAMPLE for a table the catalog puts at 50 million rows', async () => {
  // The setup's ANALYZE counted the 20,000 rows again.
  server.psql("UPDATE pg_class SET reltuples = 50000000 WHERE relname = 'huge';");
  const { findings } = await checkJson([path.join(FIXTURES, 'sample.sql'), '--database-url', server.readerUrl]);
  assertSampled(findings);
});

// `parents` has no column default: the catalog read's pg_get_expr waits on a locked table that has one.
test('a table locked by another session: the foreign keys into it are "unknown (timed out ...)", the rest is answered, the run ends normally', async () => {
  const admin = new Client({ ...server.adminConfig, application_name: 'mg-admin' });
  await admin.connect();
  try {
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE parents IN ACCESS EXCLUSIVE MODE');
    const { code, findings, err } = await checkJson([MIGRATION, '--database-url', server.readerUrl, '--statement-timeout', '300']);
    assert.equal(code, 1, err);
    const lines = verdictLines(findings);
    const expected = [...COMMON_VERDICTS, '23: not-checked | not checked: testing text for date needs pg_input_is_valid (PostgreSQL 16 or later)'];
    assert.deepEqual(
      lines.map((l) => l.replace(/timed out after 0\.\d s/, 'timed out after 0.N s')),
      expected.map((l) => (/^(?:5|16): /.test(l) ? `${l.split(':')[0]}: unknown | unknown (timed out after 0.N s)` : l)),
    );
    assert.deepEqual(failingLines(findings), [2, 3, 6, 7, 8, 9, 10, 11]);
  } finally {
    await admin.query('ROLLBACK');
    await admin.end();
  }
});

test('only SELECT, SET, SHOW and BEGIN reached the server from Migration Guard', () => {
  const statements = loggedStatements(server.logFile, 'migration-guard');
  assert.ok(statements.some((s) => /GROUP BY .* HAVING count\(\*\) > 1/.test(s)), 'the preflight queries are in the log');
  const other = statements.filter((s) => !/^\s*(?:SELECT|SET|SHOW|BEGIN)\b/i.test(s));
  assert.deepEqual(other, []);
});
