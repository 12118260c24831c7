import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sqlToOps, type SqlContext } from '../../server/src/core/frontends/sql/frontend';
import { sqlFileFrontend } from '../../server/src/core/frontends/sql/file';
import type { Operation } from '../../server/src/core/ops';
import { initPgParser } from '../../server/src/core/parse/pg';

before(async () => {
  await initPgParser();
});

function analyse(sql: string, ctx: Partial<SqlContext> = {}) {
  return sqlToOps(sql, { phase: 'up', origin: 'sql-file', mapOffset: (o) => o, inTransaction: false, ...ctx });
}

function ops(sql: string): Operation[] {
  const result = analyse(sql);
  assert.deepEqual(result.problems, []);
  return result.ops;
}

/** The one op of `kind` the SQL produces. */
function one(sql: string, kind: Operation['kind']): Operation {
  const found = ops(sql).filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `${sql} -> ${kind}`);
  return found[0];
}

function summary(op: Operation) {
  return { kind: op.kind, schema: op.schema, table: op.table, column: op.column };
}

test('DROP TABLE: one op per table, with schema, IF EXISTS and CASCADE', () => {
  const [a, b] = ops('DROP TABLE IF EXISTS app.users, "Orders" CASCADE;');
  assert.deepEqual(summary(a), { kind: 'drop-table', schema: 'app', table: 'users', column: undefined });
  assert.deepEqual(summary(b), { kind: 'drop-table', schema: undefined, table: 'Orders', column: undefined });
  assert.equal(a.details.ifExists, true);
  assert.equal(a.details.cascade, true);
  assert.equal(one('DROP TABLE Users', 'drop-table').table, 'users');
  assert.equal(one('DROP TABLE users', 'drop-table').details.cascade, false);
});

test('DROP SCHEMA, TYPE, DOMAIN, INDEX and DATABASE', () => {
  const schema = one('DROP SCHEMA IF EXISTS legacy CASCADE', 'drop-schema');
  assert.equal(schema.schema, 'legacy');
  assert.equal(schema.table, undefined);
  assert.equal(one('DROP TYPE public.mood', 'drop-type').details.typeName, 'mood');
  assert.equal(one('DROP DOMAIN email', 'drop-type').details.typeName, 'email');
  const index = one('DROP INDEX CONCURRENTLY ix_users_email', 'drop-index');
  assert.equal(index.details.indexName, 'ix_users_email');
  assert.equal(index.details.concurrently, true);
  assert.equal(one('DROP INDEX ix', 'drop-index').details.concurrently, false);
  one('DROP DATABASE prod', 'drop-database');
  assert.deepEqual(ops('DROP VIEW v; DROP FUNCTION f()').map((o) => o.kind), ['other-sql', 'other-sql']);
});

test('TRUNCATE, DELETE, UPDATE and DELETE FROM pg_enum', () => {
  assert.deepEqual(ops('TRUNCATE a, s.b').map(summary), [
    { kind: 'truncate', schema: undefined, table: 'a', column: undefined },
    { kind: 'truncate', schema: 's', table: 'b', column: undefined },
  ]);
  assert.equal(one('DELETE FROM users', 'delete-rows').details.hasWhere, false);
  assert.equal(one('DELETE FROM users WHERE id = 1', 'delete-rows').details.hasWhere, true);
  assert.equal(one('UPDATE users SET a = 1', 'update-rows').details.hasWhere, false);
  assert.equal(one('UPDATE users SET a = 1 WHERE id = 2', 'update-rows').details.hasWhere, true);
  one("DELETE FROM pg_enum WHERE enumlabel = 'x'", 'drop-enum-value');
  one("DELETE FROM pg_catalog.pg_enum WHERE enumlabel = 'x'", 'drop-enum-value');
  assert.equal(one('WITH d AS (DELETE FROM t RETURNING *) INSERT INTO a SELECT * FROM d', 'delete-rows').table, 't');
});

