// The SQL frontend: SQL text (a .sql migration, or SQL embedded in a Python string) -> operations.
// Statements are split first and parsed one at a time, so a statement the parser rejects becomes one
// Problem and the statements around it are still checked. PostgreSQL goes through libpg-query (and
// PL/pgSQL for DO blocks); MySQL and SQLite through node-sql-parser (sqlOther.ts).

import type { CreateFunctionStmt, DoStmt, Node, ParseResult, RawStmt } from 'libpg-query';
import type { GuardInfo, OpDetails, OpKind, Operation, Origin, Phase, Problem, Range } from '../ops';
import type { SqlDialect } from '../options';
import { ParserNotReady } from '../parse/notReady';
import { pgParser, utf8OffsetsToUtf16 } from '../parse/pg';
import { splitStatements, type SqlStatement } from '../parse/sqlSplit';
import { constantString, describeStatement, tablesMentioned, type OpDraft, type StatementFacts, type TableRef } from './pgStatements';
import { describeOtherStatement, type OtherDialect } from './sqlOther';
import { SchemaBook } from './sqlSchema';

export interface SqlContext {
  phase: Phase;
  origin: Origin;
  /** Maps an offset in the SQL text to the offset reported (e.g. into the Python file holding the string). */
  mapOffset: (sqlOffset: number) => number;
  /** The statements run inside a transaction the caller opened (Alembic's default, goose, dbmate). */
  inTransaction: boolean;
  /** Guards (emptiness checks, backups) seen by earlier SQL of the same phase, e.g. an earlier op.execute(). */
  guards?: GuardBook;
  dialect?: SqlDialect;
  /** MySQL/SQLite: the tables seen by earlier SQL of the same phase, so a rebuild split over several calls is recognised. */
  schema?: SchemaBook;
}

export function sqlToOps(sql: string, ctx: SqlContext): { ops: Operation[]; problems: Problem[] } {
  const scope = newScope({ ...ctx, ops: [], problems: [] });
  analyseSql(sql, scope, (r) => ({ start: ctx.mapOffset(r.start), end: ctx.mapOffset(r.end) }));
  return { ops: scope.ops, problems: scope.problems };
}

/** State shared by the statements of one sqlToOps call or one up/down section of a file. */
export interface Scope {
  readonly phase: Phase;
  readonly origin: Origin;
  readonly dialect: SqlDialect;
  inTransaction: boolean;
  readonly guards: GuardBook;
  readonly schema: SchemaBook;
  readonly ops: Operation[];
  readonly problems: Problem[];
  /** Functions and procedures created by earlier statements, by name: a later SELECT f() or CALL p() runs their body. */
  readonly routines: Map<string, Routine>;
}

/** A function or procedure the migration itself creates. */
export interface Routine {
  language: string;
  /** The body as text (`AS $$ ... $$`), or the statements of a SQL-standard body (BEGIN ATOMIC ... END). */
  body?: string;
  statements?: Node[];
  running?: boolean;
}

/** Maps a range in the SQL text being analysed to the range reported. */
type Place = (local: Range) => Range;

