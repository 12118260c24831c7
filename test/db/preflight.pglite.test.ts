// Preflight on the embedded database (PGlite, PostgreSQL 17): every check with data that fails (`dirty`)
// and data that passes (`clean`), the verdicts for data the migration fixes first, what is not checked
// and why, NOT VALID, examples off, the time budget, and the incident demo's two failing operations.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { assertSampled, sampledOnPglite, CHANGES_VERDICTS, checkJson, ENUM_VERDICTS, DJANGO_MIGRATION, DJANGO_VERDICTS, COMMON_VERDICTS, CORE_VERDICTS, LOCK_VERDICTS, LOCKS_SEED, lockLines, FIXTURES, failingLines, migrationFile, PREFLIGHT_SEED, REPO, ruleFixtureFacts, verdictLines } from '../support/preflight';

const MIGRATION = path.join(FIXTURES, 'migration.sql');

test('every check: will fail on dirty rows with their primary keys, safe on clean ones; PostgreSQL 16+ tests casts with pg_input_is_valid', async () => {
  const { code, findings, err } = await checkJson([MIGRATION, '--embedded-seed', PREFLIGHT_SEED]);
  assert.equal(code, 1, err);
  assert.deepEqual(verdictLines(findings), [...COMMON_VERDICTS, '23: will-fail | will fail: 4 values of dirty.code are not valid as date (e.g. id 1, 2, 3, 4)']);
  assert.deepEqual(failingLines(findings), [2, 3, 5, 6, 7, 8, 9, 10, 11, 23]);
  const nulls = findings.find((f) => f.rule === 'fails-on-current-data' && f.line === 2)!;
  assert.equal(nulls.message, "Fails on today's data: 2 rows of dirty.nick are NULL (e.g. id 2, 3), so PostgreSQL stops the migration at this statement. Fix those rows first, in an earlier step or migration.");
  assert.deepEqual(nulls.preflight, {
    verdict: 'will-fail',
    summary: 'will fail: 2 rows of dirty.nick are NULL (e.g. id 2, 3)',
    rows: 2,
    capped: false,
    examples: ['2', '3'],
    query: 'SELECT count(*)::int AS rows, (array_agg(k))[1:5] AS examples FROM (SELECT "id"::text AS k FROM "public"."dirty" WHERE "nick" IS NULL LIMIT 100001) AS hits',
    sampled: false,
    bytes: null,
    lock: null,
  });
  const partial = findings.find((f) => f.line === 4 && f.preflight)!;
  assert.match(partial.preflight!.query!, /WHERE "code" IS NOT NULL AND \(NOT "deleted"\) GROUP BY "code" HAVING count\(\*\) > 1/);
});

