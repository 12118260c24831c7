// Shared by the preflight tests on PGlite and on PostgreSQL 15: the CLI run in-process on a migration,
// and its findings reduced to "line rule: verdict | summary" lines that read like the output.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import type { ProjectFacts } from '../../server/src/core/facts';
import { preflightOutput } from '../../server/src/core/preflight/output';
import { answerQueries, serverVersionNum } from '../../server/src/core/preflight/run';
import { runCli } from './cli';

export const REPO = path.join(__dirname, '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'preflight');
export const PREFLIGHT_SEED = path.join(FIXTURES, 'seed.sql');

export interface JsonFinding {
  line: number;
  rule: string;
  severity: string;
  message: string;
  preflight?: { verdict: string; summary: string; rows: number | null; capped: boolean; examples: string[]; query: string | null; sampled: boolean; bytes: number | null; lock: string | null };
}

export async function checkJson(args: string[]): Promise<{ code: number; findings: JsonFinding[]; err: string }> {
  const { code, out, err } = await runCli(['check', ...args, '--format', 'json'], REPO, {});
  return { code, findings: out ? (JSON.parse(out) as { findings: JsonFinding[] }).findings : [], err };
}

/** One line per operation that preflight asked about: `12: will-fail | will fail: ...`. */
export function verdictLines(findings: JsonFinding[]): string[] {
  const byLine = new Map<number, string>();
  for (const f of findings) if (f.preflight) byLine.set(f.line, `${f.line}: ${f.preflight.verdict} | ${f.preflight.summary}`);
  return [...byLine.values()];
}

/** Lines that carry a fails-on-current-data error. */
export function failingLines(findings: JsonFinding[]): number[] {
  return findings.filter((f) => f.rule === 'fails-on-current-data' && f.severity === 'error').map((f) => f.line);
}

/** A migration file of its own in a temporary directory. */
export function migrationFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-preflight-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** Verdicts on `dirty` (each fails) and on `clean` (each is safe) that hold on any server. */
export const COMMON_VERDICTS = [
  '2: will-fail | will fail: 2 rows of dirty.nick are NULL (e.g. id 2, 3)',
  '3: will-fail | will fail: 2 groups of rows in dirty share (lower(email)) (e.g. id 1, 2, 3, 4)',
  '4: safe | safe on today\'s data: no two rows of dirty share (code)',
  '5: will-fail | will fail: 1 row of dirty has a parent_id with no matching parents.id (e.g. id 2)',
  '6: will-fail | will fail: 1 row of dirty fails CHECK dirty_qty (e.g. id 2)',
  '7: will-fail | will fail: 1 value of dirty.label is longer than 10 characters (e.g. id 2)',
  '8: will-fail | will fail: 1 value of dirty.num is not valid as integer (e.g. id 2)',
  '9: will-fail | will fail: 1 value of dirty.big is outside the integer range (e.g. id 2)',
  '10: will-fail | will fail: 1 value of dirty.amount has more than 4 digits before the decimal point (e.g. id 2)',
  '11: will-fail | will fail: 1 value of dirty.ref is not valid as uuid (e.g. id 2)',
  '13: safe | safe on today\'s data: no row of clean.nick is NULL',
  '14: safe | safe on today\'s data: no two rows of clean share (lower(email))',
  '15: safe | safe on today\'s data: no two rows of clean share (code)',
  '16: safe | safe on today\'s data: every clean.parent_id matches a parents.id',
  '17: safe | safe on today\'s data: every row of clean passes CHECK clean_qty',
  '18: safe | safe on today\'s data: every value of clean.label fits varchar(10)',
  '19: safe | safe on today\'s data: every value of clean.num fits integer',
  '20: safe | safe on today\'s data: every value of clean.big fits integer',
  '21: safe | safe on today\'s data: every value of clean.amount fits numeric(6,2)',
  '22: safe | safe on today\'s data: every value of clean.ref fits uuid',
];

/** Verdicts on changes.sql: DELETE / UPDATE with a WHERE and DROP TYPE, hit (dirty, feelings.mood) and not (clean, feelings.shade). */
export const CHANGES_VERDICTS = [
  '2: will-lose | will delete 2 rows of dirty (e.g. id 2, 3)',
  '3: will-lose | will overwrite mood in 1 row of feelings (e.g. id 1)',
  "4: safe | safe on today's data: the DELETE matches no row of clean",
  "5: safe | safe on today's data: the UPDATE matches no row of clean",
  '6: not-checked | not checked: the expression uses a subquery',
  '7: not-checked | not checked: the statement joins another table',
  '8: not-checked | not checked: the expression uses function my_rule, which is not a known side-effect-free built-in',
  '9: will-lose | will lose the values of feelings.mood in 2 rows, which CASCADE drops with type mood (e.g. id 1, 3)',
  "10: safe | safe on today's data: no row holds a value of type shade (feelings.shade, which CASCADE drops)",
  '11: will-fail | will fail: feelings.mood still uses type mood; 2 rows hold a value (e.g. id 1, 3)',
];

/** Verdicts on enum.sql: an enum recreated without a label rows still hold, and one recreated with more. */
export const ENUM_VERDICTS = [
  '4: will-fail | will fail: 1 value of feelings.mood is no label of the new mood (e.g. id 1)',
  "8: safe | safe on today's data: every value of feelings.shade is a label of the new shade",
];

/** Verdicts on alembic/0005_core_deletes.py: SQLAlchemy Core statements with a WHERE. */
export const CORE_VERDICTS = [
  '13: will-lose | will delete 1 row of dirty (e.g. id 2)',
  "14: safe | safe on today's data: the UPDATE matches no row of clean",
  "15: safe | safe on today's data: the DELETE matches no row of clean",
  '16: before-fix | would delete 2 rows of dirty (e.g. id 3, 4) today; the DELETE on line 13 runs first, so this reflects the data before that step',
  '17: not-checked | not checked: the WHERE was not read from the migration (only columns, constants and comparisons are)',
];

export const DJANGO_MIGRATION = path.join(FIXTURES, 'django', 'shop', 'migrations', '0002_constraints.py');

/** Django: unique_together, UniqueConstraint(fields=...) and a column that becomes a ForeignKey, on dirty (fail) and clean (pass). */
export const DJANGO_VERDICTS = [
  '7: will-fail | will fail: 1 group of rows in dirty share (email, code) (e.g. id 3, 4)',
  '9: will-fail | will fail: 2 groups of rows in dirty share (email) (e.g. id 1, 2, 3, 4)',
  '12: will-fail | will fail: 1 row of dirty has a parent_id with no matching parents.id (e.g. id 2)',
  "13: safe | safe on today's data: every clean.parent_id matches a parents.id",
];

/** sample.sql's verdicts: the count and the examples depend on which pages the sample read. */
export function assertSampled(findings: JsonFinding[]): void {
  const lines = verdictLines(findings);
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0], /^2: will-fail \| will fail: about [\d,]+ rows of huge\.v are NULL \(at least [\d,]+, found in a 2% sample\) \(e\.g\. id \d+(?:, \d+){4}\)$/);
  assert.equal(lines[1], '3: unknown | unknown (none found in a 2% sample; the table is too large to read every row)');
  const asked = findings.find((f) => f.line === 2 && f.preflight)!.preflight!;
  assert.equal(asked.sampled, true);
  assert.match(asked.query!, /FROM "public"\."huge" TABLESAMPLE SYSTEM \(2\) WHERE "v" IS NULL/);
}