export function newScope(
  s: Omit<SqlContext, 'mapOffset'> & { ops: Operation[]; problems: Problem[]; history?: () => Operation[]; routines?: Map<string, Routine> },
): Scope {
  return {
    phase: s.phase,
    origin: s.origin,
    dialect: s.dialect ?? 'postgres',
    inTransaction: s.inTransaction,
    guards: s.guards ?? new GuardBook(),
    schema: s.schema ?? new SchemaBook(s.history),
    ops: s.ops,
    problems: s.problems,
    routines: s.routines ?? new Map(),
  };
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

const GEXEC = /^\\gexec\b/;

/** psql's `\gexec` runs every value the query before it returns as a statement: SQL built at run time. */
function analyseGexec(sql: string, query: SqlStatement, meta: SqlStatement, scope: Scope, place: Place): void {
  const unit = { start: query.start, end: meta.end, text: `${query.text} ${meta.text}` };
  const reason = 'psql runs every value the query before \\gexec returns as a SQL statement';
  emit(scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
  const select = parseQuietly(query.text)?.stmts?.[0]?.stmt;
  for (const target of select && 'SelectStmt' in select ? (select.SelectStmt.targetList ?? []) : []) {
    const value = 'ResTarget' in target ? target.ResTarget.val : undefined;
    if (value) revealProbe(probeText(value), scope, place(unit));
  }
}

function analyseStatement(s: SqlStatement, scope: Scope, place: Place): void {
  if (scope.dialect !== 'postgres') return analyseOther(s, scope, place, scope.dialect);
  if (s.text.startsWith('\\')) {
    const command = s.text.split(/\s/, 1)[0];
    addProblem(scope, `psql meta-command ${command} cannot be checked; only SQL statements are analysed`, place(s));
    return;
  }
  const parser = pgParser();
  let raw: RawStmt[];
  try {
    raw = parser.parse(s.text).stmts ?? [];
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    addProblem(scope, `could not parse this SQL statement (${errorMessage(err)}); it was not checked`, place(s));
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

function analyseNode(node: Node, unit: SqlStatement, scope: Scope, place: Place): void {
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

// Statements that run the functions they call now (not views, defaults of new tables, triggers or rules).
const RUNS_CALLS = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'CallStmt',
  'ExplainStmt',
  'PrepareStmt',
  'AlterTableStmt',
]);

function noteRoutine(stmt: CreateFunctionStmt, scope: Scope): void {
  const names = (stmt.funcname ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
  const name = names[names.length - 1];
  if (!name) return;
  const routine: Routine = { language: 'sql' };
  for (const option of stmt.options ?? []) {
    if (!('DefElem' in option)) continue;
    const { defname, arg } = option.DefElem;
    if (defname === 'language' && arg && 'String' in arg) routine.language = (arg.String.sval ?? '').toLowerCase();
    if (defname === 'as' && arg && 'List' in arg) {
      const first = arg.List.items?.[0];
      if (first && 'String' in first) routine.body = first.String.sval ?? '';
    }
  }
  if (stmt.sql_body) routine.statements = flatStatements(stmt.sql_body);
  scope.routines.set(name, routine);
}

/** A SQL-standard body is a List holding a List of statements (or a single RETURN expression). */
function flatStatements(node: Node): Node[] {
  if ('List' in node) return (node.List.items ?? []).flatMap(flatStatements);
  return [node];
}

/** The routines created earlier in this migration that a statement calls, in the order it names them. */
function routinesCalled(node: Node, scope: Scope): Routine[] {
  if (scope.routines.size === 0) return [];
  const found: Routine[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'FuncCall' || key === 'funccall') {
        const names = ((child as { funcname?: Node[] }).funcname ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
        const routine = scope.routines.get(names[names.length - 1] ?? '');
        if (routine && !found.includes(routine)) found.push(routine);
      }
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Checks the body of a routine the migration created, at the statement that calls it. */
function runRoutine(routine: Routine, unit: SqlStatement, scope: Scope, place: Place): void {
  if (routine.running) return; // recursion
  routine.running = true;
  const here: Place = () => place(unit);
  try {
    if (routine.statements) {
      for (const stmt of routine.statements) analyseNode(stmt, unit, scope, place);
    } else if (routine.language === 'sql' && routine.body !== undefined) {
      analyseSql(routine.body, scope, here);
    } else if (routine.language === 'plpgsql' && routine.body !== undefined) {
      analysePlpgsql(routine.body, { start: unit.start, end: unit.end, text: '' }, scope, place);
    } else {
      const reason = `it calls a function written in ${routine.language}, which cannot be read statically`;
      emit(scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
    }
  } finally {
    routine.running = false;
  }
}

/** Emits a statement's operations and records its guards; returns true for transaction control. */
function applyFacts(facts: StatementFacts, unit: SqlStatement, scope: Scope, place: Place): boolean {
  for (const draft of facts.ops) emit(scope, draft, unit, place);
  for (const table of facts.copiesFrom) scope.guards.add(table, { kind: 'backup', range: place(unit) });
  if (facts.transaction) scope.inTransaction = facts.transaction === 'begin';
  return facts.transaction !== undefined;
}

/** MySQL and SQLite, through node-sql-parser, with MODIFY/CHANGE and table rebuilds judged against the replayed schema. */
function analyseOther(unit: SqlStatement, scope: Scope, place: Place, dialect: OtherDialect): void {
  const before = scope.ops.length;
  const facts = describeOtherStatement(unit.text, dialect);
  if (facts.problem) addProblem(scope, facts.problem, place(unit));
  if (applyFacts(facts, unit, scope, place)) return;
  for (const r of facts.redefinitions ?? []) {
    emit(scope, { kind: 'alter-column', table: r.table, column: r.column.name, details: scope.schema.redefine(r) }, unit, place);
  }
  if (facts.copy) scope.schema.noteCopy(facts.copy, place(unit));
  if (scope.ops.length === before && !facts.problem) emit(scope, { kind: 'other-sql', details: {} }, unit, place);
}

/** A rename that completes a table rebuild marks the rebuild's drop, and reports the columns its copy left out. */
function completeRebuild(scope: Scope, rename: Operation): void {
  const rebuild = scope.schema.rebuildFor(rename);
  if (!rebuild || !rename.details.newName || !rename.table) return;
  const info = { table: rename.details.newName, copy: rename.table, columnsKnown: rebuild.missing !== undefined };
  rebuild.drop.details.rebuild = info;
  rename.details.rebuild = info;
  for (const column of rebuild.missing ?? []) {
    const op: Operation = {
      kind: 'drop-column',
      table: info.table,
      column,
      range: rebuild.copyRange,
      phase: scope.phase,
      origin: scope.origin,
      autogenerated: false,
      details: { rebuild: info, inTransaction: scope.inTransaction },
    };
    if (rebuild.drop.schema !== undefined) op.schema = rebuild.drop.schema;
    scope.ops.push(op);
    scope.schema.note(op);
  }
}

const MAX_SQL_CHARS = 500;
// Destructive operations an emptiness check or a backup taken earlier makes recoverable.
export const GUARDABLE = new Set<OpKind>(['drop-table', 'truncate', 'drop-column']);

function emit(scope: Scope, draft: OpDraft, unit: SqlStatement, place: Place, dynamic = false): void {
  const sql = unit.text.trim();
  // A copy, since one draft's details can be shared by several drafts (DROP TABLE a, b). Object.assign
  // rather than a spread: the details come in many shapes, which V8's object spread copies much more slowly.
  const details: OpDetails = Object.assign({}, draft.details);
  details.sql = sql.length > MAX_SQL_CHARS ? `${sql.slice(0, MAX_SQL_CHARS)}…` : sql;
  details.inTransaction = scope.inTransaction;
  const op: Operation = { kind: draft.kind, range: place(unit), phase: scope.phase, origin: scope.origin, autogenerated: false, details };
  if (draft.schema !== undefined) op.schema = draft.schema;
  if (draft.table !== undefined) op.table = draft.table;
  if (draft.column !== undefined) op.column = draft.column;
  if (dynamic) op.dynamic = true;
  const guard = op.table !== undefined && GUARDABLE.has(op.kind) ? scope.guards.find(op.schema, op.table) : undefined;
  if (guard) op.guard = guard;
  scope.ops.push(op);
  if (scope.dialect === 'postgres') return;
  scope.schema.note(op);
  if (op.kind === 'rename-table') completeRebuild(scope, op);
}

function addProblem(scope: Scope, message: string, range: Range): void {
  scope.problems.push({ message, range });
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Guards seen so far, by table name. */
export class GuardBook {
  private readonly byTable = new Map<string, Array<{ schema?: string; guard: GuardInfo }>>();

  add(ref: TableRef, guard: GuardInfo): void {
    const entries = this.byTable.get(ref.table);
    const entry = { schema: ref.schema, guard };
    if (entries) entries.push(entry);
    else this.byTable.set(ref.table, [entry]);
  }

  /** A schema-less name matches any schema: which one it means depends on search_path at run time. */
  find(schema: string | undefined, table: string): GuardInfo | undefined {
    const entries = this.byTable.get(table) ?? [];
    return entries.find((e) => e.schema === undefined || schema === undefined || e.schema === schema)?.guard;
  }
}

// ------------------------------------------------------------------------------------------ DO blocks

// elog.h: RAISE EXCEPTION (and a RAISE with no level) is ERROR.
const ERROR_LEVEL = 21;

/** DO blocks run at migration time, so the statements inside them are checked like any others. */
function analyseDo(stmt: DoStmt, unit: SqlStatement, scope: Scope, place: Place): void {
  const options = new Map<string, string>();
  for (const arg of stmt.args ?? []) {
    if ('DefElem' in arg && arg.DefElem.arg && 'String' in arg.DefElem.arg) {
      options.set(arg.DefElem.defname ?? '', arg.DefElem.arg.String.sval ?? '');
    }
  }
  const language = options.get('language') ?? 'plpgsql';
  if (language !== 'plpgsql') {
    const reason = `a DO block in ${language} runs code that cannot be read statically`;
    emit(scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
    return;
  }
  analysePlpgsql(options.get('as') ?? '', unit, scope, place);
}

function analysePlpgsql(body: string, unit: SqlStatement, scope: Scope, place: Place): void {
  let action: unknown;
  try {
    action = pgParser().parsePlPgSQL(asFunction(body)).plpgsql_funcs?.[0]?.PLpgSQL_function?.action;
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    addProblem(scope, `could not parse the DO block (${errorMessage(err)}); it was not checked`, place(unit));
    return;
  }
  new DoBlockWalker(unit, scope, place, body).walk(action);
}

/** libpg-query parses PL/pgSQL only as a function body; wrap the block in one with a tag the body lacks. */
function asFunction(body: string): string {
  let tag = '$mg$';
  for (let n = 0; body.includes(tag); n++) tag = `$mg${n}$`;
  return `CREATE FUNCTION __mg_do() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`;
}

type PlNode = Record<string, unknown>;

function isPlNode(value: unknown): value is PlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The source text of a PLpgSQL_expr. */
function exprText(value: unknown): string | undefined {
  const expr = isPlNode(value) ? value.PLpgSQL_expr : undefined;
  return isPlNode(expr) && typeof expr.query === 'string' ? expr.query : undefined;
}

/**
 * Walks a PL/pgSQL tree in source order. The tree holds statement texts but no offsets, so each text is
 * found in the DO statement by searching forward from the previous one.
 */
class DoBlockWalker {
  private cursor: number;

  constructor(
    private readonly unit: SqlStatement,
    private readonly scope: Scope,
    private readonly place: Place,
    body: string,
  ) {
    this.cursor = Math.max(0, unit.text.indexOf(body));
  }

  walk(node: unknown): void {
    if (Array.isArray(node)) {
      for (const child of node) this.walk(child);
      return;
    }
    if (!isPlNode(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (!isPlNode(value)) {
        this.walk(value);
        continue;
      }
      switch (key) {
        case 'PLpgSQL_expr':
          break; // an expression is evaluated, not run as a statement
        case 'PLpgSQL_stmt_if':
          this.ifStatement(value);
          break;
        case 'PLpgSQL_stmt_execsql':
          this.execSql(exprText(value.sqlstmt));
          break;
        case 'PLpgSQL_stmt_fors': // FOR r IN <query> LOOP: the query runs first (it may be DELETE .. RETURNING)
          this.execSql(exprText(value.query));
          this.walk(value.body);
          break;
        case 'PLpgSQL_stmt_perform': {
          // PERFORM f(): the query runs, and with it any routine the migration created.
          const query = exprText(value.expr);
          if (query !== undefined && this.scope.routines.size > 0) this.execSql(/^\s*select\b/i.test(query) ? query : `SELECT ${query}`);
          break;
        }
        case 'PLpgSQL_stmt_dynexecute':
          this.execute(exprText(value.query));
          break;
        case 'PLpgSQL_stmt_dynfors':
          this.execute(exprText(value.query));
          this.walk(value.body);
          break;
        case 'PLpgSQL_stmt_open':
          this.execute(exprText(value.dynquery));
          break;
        default:
          this.walk(value);
      }
    }
  }

  private execSql(query: string | undefined): void {
    if (query !== undefined) analyseSql(query, this.scope, this.locate(query));
  }

  /** EXECUTE of a literal string is as readable as plain SQL; anything else is built at run time. */
  private execute(expr: string | undefined): void {
    if (expr === undefined) return;
    const place = this.locate(expr);
    const literal = constantString(parseQuietly(`SELECT ${expr}`)?.stmts?.[0]?.stmt);
    if (literal === undefined) {
      const reason = 'EXECUTE builds SQL at run time inside a DO block';
      const unit = { start: 0, end: expr.length, text: `EXECUTE ${expr}` };
      emit(this.scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
      this.revealLiteralParts(expr, place(unit));
      return;
    }
    // The literal's characters follow its opening quote one for one unless it contains escapes.
    const verbatim = expr.startsWith("'") && expr.slice(1, -1) === literal;
    const whole = { start: 0, end: expr.length };
    analyseSql(literal, this.scope, verbatim ? (r) => place({ start: r.start + 1, end: r.end + 1 }) : () => place(whole));
  }

  /**
   * `EXECUTE 'DROP TABLE ' || quote_ident(t)` or `EXECUTE format('DELETE FROM %I', t)`: the literal parts
   * still show what the statement does, so it is checked with the run-time values left as unknown names.
   */
  private revealLiteralParts(expr: string, range: Range): void {
    const select = parseQuietly(`SELECT ${expr}`)?.stmts?.[0]?.stmt;
    const target = select && 'SelectStmt' in select ? select.SelectStmt.targetList?.[0] : undefined;
    const value = target && 'ResTarget' in target ? target.ResTarget.val : undefined;
    if (value) revealProbe(probeText(value), this.scope, range);
  }

  /**
   * `IF <condition reading t> THEN RAISE EXCEPTION ...` refuses to go on while t has rows: it guards the
   * destructive operations on t that follow it, in this block and in later statements.
   */
  private ifStatement(stmt: PlNode): void {
    const elsifs = Array.isArray(stmt.elsif_list) ? stmt.elsif_list : [];
    const branches = [{ cond: stmt.cond, body: stmt.then_body }];
    for (const e of elsifs) {
      const branch = isPlNode(e) && isPlNode(e.PLpgSQL_if_elsif) ? e.PLpgSQL_if_elsif : {};
      branches.push({ cond: branch.cond, body: branch.stmts });
    }
    for (const branch of branches) {
      this.walk(branch.body);
      const cond = exprText(branch.cond);
      if (cond === undefined || !raisesError(branch.body)) continue;
      const guard: GuardInfo = { kind: 'emptiness-check', range: this.place(this.unit) };
      for (const table of tablesMentioned(parseQuietly(`SELECT ${cond}`))) this.scope.guards.add(table, guard);
    }
    this.walk(stmt.else_body);
  }

  /** A place for a fragment of the DO statement: exact when found, else the whole DO statement. */
  private locate(fragment: string): Place {
    const at = this.unit.text.indexOf(fragment, this.cursor);
    if (at < 0) return () => this.place(this.unit);
    this.cursor = at + fragment.length;
    const base = this.unit.start + at;
    return (r) => this.place({ start: base + r.start, end: base + r.end });
  }
}

function raisesError(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(raisesError);
  if (!isPlNode(node)) return false;
  const raise = node.PLpgSQL_stmt_raise;
  if (isPlNode(raise) && raise.elog_level === ERROR_LEVEL) return true;
  return Object.values(node).some(raisesError);
}

function parseQuietly(sql: string): ParseResult | undefined {
  try {
    return pgParser().parse(sql);
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    return undefined;
  }
}

const DYNAMIC_NAME = '__mg_dynamic__';

/**
 * The SQL a string expression builds, with every value known only at run time replaced by DYNAMIC_NAME:
 * literals, `||`, concat(), format() and quote_ident()/quote_literal()/quote_nullable() are followed.
 */
function probeText(expr: Node): string {
  if ('A_Const' in expr) return expr.A_Const.sval?.sval ?? (expr.A_Const.isnull ? 'NULL' : DYNAMIC_NAME);
  if ('TypeCast' in expr) return expr.TypeCast.arg ? probeText(expr.TypeCast.arg) : DYNAMIC_NAME;
  if ('A_Expr' in expr) {
    const { kind, name, lexpr, rexpr } = expr.A_Expr;
    const op = (name ?? []).map((n) => ('String' in n ? n.String.sval : ''));
    if (kind === 'AEXPR_OP' && op.length === 1 && op[0] === '||' && lexpr && rexpr) return probeText(lexpr) + probeText(rexpr);
    return DYNAMIC_NAME;
  }
  if ('FuncCall' in expr) {
    const names = (expr.FuncCall.funcname ?? []).map((n) => ('String' in n ? n.String.sval : ''));
    const fn = names[names.length - 1];
    const args = expr.FuncCall.args ?? [];
    if (fn === 'concat') return args.map(probeText).join('');
    if (fn === 'concat_ws' && args.length > 0) return args.slice(1).map(probeText).join(probeText(args[0]));
    if ((fn === 'quote_ident' || fn === 'quote_literal' || fn === 'quote_nullable') && args.length === 1) {
      const inner = probeText(args[0]);
      return fn === 'quote_ident' || inner === DYNAMIC_NAME ? inner : `'${inner.replace(/'/g, "''")}'`;
    }
    if (fn === 'format' && args.length > 0) return formatProbe(probeText(args[0]), args.slice(1).map(probeText));
  }
  return DYNAMIC_NAME;
}

/** format()'s %s, %I and %L (with an optional `n$` position and width), and %% for a percent sign. */
function formatProbe(fmt: string, args: string[]): string {
  let next = 0;
  return fmt.replace(/%(?:(\d+)\$)?-?(?:\d+|\*)?([sIL%])/g, (_, position: string | undefined, type: string) => {
    if (type === '%') return '%';
    const index = position !== undefined ? Number(position) - 1 : next;
    next = index + 1;
    const value = args[index] ?? DYNAMIC_NAME;
    return type === 'L' && value !== DYNAMIC_NAME ? `'${value.replace(/'/g, "''")}'` : value;
  });
}

/** Checks SQL built at run time as far as its literal parts show, and reports what they reveal at `range`. */
function revealProbe(probe: string, scope: Scope, range: Range): void {
  if (!probe.trim() || probe === DYNAMIC_NAME) return;
  const sub = newScope({ phase: scope.phase, origin: scope.origin, inTransaction: scope.inTransaction, guards: scope.guards, dialect: 'postgres', ops: [], problems: [] });
  analyseSql(probe, sub, () => range);
  for (const op of sub.ops) {
    if (op.kind === 'other-sql' || op.kind === 'dynamic-sql') continue;
    const revealed: Operation = { ...op, range, dynamic: true };
    for (const key of ['schema', 'table', 'column'] as const) {
      if (revealed[key]?.includes(DYNAMIC_NAME)) delete revealed[key];
    }
    scope.ops.push(revealed);
  }
}
