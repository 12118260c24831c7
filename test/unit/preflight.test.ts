// Preflight without a database: which questions each frontend's operations ask, the queries' text, and
// the expression printer that decides what SQL from a migration may reach the database.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { SchemaSnapshot, TableInfo } from '../../server/src/core/db/schemaSource';
import type { ProjectFacts } from '../../server/src/core/facts';
import { normaliseType } from '../../server/src/core/preflight/casts';
import { printExpression } from '../../server/src/core/preflight/expr';
import { parseCondition } from '../../server/src/core/preflight/shape';
import type { PreflightFacts } from '../../server/src/core/preflight/types';

const RULES = path.join(__dirname, '..', 'fixtures', 'rules');

before(async () => {
  await initAnalyzer();
});

function table(name: string, columns: [string, string, boolean][], primaryKey = ['id']): TableInfo {
  return { schema: 'public', name, columns: columns.map(([n, type, nullable]) => ({ name: n, type, nullable })), primaryKey, foreignKeys: [] };
}

const DB: SchemaSnapshot = {
  version: 1,
  source: 'test',
  takenAt: '2026-12-01T00:00:00.000Z',
  defaultSchema: 'public',
  schemas: ['public'],
  tables: [
    table('accounts', [['id', 'integer', false], ['qty', 'integer', true], ['name', 'text', true], ['note', 'text', true]]),
    table('shop_customer', [['id', 'bigint', false], ['phone', 'character varying(32)', true]]),
    table('events', [['kind', 'text', true], ['at', 'text', true]], []),
  ],
};

function facts(answers: PreflightFacts['answers'] = {}, examples = true): ProjectFacts {
  return { db: DB, preflight: { answers, examples, limit: 100_000, serverVersionNum: 150000 } };
}

const printed = (condition: string) => {
  const parsed = parseCondition(condition);
  return 'why' in parsed ? `refused: ${parsed.why}` : (printExpression(parsed.tree, new Set(['qty', 'name', 'note'])).sql ?? `refused: ${printExpression(parsed.tree, new Set(['qty', 'name', 'note'])).why}`);
};

test('a condition from a migration is printed again from its parse tree, with every name quoted', () => {
  assert.equal(printed("qty >= 0 AND name <> 'it''s' AND lower(note) LIKE 'a%'"), `(("qty" >= 0) AND ("name" <> 'it''s') AND (pg_catalog.lower("note") LIKE 'a%'))`);
  assert.equal(printed('qty BETWEEN 1 AND 3 OR qty IN (7, 8) OR name IS NULL'), '(("qty" BETWEEN 1 AND 3) OR ("qty" IN (7, 8)) OR ("name" IS NULL))');
  assert.equal(printed("name <> 'a\\' OR note = 'x'"), `(("name" <> E'a\\\\') OR ("note" = 'x'))`);
  assert.equal(printed('qty::numeric(4, 1) > -1.5'), '(("qty")::pg_catalog.numeric(4, 1) > -1.5)');
});

test('anything but a plain expression over the table is refused, so it never reaches the database', () => {
  assert.equal(printed('pg_sleep(10) IS NULL'), 'refused: the expression uses function pg_sleep, which is not a known side-effect-free built-in');
  assert.equal(printed('qty > 0; DROP TABLE accounts'), 'refused: the condition is more than one expression');
  assert.equal(printed('qty > 0) UNION (SELECT 1'), 'refused: the condition could not be parsed');
  assert.equal(printed('qty > (SELECT max(qty) FROM accounts)'), 'refused: the expression uses a subquery');
  assert.equal(printed('accounts.qty > 0'), 'refused: the expression uses a column of another table');
  assert.equal(printed('missing > 0'), 'refused: the expression uses column missing, which the table does not have yet');
  assert.equal(printed("name::regclass IS NOT NULL"), 'refused: the expression uses a cast to regclass');
  assert.equal(printed('qty OPERATOR(evil.+) 1 > 0'), 'refused: the expression uses operator evil.+');
  assert.equal(printed('count(*) > 0'), 'refused: the expression uses function count, which is not a known side-effect-free built-in');
});

test('type names as frontends write them are normalised before the cast test', () => {
  assert.deepEqual(['sa.String(20)', 'VARCHAR(20)', 'sa.Numeric(precision=12, scale=2)', 'sa.BigInteger()', 'INT', 'postgresql.UUID()'].map(normaliseType), [
    'varchar(20)', 'varchar(20)', 'numeric(12,2)', 'bigint', 'integer', 'uuid',
  ]);
});

