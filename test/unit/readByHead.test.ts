// Statements no rule reads past their heads (views, grants, comments, sequences, policies) are not parsed.
// libpg-query is the oracle for every statement taken that way: it must parse it as one statement of a
// kind that yields no operation. Everything a forgotten semicolon or an unterminated string could hide
// must still reach the parser, so its error is reported.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { parseSync } from 'libpg-query';
import { sqlToOps } from '../../server/src/core/frontends/sql/frontend';
import { describeStatement } from '../../server/src/core/frontends/sql/pgStatements';
import { initPgParser } from '../../server/src/core/parse/pg';
import { readByHead, splitStatements } from '../../server/src/core/parse/sqlSplit';

before(async () => {
  await initPgParser();
});

function analyse(sql: string) {
  return sqlToOps(sql, { phase: 'up', origin: 'sql-file', mapOffset: (o) => o, inTransaction: false });
}

const READ_BY_HEAD = [
  "CREATE VIEW v AS SELECT a, b FROM t WHERE x = 'a;b';",
  'CREATE OR REPLACE VIEW "post_view" AS SELECT p.id, (SELECT count(*) FROM comment c WHERE c.post_id = p.id) AS comments FROM post p;',
  'CREATE TEMP VIEW v AS SELECT CASE WHEN a THEN 1 ELSE 2 END AS n FROM t;',
  'CREATE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5;',
  "CREATE VIEW v AS SELECT E'it\\'s; fine', $x$ DROP TABLE t; $x$ /* /* nested; */ */ FROM t -- done;\n;",
  'CREATE VIEW v AS SELECT 1 FROM t -- the last statement, without its semicolon',
  'GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLE t TO app;',
  'REVOKE GRANT OPTION FOR TRUNCATE ON t FROM app;',
  'GRANT EXECUTE ON FUNCTION f(int) TO app WITH GRANT OPTION;',
  'GRANT admin TO joe;',
  "COMMENT ON COLUMN t.c IS 'drop me later; really';",
  'CREATE SEQUENCE s START 1 INCREMENT 1 OWNED BY t.id;',
  'ALTER SEQUENCE s RENAME TO s2;',
  'CREATE POLICY p ON t USING (owner = current_user);',
  'ALTER POLICY p ON t RENAME TO q;',
];

const PARSED = [
  // Copies rows: a materialized view is a CREATE TABLE AS.
  'CREATE MATERIALIZED VIEW m AS SELECT * FROM t;',
  // A forgotten semicolon: the DROP would hide in the view's body.
  'CREATE VIEW v AS SELECT 1\nDROP TABLE t;',
  'GRANT SELECT ON t TO app\nDELETE FROM t;',
  'COMMENT ON TABLE t IS $$x$$\nTRUNCATE t;',
  // Unterminated: the rest of the file ran into the statement.
  "CREATE VIEW v AS SELECT 'unterminated; DROP TABLE t;",
  'CREATE VIEW v AS SELECT 1 /* unterminated; DROP TABLE t;',
  'COMMENT ON TABLE t IS $x$ unterminated; DROP TABLE t;',
  'CREATE VIEW v AS SELECT 1 FROM "t; DROP TABLE t',
  // Parentheses that do not balance.
  'CREATE VIEW v AS SELECT (1;',
  'CREATE VIEW v AS SELECT 1);',
  // Statements rules read.
  'CREATE TABLE t (a int);',
  'ALTER TABLE t DROP COLUMN a;',
  'ALTER VIEW v RENAME TO w;',
  'CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;',
  'SELECT 1;',
];

test('every statement read by its head is one statement of a kind that yields no operation (libpg-query as the oracle)', () => {
  for (const sql of READ_BY_HEAD) {
    assert.ok(readByHead(sql), `read by its head: ${sql}`);
    const stmts = parseSync(sql).stmts ?? [];
    assert.equal(stmts.length, 1, sql);
    const facts = describeStatement(stmts[0].stmt!);
    assert.deepEqual({ ops: facts.ops, copiesFrom: facts.copiesFrom, copy: facts.copy, transaction: facts.transaction }, { ops: [], copiesFrom: [], copy: undefined, transaction: undefined }, sql);
  }
});

test('statements that could hide another, are unterminated, or are read by rules are parsed', () => {
  for (const sql of PARSED) assert.equal(readByHead(sql), false, sql);
});

test('a view that swallowed a DROP through a forgotten semicolon is still reported as unparsed', () => {
  const sql = 'CREATE VIEW v AS SELECT 1 FROM t\nDROP TABLE t;\nCREATE VIEW w AS SELECT 2;\n';
  const result = analyse(sql);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /^could not parse this SQL statement/);
  assert.deepEqual(result.ops.map((o) => o.kind), ['other-sql']);
});

test('a statement read by its head is an operation over the same range as when it was parsed', () => {
  const sql = "-- views\nCREATE VIEW v AS SELECT 1;\nGRANT SELECT ON v TO app;\nCOMMENT ON VIEW v IS 'x'";
  const result = analyse(sql);
  assert.deepEqual(result.problems, []);
  const statements = splitStatements(sql);
  assert.deepEqual(
    result.ops.map((o) => [o.kind, sql.slice(o.range.start, o.range.end)]),
    statements.map((s) => ['other-sql', s.text]),
  );
});
