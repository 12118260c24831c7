// The PostgreSQL frontend: SQL text (a .sql migration, or SQL embedded in a Python string) -> operations.
// Statements are split first and parsed one at a time, so a statement libpg-query rejects becomes one
// Problem and the statements around it are still checked.

import type { DoStmt, Node, ParseResult, RawStmt } from 'libpg-query';
import type { FrontendResult, GuardInfo, OpKind, Operation, Origin, Phase, PhaseInfo, Problem, Range } from '../ops';
import { pgParser } from '../parse/pg';
import { splitStatements, type SqlStatement } from '../parse/sqlSplit';
import { constantString, describeStatement, tablesMentioned, type OpDraft, type TableRef } from './pgStatements';

export interface SqlContext {
  phase: Phase;
  origin: Origin;
  /** Maps an offset in the SQL text to the offset reported (e.g. into the Python file holding the string). */
  mapOffset: (sqlOffset: number) => number;
  /** The statements run inside a transaction the caller opened (Alembic's default, goose, dbmate). */
  inTransaction: boolean;
}

export function sqlToOps(sql: string, ctx: SqlContext): { ops: Operation[]; problems: Problem[] } {
  const scope = newScope(ctx.phase, ctx.origin, ctx.inTransaction, [], []);
  analyseSql(sql, scope, (r) => ({ start: ctx.mapOffset(r.start), end: ctx.mapOffset(r.end) }));
  return { ops: scope.ops, problems: scope.problems };
}

/** State shared by the statements of one sqlToOps call or one up/down section of a file. */
interface Scope {
  readonly phase: Phase;
  readonly origin: Origin;
  inTransaction: boolean;
  readonly guards: GuardBook;
  readonly ops: Operation[];
  readonly problems: Problem[];
}

/** Maps a range in the SQL text being analysed to the range reported. */
type Place = (local: Range) => Range;

function newScope(phase: Phase, origin: Origin, inTransaction: boolean, ops: Operation[], problems: Problem[]): Scope {
  return { phase, origin, inTransaction, guards: new GuardBook(), ops, problems };
}

/** Analyses every statement of `sql`; returns how many statements there were. */
function analyseSql(sql: string, scope: Scope, place: Place): number {
  const statements = splitStatements(sql);
  for (const statement of statements) analyseStatement(statement, scope, place);
  return statements.length;
}

function analyseStatement(s: SqlStatement, scope: Scope, place: Place): void {
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
  const toUtf16 = utf8ToUtf16(s.text);
  return raw.map((r) => {
    const startByte = r.stmt_location ?? 0;
    const start = s.start + toUtf16(startByte);
    const end = r.stmt_len ? s.start + toUtf16(startByte + r.stmt_len) : s.end;
    return { start, end, text: s.text.slice(start - s.start, end - s.start) };
  });
}

function utf8ToUtf16(text: string): (byteOffset: number) => number {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => Math.min(b, text.length);
  const byByte: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) byByte.push(i);
    if (cp >= 0x10000) i++;
  }
  byByte.push(text.length);
  return (b) => byByte[Math.min(b, byByte.length - 1)];
}

function analyseNode(node: Node, unit: SqlStatement, scope: Scope, place: Place): void {
  const before = scope.ops.length;
  if ('DoStmt' in node) {
    analyseDo(node.DoStmt, unit, scope, place);
  } else {
    const facts = describeStatement(node);
    for (const draft of facts.ops) emit(scope, draft, unit, place);
    for (const table of facts.copiesFrom) scope.guards.add(table, { kind: 'backup', range: place(unit) });
    if (facts.transaction) {
      scope.inTransaction = facts.transaction === 'begin';
      return;
    }
  }
  // Every statement that runs is visible to rules, even when it is nothing they look for.
  if (scope.ops.length === before) emit(scope, { kind: 'other-sql', details: {} }, unit, place);
}

const MAX_SQL_CHARS = 500;
// Destructive operations an emptiness check or a backup taken earlier makes recoverable.
const GUARDABLE = new Set<OpKind>(['drop-table', 'truncate', 'drop-column']);

function emit(scope: Scope, draft: OpDraft, unit: SqlStatement, place: Place, dynamic = false): void {
  const sql = unit.text.trim();
  const op: Operation = {
    kind: draft.kind,
    range: place(unit),
    phase: scope.phase,
    origin: scope.origin,
    autogenerated: false,
    details: {
      ...draft.details,
      sql: sql.length > MAX_SQL_CHARS ? `${sql.slice(0, MAX_SQL_CHARS)}…` : sql,
      inTransaction: scope.inTransaction,
    },
  };
  if (draft.schema !== undefined) op.schema = draft.schema;
  if (draft.table !== undefined) op.table = draft.table;
  if (draft.column !== undefined) op.column = draft.column;
  if (dynamic) op.dynamic = true;
  const guard = op.table !== undefined && GUARDABLE.has(op.kind) ? scope.guards.find(op.schema, op.table) : undefined;
  if (guard) op.guard = guard;
  scope.ops.push(op);
}

