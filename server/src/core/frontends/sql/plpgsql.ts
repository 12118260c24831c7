// DO blocks and PL/pgSQL bodies: the block is parsed as PL/pgSQL and walked in source order, so the
// statements it runs are checked like any others, and `IF ... THEN RAISE EXCEPTION` counts as a guard.

import type { DoStmt } from 'libpg-query';
import type { GuardInfo } from '../../ops';
import { ParserNotReady } from '../../parse/notReady';
import { pgParser } from '../../parse/pg';
import type { SqlStatement } from '../../parse/sqlSplit';
import { constantString, tablesMentioned } from './pgStatements';
import { analyseSql } from './frontend';
import { revealLiteralParts } from './probe';
import { addProblem, emit, errorMessage, parseQuietly, type Place, type Scope } from './scope';

// elog.h: RAISE EXCEPTION (and a RAISE with no level) is ERROR.
const ERROR_LEVEL = 21;

/** DO blocks run at migration time, so the statements inside them are checked like any others. */
export function analyseDo(stmt: DoStmt, unit: SqlStatement, scope: Scope, place: Place): void {
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

/** A DO block's body, or (with `returns`) the body of a function a statement calls, which may RETURN a value. */
export function analysePlpgsql(body: string, unit: SqlStatement, scope: Scope, place: Place, returns?: string): void {
  let action: unknown;
  try {
    action = pgParser().parsePlPgSQL(asFunction(body, returns)).plpgsql_funcs?.[0]?.PLpgSQL_function?.action;
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    const what = returns ? 'the body of the function it calls' : 'the DO block';
    addProblem(scope, `could not parse ${what} (${errorMessage(err)}); it was not checked`, place(unit));
    return;
  }
  new DoBlockWalker(unit, scope, place, body).walk(action);
}

/** libpg-query parses PL/pgSQL only as a function body; wrap the block in one with a tag the body lacks. */
function asFunction(body: string, returns = 'void'): string {
  let tag = '$mg$';
  for (let n = 0; body.includes(tag); n++) tag = `$mg${n}$`;
  return `CREATE FUNCTION __mg_do() RETURNS ${returns} LANGUAGE plpgsql AS ${tag}${body}${tag}`;
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
      revealLiteralParts(expr, this.scope, place(unit));
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