test('DELETE / UPDATE with a WHERE (SQL, SQLAlchemy Core, text in op.execute), DROP TYPE and an enum recreated without a label: the rows they delete, overwrite or lose, or why not checked', async () => {
  const { findings } = await checkJson([path.join(FIXTURES, 'changes.sql'), '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(findings), CHANGES_VERDICTS);
  assert.deepEqual(failingLines(findings), [11]);
  const deleted = findings.find((f) => f.line === 2 && f.rule === 'delete-rows')!;
  assert.equal(deleted.preflight!.query, 'SELECT count(*)::int AS rows, (array_agg(k))[1:5] AS examples FROM (SELECT "id"::text AS k FROM "public"."dirty" WHERE ((("qty" < 0) OR ("nick" IS NULL))) IS TRUE LIMIT 100001) AS hits');
  // A DELETE that matches nothing keeps the rule's own severity; an UPDATE with a WHERE is only shown.
  assert.deepEqual(findings.filter((f) => [3, 4, 5, 7].includes(f.line)).map((f) => `${f.line} ${f.rule} ${f.severity}`), [
    '3 update-rows-without-where info',
    '4 delete-rows warning',
    '5 update-rows-without-where info',
    '7 update-rows-without-where info',
  ]);
  const recreated = await checkJson([path.join(FIXTURES, 'enum.sql'), '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(recreated.findings), ENUM_VERDICTS);
  assert.deepEqual(failingLines(recreated.findings), [4]);
  const core = await checkJson([path.join(FIXTURES, 'alembic', '0005_core_deletes.py'), '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(core.findings), CORE_VERDICTS);
  assert.match(core.findings.find((f) => f.line === 15 && f.preflight)!.preflight!.query!, /WHERE \(\(\("email" IN \('zz', 'yy'\)\) OR \("qty" > 99\)\)\) IS TRUE/);
});

test('Django: unique_together, UniqueConstraint(fields=...) and a ForeignKey on an existing column fail on dirty rows and pass on clean ones; a conditional UniqueConstraint is not guessed at', async () => {
  const { findings } = await checkJson([DJANGO_MIGRATION, '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(findings), DJANGO_VERDICTS);
  assert.deepEqual(failingLines(findings), [7, 9, 12]);
});

test('rewrites and long locks: the table size and row estimate when the table is over 1 MB; nothing for a catalog-only change, CONCURRENTLY, NOT VALID or a small table', async () => {
  const { findings, err } = await checkJson([path.join(FIXTURES, 'locks.sql'), '--embedded-seed', LOCKS_SEED]);
  assert.deepEqual(lockLines(findings), LOCK_VERDICTS, err);
  const rewrite = findings.find((f) => f.line === 2 && f.preflight)!;
  assert.ok(rewrite.preflight!.bytes! > 1024 * 1024);
  assert.equal(rewrite.preflight!.query, `SELECT pg_catalog.pg_total_relation_size(pg_catalog.to_regclass('"public"."events"'))::float8 AS bytes`);
  assert.match(findings.find((f) => f.line === 4 && f.rule === 'set-not-null')!.message, /Live data: safe on today's data: no row of events\.kind is NULL\. It scans events \(\d+(?:\.\d)? MB, about 20,000 rows\) under ACCESS EXCLUSIVE\.$/);
});

test('a table the catalog puts at 50 million rows is read through TABLESAMPLE: "about" and "at least" when rows are found, "unknown" when none are', async () => {
  assertSampled(await sampledOnPglite());
});

test('--no-examples: no primary-key values are asked for or shown', async () => {
  const { findings } = await checkJson([MIGRATION, '--embedded-seed', PREFLIGHT_SEED, '--no-examples']);
  const asked = findings.filter((f) => f.preflight?.query);
  assert.ok(asked.length > 10);
  for (const f of asked) {
    assert.doesNotMatch(f.preflight!.query!, /array_agg|::text/);
    assert.deepEqual(f.preflight!.examples, []);
    assert.doesNotMatch(f.message, /e\.g\./);
  }
});

test('a backfill UPDATE before SET NOT NULL and a dedup DELETE before the unique index: the verdict reflects the data before that step', async () => {
  const file = migrationFile('V2__fix_then_constrain.sql', [
    "UPDATE dirty SET nick = 'unknown' WHERE nick IS NULL;",
    'ALTER TABLE dirty ALTER COLUMN nick SET NOT NULL;',
    'DELETE FROM dirty WHERE id = 2;',
    'CREATE UNIQUE INDEX dirty_email ON dirty (email);',
    '',
  ].join('\n'));
  const { findings } = await checkJson([file, '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(findings), [
    '1: will-lose | will overwrite nick in 2 rows of dirty (e.g. id 2, 3)',
    '2: before-fix | 2 rows of dirty.nick are NULL (e.g. id 2, 3) today; the UPDATE on line 1 runs first, so this reflects the data before that step',
    '3: before-fix | would delete 1 row of dirty (e.g. id 2) today; the UPDATE on line 1 runs first, so this reflects the data before that step',
    '4: before-fix | 2 groups of rows in dirty share (email) (e.g. id 1, 2, 3, 4) today; the DELETE on line 3 runs first, so this reflects the data before that step',
  ]);
  assert.deepEqual(failingLines(findings), []);
});

test('SQL that is more than a plain expression over the table is not run; NOT VALID leaves rows unchecked instead of failing', async () => {
  const file = migrationFile('V3__constraints.sql', [
    'ALTER TABLE dirty ADD CONSTRAINT q1 CHECK (qty > (SELECT max(id) FROM parents));',
    'ALTER TABLE dirty ADD CONSTRAINT q2 CHECK (my_rule(qty));',
    'ALTER TABLE dirty ADD CONSTRAINT q3 CHECK (other.qty > 0);',
    'ALTER TABLE dirty ADD CONSTRAINT p FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;',
    '',
  ].join('\n'));
  const { findings } = await checkJson([file, '--embedded-seed', PREFLIGHT_SEED]);
  assert.deepEqual(verdictLines(findings), [
    '1: not-checked | not checked: the expression uses a subquery',
    '2: not-checked | not checked: the expression uses function my_rule, which is not a known side-effect-free built-in',
    '3: not-checked | not checked: the expression uses a column of another table',
    '4: unchecked-rows | 1 row of dirty has a parent_id with no matching parents.id (e.g. id 2); NOT VALID leaves them unchecked, and VALIDATE CONSTRAINT will fail until they are fixed',
  ]);
  assert.deepEqual(failingLines(findings), []);
  assert.deepEqual(findings.filter((f) => f.rule === 'fails-on-current-data').map((f) => [f.line, f.severity]), [[4, 'info']]);
});

test('the time budget: once it is spent, the remaining operations are "unknown" and the run finishes; --preflight-budget is checked', async () => {
  const { code, findings, err } = await checkJson([MIGRATION, '--embedded-seed', PREFLIGHT_SEED, '--preflight-budget', '1']);
  assert.equal(code, 1, err);
  const lines = verdictLines(findings);
  assert.equal(lines.length, 21);
  // The budget starts with the first query, which always runs. How many more fit in the millisecond
  // depends on the machine, so the test asserts the shape: answers first, then only "not run", and the
  // last of 21 queries is never reached within 1 ms.
  const spent = /^\d+: unknown \| unknown \(not run: the preflight budget of 0 s was used up\)$/;
  assert.equal(lines[0], COMMON_VERDICTS[0]);
  const firstSpent = lines.findIndex((l) => spent.test(l));
  assert.ok(firstSpent > 0, lines.join('\n'));
  assert.deepEqual(lines.slice(0, firstSpent), COMMON_VERDICTS.slice(0, firstSpent));
  for (const l of lines.slice(firstSpent)) assert.match(l, spent);
  assert.ok(failingLines(findings).includes(2));
  const bad = await checkJson([MIGRATION, '--embedded-seed', PREFLIGHT_SEED, '--preflight-budget', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--preflight-budget takes a whole number of milliseconds, not "soon"/);
});

test('--no-preflight: no questions, no verdicts', async () => {
  const { findings } = await checkJson([MIGRATION, '--embedded-seed', PREFLIGHT_SEED, '--no-preflight']);
  assert.ok(findings.some((f) => f.rule === 'set-not-null'));
  assert.ok(findings.every((f) => !f.preflight && f.rule !== 'fails-on-current-data'));
});

test("the incident demo: 0003's NOT NULL and unique index fail on the seeded data; 0001 and 0002 ask nothing", async () => {
  const { findings } = await checkJson(['examples/incident', '--embedded-seed', 'examples/incident/seed.sql']);
  const failing = findings.filter((f) => f.rule === 'fails-on-current-data').map((f) => `${f.line}: ${f.message}`);
  assert.deepEqual(failing, [
    "17: Fails on today's data: 4 rows of users.display_name are NULL (e.g. id 6, 12, 18, 24), so PostgreSQL stops the migration at this statement. Fix those rows first, in an earlier step or migration.",
    "18: Fails on today's data: 3 groups of rows in projects share (slug) (e.g. id 1, 101, 2, 102, 3), so PostgreSQL stops the migration at this statement. Fix those rows first, in an earlier step or migration.",
  ]);
});

test('a schema snapshot has no data: no preflight', async () => {
  const { findings } = await checkJson([MIGRATION, '--schema-snapshot', path.join(FIXTURES, 'snapshot.json')]);
  assert.ok(findings.some((f) => f.rule === 'set-not-null'));
  assert.ok(findings.every((f) => !f.preflight && f.rule !== 'fails-on-current-data'));
});

test("the rule fixtures' facts.json holds what PGlite answers for the preflight seed (UPDATE_SNAPSHOTS=1 rewrites it)", async () => {
  const file = path.join(REPO, 'test', 'fixtures', 'rules', 'fails-on-current-data', 'facts.json');
  const expected = `${JSON.stringify(await ruleFixtureFacts(), null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) fs.writeFileSync(file, expected);
  assert.equal(fs.readFileSync(file, 'utf8'), expected);
});