test('ALTER TABLE: drop column, type change, set not null, constraints', () => {
  const drop = one('ALTER TABLE s.t DROP COLUMN IF EXISTS c CASCADE', 'drop-column');
  assert.deepEqual(summary(drop), { kind: 'drop-column', schema: 's', table: 't', column: 'c' });
  assert.equal(drop.details.ifExists, true);
  assert.equal(drop.details.cascade, true);
  const types = ops('ALTER TABLE t ALTER COLUMN a TYPE varchar(50), ALTER COLUMN b TYPE integer, ALTER COLUMN c TYPE numeric(10,2)[] USING c::numeric, ALTER COLUMN d TYPE "MyType"');
  assert.deepEqual(types.map((o) => [o.column, o.details.newType]), [['a', 'varchar(50)'], ['b', 'integer'], ['c', 'numeric(10,2)[]'], ['d', 'MyType']]);
  const notNull = one('ALTER TABLE t ALTER COLUMN a SET NOT NULL', 'alter-column');
  assert.equal(notNull.details.nullable, false);
  assert.equal(notNull.details.newType, undefined);
  assert.equal(one('ALTER TABLE t DROP CONSTRAINT fk_a', 'drop-constraint').details.constraintName, 'fk_a');
});

test('ALTER TABLE ADD CONSTRAINT: type and NOT VALID', () => {
  const fk = one('ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)', 'add-constraint');
  assert.deepEqual([fk.details.constraintType, fk.details.notValid, fk.details.constraintName], ['foreign-key', false, 'fk']);
  assert.equal(one('ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID', 'add-constraint').details.notValid, true);
  const checks = ops('ALTER TABLE t ADD CHECK (a > 0) NOT VALID, ADD UNIQUE (a), ADD PRIMARY KEY (id), ADD EXCLUDE USING gist (r WITH &&)');
  assert.deepEqual(checks.map((o) => [o.details.constraintType, o.details.notValid]), [
    ['check', true],
    ['unique', false],
    ['primary-key', false],
    ['exclusion', false],
  ]);
});

test('ALTER TABLE ADD COLUMN: nullability, defaults and volatility', () => {
  const cases: Array<[string, boolean, boolean, boolean]> = [
    // column definition, nullable, hasDefault, volatileDefault
    ['c int', true, false, false],
    ['c int NOT NULL', false, false, false],
    ['c int NOT NULL DEFAULT 0', false, true, false],
    ["c text DEFAULT 'x'::text", true, true, false],
    ['c timestamptz DEFAULT now()', true, true, false],
    ['c timestamptz DEFAULT current_timestamp', true, true, false],
    ["c timestamptz DEFAULT now() + interval '1 day'", true, true, false],
    ['c float DEFAULT random()', true, true, true],
    ['c uuid NOT NULL DEFAULT gen_random_uuid()', false, true, true],
    ['c uuid DEFAULT uuid_generate_v4()', true, true, true],
    ['c timestamptz DEFAULT clock_timestamp()', true, true, true],
    ["c bigint DEFAULT nextval('s')", true, true, true],
    ['c bigserial', true, true, true],
    ['c int GENERATED ALWAYS AS IDENTITY', false, true, true],
  ];
  for (const [def, nullable, hasDefault, volatileDefault] of cases) {
    const op = one(`ALTER TABLE t ADD COLUMN ${def}`, 'add-column');
    assert.equal(op.column, 'c');
    assert.deepEqual(
      { nullable: op.details.nullable, hasDefault: op.details.hasDefault, volatileDefault: op.details.volatileDefault },
      { nullable, hasDefault, volatileDefault },
      def,
    );
  }
});

test('ADD COLUMN with an inline REFERENCES is an add-column and a foreign-key constraint', () => {
  const [add, fk] = ops('ALTER TABLE t ADD COLUMN user_id int REFERENCES users (id)');
  assert.equal(add.kind, 'add-column');
  assert.deepEqual([fk.kind, fk.column, fk.details.constraintType], ['add-constraint', 'user_id', 'foreign-key']);
});

