// The SQL frontend: SQL text (a .sql migration, or SQL embedded in a Python string) -> operations.
// Statements are split first and parsed one at a time, so a statement the parser rejects becomes one
// Problem and the statements around it are still checked. PostgreSQL goes through libpg-query (and
// PL/pgSQL for DO blocks, sql/plpgsql.ts); MySQL and SQLite through node-sql-parser (sql/other.ts). Routines
// the migration creates are run in sql/routines.ts, SQL built at run time is probed in sql/probe.ts.

import type { Node, RawStmt } from 'libpg-query';
import type { Operation, Problem } from '../../ops';
import { ParserNotReady } from '../../parse/notReady';
import { pgParser, utf8OffsetsToUtf16 } from '../../parse/pg';
import { readByHead, splitStatements, type SqlStatement } from '../../parse/sqlSplit';
import { describeStatement, type OpDraft, type StatementFacts } from './pgStatements';
import { describeClickhouseStatement } from './clickhouse';
import { describeOtherStatement, OTHER_ENGINE, type OtherDialect, type OtherFacts } from './other';
import { preparedVariable } from './otherPrepared';
import { analyseDo } from './plpgsql';
import { analyseGexec } from './probe';
import { noteRoutine, routinesCalled, runRoutine, RUNS_CALLS } from './routines';
import { addProblem, emit, errorMessage, newScope, type Place, type Scope, type SqlContext } from './scope';

export { GUARDABLE, GuardBook, newScope, type Routine, type Scope, type SqlContext } from './scope';

export function sqlToOps(sql: string, ctx: SqlContext): { ops: Operation[]; problems: Problem[] } {
  const scope = newScope({ ...ctx, ops: [], problems: [] });
  analyseSql(sql, scope, (r) => ({ start: ctx.mapOffset(r.start), end: ctx.mapOffset(r.end) }));
  return { ops: scope.ops, problems: scope.problems };
}

/** Analyses every statement of `sql`; returns how many statements there were. */
export function analyseSql(sql: string, scope: Scope, place: Place): number {
  const statements = splitStatements(sql, scope.dialect);
  statements.forEach((statement, i) => {
    if (scope.dialect === 'postgres' && i > 0 && GEXEC.test(statement.text)) analyseGexec(sql, statements[i - 1], statement, scope, place);
    else analyseStatement(statement, scope, place);
  });
  return statements.length;
}

/** How a statement PostgreSQL's parser rejects is reported (sql/file.ts gathers them for CockroachDB files). */
export const UNPARSED = 'could not parse this SQL statement';

const GEXEC = /^\\gexec\b/;

function analyseStatement(s: SqlStatement, scope: Scope, place: Place): void {
  if (scope.dialect === 'clickhouse') return analyseClickhouse(s, scope, place);
  if (scope.dialect !== 'postgres') return analyseOther(s, scope, place, scope.dialect);
  if (s.text.startsWith('\\')) {
    const command = s.text.split(/\s/, 1)[0];
    addProblem(scope, `psql meta-command ${command} cannot be checked; only SQL statements are analysed`, place(s));
    return;
  }
  // Views, grants, comments, sequences and policies: no rule reads their bodies, so they are not parsed.
  if (readByHead(s.text)) {
    emit(scope, { kind: 'other-sql', details: {} }, s, place);
    return;
  }
  const parser = pgParser();
  let raw: RawStmt[];
  try {
    raw = parser.parse(s.text).stmts ?? [];
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    // With no dialect configured, SQL written for MySQL (`ALTER TABLE t MODIFY ...`, ENGINE=InnoDB) is read as such.
    const mysql = scope.dialectGuessed && OTHER_ENGINE.test(s.text) ? describeOtherStatement(s.text, 'mysql') : undefined;
    if (mysql && !mysql.problem) return applyOtherFacts(mysql, s, scope, place);
    addProblem(scope, `${UNPARSED} (${errorMessage(err)}); it was not checked`, place(s));
    return;
  }
  const units = raw.length === 1 ? [s] : subStatements(s, raw);
  raw.forEach((r, i) => {
    if (r.stmt) analyseNode(r.stmt, units[i], scope, place);
  });
}

/**
 * When one split statement holds several (the splitter and PostgreSQL disagree, e.g. CREATE RULE with a
 * parenthesised action list), their ranges come from libpg-query, which counts UTF-8 bytes.
 */
function subStatements(s: SqlStatement, raw: RawStmt[]): SqlStatement[] {
  const toUtf16 = utf8OffsetsToUtf16(s.text);
  return raw.map((r) => {
    const startByte = r.stmt_location ?? 0;
    const start = s.start + toUtf16(startByte);
    const end = r.stmt_len ? s.start + toUtf16(startByte + r.stmt_len) : s.end;
    return { start, end, text: s.text.slice(start - s.start, end - s.start) };
  });
}