test('Django AlterField null=True -> False asks for the NULLs of the column; its answer makes the error', () => {
  const file = path.join(RULES, 'set-not-null', 'django', 'shop', 'migrations', 'bad-django-not-null.py');
  const text = fs.readFileSync(file, 'utf8');
  const first = analyzeText(file, text, { baseDir: RULES, facts: facts() });
  const query = 'SELECT count(*)::int AS rows, (array_agg(k))[1:5] AS examples FROM (SELECT "id"::text AS k FROM "public"."shop_customer" WHERE "phone" IS NULL LIMIT 100001) AS hits';
  // SET NOT NULL scans the table under its lock: its size is asked too.
  const size = `SELECT pg_catalog.pg_total_relation_size(pg_catalog.to_regclass('"public"."shop_customer"'))::float8 AS bytes`;
  assert.deepEqual(first.preflightQueries, [query, size]);
  assert.ok(!first.findings.some((f) => f.rule === 'fails-on-current-data'));
  const second = analyzeText(file, text, { baseDir: RULES, facts: facts({ [query]: { rows: 3, examples: ['7', '9', '12'] }, [size]: { bytes: 8192 } }) });
  assert.equal(second.preflightQueries, undefined);
  const failing = second.findings.filter((f) => f.rule === 'fails-on-current-data');
  assert.deepEqual(failing.map((f) => [f.severity, f.message]), [
    ['error', "Fails on today's data: 3 rows of shop_customer.phone are NULL (e.g. id 7, 9, 12), so PostgreSQL stops the migration at this statement. Fix those rows first, in an earlier step or migration."],
  ]);
});

test('no examples without a primary key or with examples off; downgrades, new tables and capped counts', () => {
  const text = [
    'ALTER TABLE events ALTER COLUMN kind SET NOT NULL;',
    'ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;',
    'CREATE TABLE fresh (id int, v text);',
    'ALTER TABLE fresh ALTER COLUMN v SET NOT NULL;',
    '',
  ].join('\n');
  const asked = analyzeText('V1__x.sql', text, { facts: facts() }).preflightQueries ?? [];
  const sizes = asked.filter((q) => q.includes('pg_total_relation_size'));
  const noKey = asked.filter((q) => !sizes.includes(q));
  assert.equal(noKey.length, 2, 'the table created in the file asks nothing');
  const small = Object.fromEntries(sizes.map((q) => [q, { bytes: 8192 }]));
  assert.doesNotMatch(noKey[0], /array_agg/);
  assert.match(noKey[1], /array_agg\(k\).*SELECT "id"::text AS k/);
  const off = analyzeText('V1__x.sql', text, { facts: facts({}, false) }).preflightQueries ?? [];
  assert.ok(off.every((q) => !/array_agg/.test(q)));
  const capped = analyzeText('V1__x.sql', text, { facts: facts({ ...small, [noKey[0]]: { rows: 100_000, capped: true }, [noKey[1]]: { rows: 0 } }) });
  assert.deepEqual(capped.findings.filter((f) => f.preflight).map((f) => `${f.rule}: ${f.preflight!.summary}`), [
    'fails-on-current-data: will fail: over 100,000 rows of events.kind are NULL',
    'set-not-null: will fail: over 100,000 rows of events.kind are NULL',
    "set-not-null: safe on today's data: no row of accounts.name is NULL",
  ]);
  const down = analyzeText('V1__x.down.sql', text, { facts: facts() });
  assert.equal(down.preflightQueries, undefined, 'a down migration runs against data this check does not see');
});

test('rewrites and long locks: the size is asked once per table and said only over 1 MB; a catalog-only type change and CONCURRENTLY ask nothing', () => {
  const text = [
    'ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();',
    'CREATE INDEX accounts_name ON accounts (name);',
    'ALTER TABLE shop_customer ALTER COLUMN phone TYPE text;',
    'CREATE INDEX CONCURRENTLY accounts_note ON accounts (note);',
    '',
  ].join('\n');
  const size = `SELECT pg_catalog.pg_total_relation_size(pg_catalog.to_regclass('"public"."accounts"'))::float8 AS bytes`;
  assert.deepEqual(analyzeText('V1__x.sql', text, { facts: facts() }).preflightQueries, [size]);
  const big = analyzeText('V1__x.sql', text, { facts: facts({ [size]: { bytes: 41 * 1024 ** 3 } }) });
  assert.deepEqual(big.findings.filter((f) => f.preflight).map((f) => `${f.range.start}: ${f.preflight!.verdict} | ${f.preflight!.summary}`), [
    '0: locks | rewrites accounts (41 GB) under ACCESS EXCLUSIVE',
    '70: locks | builds an index over accounts (41 GB) under SHARE (writes wait)',
  ]);
  const small = analyzeText('V1__x.sql', text, { facts: facts({ [size]: { bytes: 512 * 1024 } }) });
  assert.deepEqual(small.findings.filter((f) => f.preflight), []);
  assert.equal(small.preflightQueries, undefined);
});