/**
 * sample.sql checked in process against PGlite seeded with locks-seed.sql, with `huge`'s reltuples set
 * after the ANALYZE that `--embedded-seed` runs (which would count the 20,000 rows again).
 */
export async function sampledOnPglite(): Promise<JsonFinding[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create();
  try {
    await lite.exec(fs.readFileSync(LOCKS_SEED, 'utf8'));
    await lite.exec("ANALYZE; UPDATE pg_class SET reltuples = 50000000 WHERE relname = 'huge';");
    const source = await PgliteSchemaSource.wrap(lite);
    const facts: ProjectFacts = { db: await source.read(), preflight: { answers: {}, examples: true, limit: 100_000, serverVersionNum: await serverVersionNum(source) } };
    const file = path.join(FIXTURES, 'sample.sql');
    const text = fs.readFileSync(file, 'utf8');
    await initAnalyzer();
    await answerQueries(source, analyzeText(file, text, { facts }).preflightQueries ?? [], facts.preflight!, { deadline: Infinity, totalMs: Infinity });
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    return analyzeText(file, text, { facts }).findings.map((f) => ({ line: lineOf(f.range.start), rule: f.rule, severity: f.severity, message: f.message, ...(f.preflight ? { preflight: preflightOutput(f.preflight) } : {}) }));
  } finally {
    await lite.close();
  }
}

export const LOCKS_SEED = path.join(FIXTURES, 'locks-seed.sql');

/** locks.sql's verdicts and lock sentences, the size in MB written as N (it differs a little by server version). */
export function lockLines(findings: JsonFinding[]): string[] {
  const byLine = new Map<number, string>();
  for (const f of findings) {
    if (f.preflight) byLine.set(f.line, `${f.line}: ${f.preflight.verdict} | ${f.preflight.summary} | ${f.preflight.lock}`.replace(/\d+(?:\.\d)? MB/g, 'N MB'));
  }
  return [...byLine.values()];
}

export const LOCK_VERDICTS = [
  '2: locks | rewrites events (N MB, about 20,000 rows) under ACCESS EXCLUSIVE | rewrites events (N MB, about 20,000 rows) under ACCESS EXCLUSIVE',
  '3: locks | builds an index over events (N MB, about 20,000 rows) under SHARE (writes wait) | builds an index over events (N MB, about 20,000 rows) under SHARE (writes wait)',
  "4: safe | safe on today's data: no row of events.kind is NULL | scans events (N MB, about 20,000 rows) under ACCESS EXCLUSIVE",
];

/**
 * What test/fixtures/rules/fails-on-current-data/facts.json must hold: the preflight seed's schema and
 * the answers PGlite gives to every query the fixtures ask, so the fixture runner needs no database.
 */
export async function ruleFixtureFacts(): Promise<ProjectFacts> {
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create();
  try {
    await lite.exec(fs.readFileSync(PREFLIGHT_SEED, 'utf8'));
    const source = await PgliteSchemaSource.wrap(lite);
    const db = await source.read();
    // Only what the rules read: a fixed source, time and server version keep the file stable.
    const facts: ProjectFacts = {
      db: { ...db, source: 'preflight seed', takenAt: '2026-12-01T00:00:00.000Z', serverVersion: '15.0' },
      preflight: { answers: {}, examples: true, limit: 100_000, serverVersionNum: 150000 },
    };
    const dir = path.join(REPO, 'test', 'fixtures', 'rules', 'fails-on-current-data');
    await initAnalyzer();
    for (const name of fs.readdirSync(dir).filter((f) => /^(?:bad|ok)-.*\.(?:py|sql)$/.test(f)).sort()) {
      const report = analyzeText(`fails-on-current-data/${name}`, fs.readFileSync(path.join(dir, name), 'utf8'), { facts });
      await answerQueries(source, report.preflightQueries ?? [], facts.preflight!, { deadline: Infinity, totalMs: Infinity });
    }
    return facts;
  } finally {
    await lite.close();
  }
}