test('renames, enum changes, indexes and CREATE TABLE', () => {
  const table = one('ALTER TABLE t RENAME TO u', 'rename-table');
  assert.deepEqual([table.table, table.details.newName], ['t', 'u']);
  const column = one('ALTER TABLE t RENAME COLUMN a TO b', 'rename-column');
  assert.deepEqual([column.table, column.column, column.details.newName], ['t', 'a', 'b']);
  one("ALTER TYPE mood ADD VALUE 'meh'", 'other-sql');
  one("ALTER TYPE mood RENAME VALUE 'a' TO 'b'", 'other-sql');
  const index = one('CREATE UNIQUE INDEX CONCURRENTLY ix ON s.t (a)', 'create-index');
  assert.deepEqual([index.schema, index.table, index.details.indexName, index.details.unique, index.details.concurrently], ['s', 't', 'ix', true, true]);
  assert.equal(one('CREATE INDEX ON t (a)', 'create-index').details.concurrently, false);
  assert.equal(one('CREATE TABLE s.t (id int)', 'create-table').table, 't');
});

test('every op carries origin, phase, the statement text and the transaction state', () => {
  const [op] = analyse('  DROP TABLE a ;  ', { phase: 'downgrade', origin: 'embedded-sql', inTransaction: true }).ops;
  assert.equal(op.origin, 'embedded-sql');
  assert.equal(op.phase, 'downgrade');
  assert.equal(op.autogenerated, false);
  assert.equal(op.details.sql, 'DROP TABLE a ;');
  assert.equal(op.details.inTransaction, true);
  const long = one(`SELECT ${"'x', ".repeat(200)}1`, 'other-sql');
  assert.ok((long.details.sql ?? '').length <= 501);
});

test('BEGIN ... COMMIT marks the statements between them as in a transaction', () => {
  const result = ops('DROP TABLE a; BEGIN; DROP TABLE b; COMMIT; DROP TABLE c; START TRANSACTION; DROP TABLE d; ROLLBACK;');
  assert.deepEqual(result.map((o) => [o.table, o.details.inTransaction]), [['a', false], ['b', true], ['c', false], ['d', true]]);
});

test('ops come in source order and ranges cover their statements', () => {
  const sql = 'DROP TABLE a;\n-- note\nALTER TABLE b DROP COLUMN c;\nTRUNCATE d;';
  const result = ops(sql);
  assert.deepEqual(result.map((o) => o.kind), ['drop-table', 'drop-column', 'truncate']);
  assert.deepEqual(result.map((o) => sql.slice(o.range.start, o.range.end)), ['DROP TABLE a;', 'ALTER TABLE b DROP COLUMN c;', 'TRUNCATE d;']);
});

test('non-ASCII text before a statement does not shift its range', () => {
  const sql = "-- Ünïcødé 👋 comment\nSELECT 'ßtraße 🎉'; DROP TABLE café;";
  const op = one(sql, 'drop-table');
  assert.equal(op.table, 'café');
  assert.equal(sql.slice(op.range.start, op.range.end), 'DROP TABLE café;');
});

test('mapOffset shifts every range, start and end separately', () => {
  const sql = 'DROP TABLE a; DROP TABLE (;';
  const result = analyse(sql, { mapOffset: (o) => o * 2 + 100 });
  assert.deepEqual(result.ops[0].range, { start: 100, end: 126 });
  assert.deepEqual(result.problems[0].range, { start: 128, end: 154 });
});

test('statements the splitter keeps together get ranges from libpg-query byte offsets', () => {
  // psql's BEGIN heuristic (and so the splitter) takes `= begin` as the start of a routine body.
  const sql = "CREATE FUNCTION f() RETURNS text LANGUAGE sql SET search_path = begin AS 'SELECT ''héllo 👋'''; DROP TABLE café;";
  const [, drop] = ops(sql);
  assert.equal(sql.slice(drop.range.start, drop.range.end), 'DROP TABLE café');
  assert.equal(drop.details.sql, 'DROP TABLE café');
});