export function analyseNode(node: Node, unit: SqlStatement, scope: Scope, place: Place): void {
  const before = scope.ops.length;
  if ('CreateFunctionStmt' in node) noteRoutine(node.CreateFunctionStmt, scope);
  const called = RUNS_CALLS.has(Object.keys(node)[0]) ? routinesCalled(node, scope) : [];
  if ('DoStmt' in node) {
    analyseDo(node.DoStmt, unit, scope, place);
  } else if ('CallStmt' in node && called.length > 0) {
    // CALL of a procedure created earlier in the migration: its body is checked below instead.
  } else if (applyFacts(describeStatement(node), unit, scope, place)) {
    return;
  }
  for (const routine of called) runRoutine(routine, unit, scope, place);
  // Every statement that runs is visible to rules, even when it is nothing they look for.
  if (scope.ops.length === before) emit(scope, { kind: 'other-sql', details: {} }, unit, place);
}

/** Emits a statement's operations and records its guards; returns true for transaction control. */
function applyFacts(facts: StatementFacts, unit: SqlStatement, scope: Scope, place: Place): boolean {
  const first = scope.ops.length;
  for (const draft of facts.ops) emit(scope, withColumnCopies(draft, facts), unit, place);
  for (const table of facts.copiesFrom) scope.guards.add(table, { kind: 'backup', range: place(unit) }, table.columns);
  if (facts.copy) {
    scope.schema.noteCopy(facts.copy, place(unit));
    // Kept on an operation too, for a later file of the same split migration (sql/history.ts).
    if (scope.ops.length === first) emit(scope, { kind: 'other-sql', details: { tableCopy: facts.copy } }, unit, place);
  }
  for (const c of facts.columnCopies ?? []) scope.guards.add(c.table, { kind: 'backup', range: place(unit), copiedInto: c.into }, [c.from]);
  if (facts.transaction) scope.inTransaction = facts.transaction === 'begin';
  return facts.transaction !== undefined;
}

/**
 * The UPDATE's column copies go on its operation before it is recorded: the replayed schema reads them
 * (a text column filled from an enum column), and so does a later file of the same split migration (sql/history.ts).
 */
function withColumnCopies(draft: OpDraft, facts: StatementFacts): OpDraft {
  const copies = draft.kind === 'update-rows' ? (facts.columnCopies ?? []).filter((c) => c.table.table === draft.table) : [];
  if (copies.length === 0) return draft;
  return { ...draft, details: { ...draft.details, columnCopies: copies.map((c) => ({ from: c.from, into: c.into })) } };
}

/** MySQL and SQLite, through node-sql-parser, with MODIFY/CHANGE judged against the replayed schema. */
function analyseOther(unit: SqlStatement, scope: Scope, place: Place, dialect: OtherDialect): void {
  applyOtherFacts(describeOtherStatement(unit.text, dialect), unit, scope, place);
}

function applyOtherFacts(facts: OtherFacts, unit: SqlStatement, scope: Scope, place: Place): void {
  const before = scope.ops.length;
  if (facts.problem) addProblem(scope, facts.problem, place(unit));
  if (applyFacts(facts, unit, scope, place)) return;
  for (const r of facts.redefinitions ?? []) {
    emit(scope, { kind: 'alter-column', table: r.table, column: r.column.name, details: scope.schema.redefine(r) }, unit, place);
  }
  for (const draft of facts.dynamicOps ?? []) emit(scope, draft, unit, place, true);
  for (const a of facts.assigned ?? []) scope.variables.set(a.variable, a.known);
  if (facts.prepares !== undefined && scope.variables.get(facts.prepares) !== true) emit(scope, preparedVariable(facts.prepares), unit, place);
  if (scope.ops.length === before && !facts.problem) emit(scope, { kind: 'other-sql', details: {} }, unit, place);
}

// One problem per file for the ClickHouse statements that were not read, counting them: a migration
// folder of ClickHouse SQL is mostly statements no parser here knows, and one finding each buried the rest.
const unreadClickhouse = new WeakMap<Scope['problems'], { problem: Scope['problems'][number]; count: number }>();

function analyseClickhouse(unit: SqlStatement, scope: Scope, place: Place): void {
  const facts = describeClickhouseStatement(unit.text);
  if (facts.unread) {
    const seen = unreadClickhouse.get(scope.problems);
    if (seen) seen.problem.message = unreadMessage(++seen.count);
    else {
      const problem = { message: unreadMessage(1), range: place(unit) };
      unreadClickhouse.set(scope.problems, { problem, count: 1 });
      scope.problems.push(problem);
    }
  }
  if (applyFacts(facts, unit, scope, place)) return;
  if (facts.ops.length === 0) emit(scope, { kind: 'other-sql', details: {} }, unit, place);
}

function unreadMessage(count: number): string {
  const more = count > 1 ? ` (${count} statements of this file were not read; this is the first)` : '';
  return `This ClickHouse statement was not recognised${more}: only the statements that can destroy data (DROP, TRUNCATE, DELETE and the ALTER TABLE clauses that drop or rewrite data) are read in ClickHouse, so review it by hand.`;
}