function addProblem(scope: Scope, message: string, range: Range): void {
  scope.problems.push({ message, range });
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Guards seen so far, by table name. */
class GuardBook {
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
  const body = options.get('as') ?? '';
  let action: unknown;
  try {
    action = pgParser().parsePlPgSQL(asFunction(body)).plpgsql_funcs?.[0]?.PLpgSQL_function?.action;
  } catch (err) {
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
      return;
    }
    // The literal's characters follow its opening quote one for one unless it contains escapes.
    const verbatim = expr.startsWith("'") && expr.slice(1, -1) === literal;
    const whole = { start: 0, end: expr.length };
    analyseSql(literal, this.scope, verbatim ? (r) => place({ start: r.start + 1, end: r.end + 1 }) : () => place(whole));
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
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------ .sql files

/** A whole .sql migration: up/down sections (goose, dbmate, file naming), each analysed on its own. */
export function sqlFileFrontend(text: string, path: string): FrontendResult {
  const ops: Operation[] = [];
  const problems: Problem[] = [];
  const phases: PhaseInfo[] = [];
  for (const section of readSections(text, path)) {
    const scope = newScope(section.phase, 'sql-file', section.inTransaction, ops, problems);
    let statements = 0;
    for (const seg of section.segments) {
      const shift = (r: Range): Range => ({ start: seg.start + r.start, end: seg.start + r.end });
      statements += analyseSql(text.slice(seg.start, seg.end), scope, shift);
    }
    if (section.range) phases.push({ phase: section.phase, range: section.range, empty: statements === 0, raises: false });
  }
  return { framework: 'sql', ops, problems, suppressions: [], autogenBlocks: [], phases };
}

interface Section {
  phase: Phase;
  inTransaction: boolean;
  /** Absent for text before a file's first up/down marker, which is not a section of its own. */
  range?: Range;
  /** Split separately so an unterminated quote cannot run past a marker into the next section. */
  segments: Range[];
}

interface Marker {
  start: number;
  end: number;
  opens?: { phase: Phase; inTransaction: boolean };
}

function readSections(text: string, path: string): Section[] {
  const markers = findMarkers(text);
  const hasSections = markers.some((m) => m.opens);
  let current: Section = { phase: phaseFromPath(path), inTransaction: false, segments: [] };
  if (!hasSections) current.range = { start: 0, end: trimEnd(text, text.length) };
  const sections = [current];
  let segmentStart = 0;
  for (const marker of markers) {
    current.segments.push({ start: segmentStart, end: marker.start });
    segmentStart = marker.end;
    if (!marker.opens) continue;
    if (current.range) current.range.end = Math.max(current.range.start, trimEnd(text, marker.start));
    current = { ...marker.opens, range: { start: marker.start, end: trimEnd(text, text.length) }, segments: [] };
    sections.push(current);
  }
  current.segments.push({ start: segmentStart, end: text.length });
  return sections;
}

// goose: `-- +goose Up|Down|StatementBegin|StatementEnd|NO TRANSACTION`; dbmate: `-- migrate:up [transaction:false]`.
// Both tools match these line by line, whatever surrounds them, and so does this.
const MARKER = /^[ \t]*--[ \t]*(?:\+goose[ \t]+([^\r\n]*)|migrate:(up|down)\b([^\r\n]*))/gim;

function findMarkers(text: string): Marker[] {
  const found = [...text.matchAll(MARKER)];
  const gooseInTransaction = !found.some((m) => m[1] !== undefined && /^no\s+transaction\b/i.test(m[1].trim()));
  return found.map((m) => {
    const marker: Marker = { start: m.index, end: m.index + m[0].length };
    if (m[1] !== undefined) {
      const directive = m[1].trim().toLowerCase();
      if (directive === 'up' || directive === 'down') marker.opens = { phase: directive, inTransaction: gooseInTransaction };
    } else {
      const phase = m[2].toLowerCase() === 'down' ? 'down' : 'up';
      marker.opens = { phase, inTransaction: !/\btransaction:false\b/i.test(m[3]) };
    }
    return marker;
  });
}

/** `*.down.sql` (golang-migrate, sqlx), `down.sql` (diesel) and Flyway undo files `U<version>__*.sql`. */
function phaseFromPath(path: string): Phase {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /(?:^|\.)down\.sql$/i.test(base) || /^U\d[\w.]*__/.test(base) ? 'down' : 'up';
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}