test('mapOffset also applies to statements found inside DO blocks and to guards', () => {
  const sql = "DO $$ BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE 'x'; END IF; DROP TABLE t; END $$";
  const [drop] = analyse(sql, { mapOffset: (o) => o + 1000 }).ops;
  assert.equal(drop.range.start, 1000 + sql.indexOf('DROP TABLE t'));
  assert.deepEqual(drop.guard?.range, { start: 1000, end: 1000 + sql.length });
});

test('a statement that does not parse is a Problem and the statements after it are still analysed', () => {
  const sql = 'DROP TABLE a;\nDROP TABLE ;\nDROP TABLE b;';
  const result = analyse(sql);
  assert.deepEqual(result.ops.map((o) => o.table), ['a', 'b']);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /^could not parse this SQL statement \(syntax error at or near ";"\); it was not checked$/);
  assert.equal(sql.slice(result.problems[0].range.start, result.problems[0].range.end), 'DROP TABLE ;');
});

test('psql meta-commands are reported as not checked', () => {
  const result = analyse('\\c otherdb\nDROP TABLE a;');
  assert.equal(result.ops[0].kind, 'drop-table');
  assert.match(result.problems[0].message, /psql meta-command \\c cannot be checked/);
});

test('DO blocks: statements inside are analysed with exact ranges', () => {
  const sql = 'DO $$\nBEGIN\n  IF true THEN\n    DROP TABLE users;\n  ELSE\n    TRUNCATE logs;\n  END IF;\n  FOR i IN 1..2 LOOP DELETE FROM t; END LOOP;\nEND $$;';
  const result = ops(sql);
  assert.deepEqual(result.map((o) => o.kind), ['drop-table', 'truncate', 'delete-rows']);
  assert.deepEqual(result.map((o) => sql.slice(o.range.start, o.range.end)), ['DROP TABLE users', 'TRUNCATE logs', 'DELETE FROM t']);
  assert.equal(result[0].details.sql, 'DROP TABLE users');
});

test('DO blocks: EXECUTE of a built string is dynamic SQL; EXECUTE of a literal is read', () => {
  const sql = "DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(t); EXECUTE 'DROP TABLE archive'; END $$";
  const [dynamic, revealed, drop] = ops(sql);
  assert.equal(dynamic.kind, 'dynamic-sql');
  assert.equal(dynamic.dynamic, true);
  assert.equal(dynamic.details.reason, 'EXECUTE builds SQL at run time inside a DO block');
  assert.equal(sql.slice(dynamic.range.start, dynamic.range.end), "'DROP TABLE ' || quote_ident(t)");
  // The literal part still shows a DROP TABLE, of a table named at run time.
  assert.deepEqual([revealed.kind, revealed.table, revealed.dynamic], ['drop-table', undefined, true]);
  assert.deepEqual(revealed.range, dynamic.range);
  assert.deepEqual([drop.kind, drop.table], ['drop-table', 'archive']);
  assert.equal(sql.slice(drop.range.start, drop.range.end), 'DROP TABLE archive');
});

test('DO blocks in other languages are dynamic; a DO body that does not parse is a Problem', () => {
  const [op] = ops("DO LANGUAGE plpython3u $$ plpy.execute('DROP TABLE a') $$");
  assert.equal(op.kind, 'dynamic-sql');
  assert.equal(op.dynamic, true);
  const result = analyse('DO $$ BEGIN IF THEN END $$; DROP TABLE b;');
  assert.match(result.problems[0].message, /^could not parse the DO block/);
  assert.deepEqual(result.ops.filter((o) => o.kind === 'drop-table').map((o) => o.table), ['b']);
});

test('an emptiness-check DO block guards later drops of that table only', () => {
  const sql = [
    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM public.users) THEN RAISE EXCEPTION 'users is not empty'; END IF; END $$;",
    'DROP TABLE users;',
    'DROP TABLE orders;',
  ].join('\n');
  const [, users, orders] = ops(sql);
  assert.equal(users.table, 'users');
  assert.equal(users.guard?.kind, 'emptiness-check');
  assert.equal(sql.slice(users.guard.range.start, users.guard.range.end).slice(0, 5), 'DO $$');
  assert.equal(orders.guard, undefined);
});