test("SQLAlchemy Core's .where() becomes SQL only from columns, constants and known operators, and goes through the same check", () => {
  const where = (expr: string) => {
    const text = ['from alembic import op', 'import sqlalchemy as sa', 'accounts = sa.table("accounts", sa.column("qty"), sa.column("name"))', '', 'def upgrade():', `    op.execute(sa.delete(accounts).where(${expr}))`, ''].join('\n');
    const report = analyzeText('versions/0001_x.py', text, { facts: facts() });
    const query = report.preflightQueries?.[0];
    return query ? /WHERE (.*) IS TRUE LIMIT/.exec(query)?.[1] : report.findings.find((f) => f.preflight)?.preflight?.summary;
  };
  assert.equal(where('accounts.c.qty.between(1, 5) & ~accounts.c.name.like("a%")'), `((("qty" BETWEEN 1 AND 5) AND (NOT ("name" LIKE 'a%'))))`);
  assert.equal(where('sa.or_(accounts.c.name == None, accounts.c["qty"] != -1)'), '((("name" IS NULL) OR ("qty" <> -1)))');
  assert.equal(where('sa.not_(accounts.c.qty.in_([1, 2]))'), '((NOT ("qty" IN (1, 2))))');
  assert.equal(where('sa.text("qty > 0 AND pg_sleep(1) IS NULL")'), 'not checked: the expression uses function pg_sleep, which is not a known side-effect-free built-in');
  assert.equal(where('accounts.c.qty > limit()'), 'not checked: the WHERE was not read from the migration (only columns, constants and comparisons are)');
});

test('a table the catalog puts at 10 million rows or more is sampled: "about" for the whole table, "at least" for what was found, and none found proves nothing', () => {
  const huge: SchemaSnapshot = { ...DB, tables: DB.tables.map((t) => (t.name === 'accounts' ? { ...t, rowEstimate: 50_000_000 } : t)) };
  const at = (answers: PreflightFacts['answers']): ProjectFacts => ({ db: huge, preflight: { answers, examples: true, limit: 100_000, serverVersionNum: 150000 } });
  const text = 'ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;\nCREATE UNIQUE INDEX accounts_name ON accounts (name);\n';
  const asked = analyzeText('V1__x.sql', text, { facts: at({}) }).preflightQueries ?? [];
  const [nulls, dups, size] = [/IS NULL/, /GROUP BY/, /pg_total_relation_size/].map((re) => asked.find((q) => re.test(q))!);
  assert.equal(nulls, 'SELECT count(*)::int AS rows, (array_agg(k))[1:5] AS examples FROM (SELECT "id"::text AS k FROM "public"."accounts" TABLESAMPLE SYSTEM (2) WHERE "name" IS NULL LIMIT 100001) AS hits');
  assert.doesNotMatch(dups, /TABLESAMPLE/, 'duplicate groups are counted in full');
  assert.equal(asked.length, 3);
  const summaries = (answers: PreflightFacts['answers']) => analyzeText('V1__x.sql', text, { facts: at({ [size]: { bytes: 8 * 1024 ** 3 }, [dups]: { rows: 0 }, ...answers }) }).findings.filter((f) => f.rule === 'set-not-null').map((f) => `${f.preflight!.verdict} ${f.preflight!.sampled} | ${f.preflight!.summary}`);
  assert.deepEqual(summaries({ [nulls]: { rows: 12, examples: ['4', '8'] } }), ['will-fail true | will fail: about 600 rows of accounts.name are NULL (at least 12, found in a 2% sample) (e.g. id 4, 8)']);
  assert.deepEqual(summaries({ [nulls]: { rows: 0 } }), ['unknown true | unknown (none found in a 2% sample; the table is too large to read every row)']);
});