test('a count(*) check guards drops later in the same DO block, not earlier ones', () => {
  const sql = "DO $$ BEGIN TRUNCATE t; IF (SELECT count(*) FROM t) > 0 THEN RAISE EXCEPTION 'no'; END IF; DROP TABLE t; END $$";
  const [truncate, drop] = ops(sql);
  assert.equal(truncate.guard, undefined);
  assert.equal(drop.guard?.kind, 'emptiness-check');
});

test('an IF that only raises a notice is not a guard', () => {
  const [, drop] = ops("DO $$ BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE NOTICE 'hm'; END IF; END $$; DROP TABLE t;");
  assert.equal(drop.guard, undefined);
});

test('CREATE TABLE x AS TABLE t is a backup guarding a later DROP TABLE t', () => {
  const [create, drop] = ops('CREATE TABLE users_backup AS TABLE users; DROP TABLE users;');
  assert.deepEqual([create.kind, create.table], ['create-table', 'users_backup']);
  assert.equal(drop.guard?.kind, 'backup');
  assert.deepEqual(drop.guard?.range, create.range);
  const [, dropColumn] = ops('CREATE TABLE b AS SELECT id, email FROM s.users WHERE true; ALTER TABLE s.users DROP COLUMN email;');
  assert.equal(dropColumn.guard?.kind, 'backup');
  assert.equal(ops('DROP TABLE users; CREATE TABLE b AS TABLE users;')[0].guard, undefined);
});

test('CREATE FUNCTION bodies do not run at migration time and are not analysed', () => {
  const result = ops('CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE users; END $$;');
  assert.deepEqual(result.map((o) => o.kind), ['other-sql']);
});

test('.sql files: a plain file is one up phase outside a transaction', () => {
  const result = sqlFileFrontend('DROP TABLE a;\n', 'migrations/V2__drop.sql');
  assert.equal(result.framework, 'sql');
  assert.deepEqual(result.phases, [{ phase: 'up', range: { start: 0, end: 13 }, empty: false, raises: false }]);
  assert.deepEqual(result.ops.map((o) => [o.phase, o.origin, o.details.inTransaction]), [['up', 'sql-file', false]]);
  assert.deepEqual([result.suppressions, result.autogenBlocks], [[], []]);
});

test('.sql files: the file name decides the phase', () => {
  const phase = (path: string) => sqlFileFrontend('DROP TABLE a;', path).ops[0].phase;
  assert.equal(phase('000001_init.up.sql'), 'up');
  assert.equal(phase('000001_init.down.sql'), 'down');
  assert.equal(phase('2024-01-01-000000_init/down.sql'), 'down');
  assert.equal(phase('C:\\db\\U1_1__undo_users.sql'), 'down');
  assert.equal(phase('V1__users.sql'), 'up');
  assert.equal(phase('Users__notes.sql'), 'up');
  assert.equal(sqlFileFrontend('-- nothing to undo\n', 'x.down.sql').phases[0].empty, true);
});

test('goose: Up/Down sections, StatementBegin/End, transactions', () => {
  const text = [
    '-- +goose Up',
    '-- +goose StatementBegin',
    "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
    "DO $$ BEGIN RAISE NOTICE 'a;b'; END $$;",
    '-- +goose StatementEnd',
    'ALTER TABLE t DROP COLUMN c;',
    '',
    '-- +goose Down',
    'ALTER TABLE t ADD COLUMN c int;',
    '',
  ].join('\n');
  const result = sqlFileFrontend(text, '20240101_x.sql');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.ops.map((o) => [o.kind, o.phase, o.details.inTransaction]), [
    ['other-sql', 'up', true],
    ['other-sql', 'up', true],
    ['drop-column', 'up', true],
    ['add-column', 'down', true],
  ]);
  assert.deepEqual(result.phases.map((p) => [p.phase, text.slice(p.range.start, p.range.end).split('\n')[0], p.empty]), [
    ['up', '-- +goose Up', false],
    ['down', '-- +goose Down', false],
  ]);
  const noTx = sqlFileFrontend('-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\n', 'x.sql');
  assert.equal(noTx.ops[0].details.inTransaction, false);
  assert.deepEqual(noTx.phases.map((p) => [p.phase, p.empty]), [['up', false], ['down', true]]);
});

test('dbmate: migrate:up / migrate:down and transaction:false', () => {
  const text = '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n';
  const result = sqlFileFrontend(text, 'db/migrations/20240101_x.sql');
  assert.deepEqual(result.ops.map((o) => [o.kind, o.phase, o.details.inTransaction]), [
    ['create-index', 'up', false],
    ['drop-index', 'down', true],
  ]);
  assert.deepEqual(result.phases.map((p) => [p.phase, p.empty]), [['up', false], ['down', false]]);
});

test('an unterminated string in one section does not swallow the next', () => {
  const result = sqlFileFrontend("-- migrate:up\nSELECT 'oops;\n-- migrate:down\nDROP TABLE a;\n", 'x.sql');
  assert.equal(result.problems.length, 1);
  assert.deepEqual(result.ops.map((o) => [o.kind, o.phase]), [['drop-table', 'down']]);
});

test('guards do not carry from the up section into the down section', () => {
  const result = sqlFileFrontend('-- +goose Up\nCREATE TABLE b AS TABLE a;\n-- +goose Down\nDROP TABLE a;\n', 'x.sql');
  assert.equal(result.ops[1].guard, undefined);
});

test('garbage never throws: binary bytes, 1 MB of random text', () => {
  let random = '';
  for (let i = 0; i < 1_000_000; i++) random += String.fromCharCode(Math.floor(Math.random() * 256));
  for (const text of [random, '\0\x01\x02;\xff\xfe;'.repeat(1000), `SELECT ${'('.repeat(50_000)}`, 'DO $$ BEGIN'.repeat(1000)]) {
    const result = sqlFileFrontend(text, 'garbage.sql');
    for (const item of [...result.ops, ...result.problems]) assert.ok(item.range.start <= item.range.end && item.range.end <= text.length);
  }
});

test('a 2,000-statement file is analysed quickly', () => {
  const statements = [
    'ALTER TABLE users ADD COLUMN c int NOT NULL DEFAULT 0;',
    'CREATE INDEX CONCURRENTLY i ON t (a, b);',
    'DROP TABLE IF EXISTS old_stuff CASCADE;',
    "INSERT INTO t (a, b) VALUES (1, 'x; y');",
    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'no'; END IF; END $$;",
  ];
  const text = Array.from({ length: 2000 }, (_, i) => `-- ${i}\n${statements[i % statements.length]}`).join('\n');
  sqlFileFrontend(text, 'warmup.sql');
  const started = performance.now();
  const result = sqlFileFrontend(text, 'big.sql');
  const elapsed = performance.now() - started;
  assert.equal(result.ops.length, 2000);
  assert.ok(elapsed < 250, `took ${elapsed.toFixed(1)} ms`);
});

test('ALTER COLUMN TYPE ... USING: a cast of the column keeps values; any other expression may not', async () => {
  const { analyzeText } = await import('../../server/src/core/analyze');
  const sql = [
    'ALTER TABLE orders ALTER COLUMN notes TYPE text USING notes::text;',
    'ALTER TABLE orders ALTER COLUMN total TYPE numeric USING CAST(total AS numeric);',
    'ALTER TABLE orders ALTER COLUMN notes TYPE text USING NULL;',
    'ALTER TABLE orders ALTER COLUMN total TYPE numeric USING CASE WHEN total > 0 THEN total END;',
  ].join('\n');
  const found = analyzeText('migrations/V2__retype.sql', sql).findings.filter((f) => f.rule === 'alter-column-type');
  assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning', 'error', 'error']);
  assert.match(found[2].message, /USING expression/);
});
