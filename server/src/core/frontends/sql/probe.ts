// SQL built at run time (EXECUTE of a built string in PL/pgSQL, psql's \gexec): the literal parts of the
// string expression are followed into a probe statement, which shows what the built SQL does.

import type { Node } from 'libpg-query';
import type { Operation, Range } from '../../ops';
import type { SqlStatement } from '../../parse/sqlSplit';
import { analyseSql } from './frontend';
import { emit, newScope, parseQuietly, type Place, type Scope } from './scope';

/** psql's `\gexec` runs every value the query before it returns as a statement: SQL built at run time. */
export function analyseGexec(sql: string, query: SqlStatement, meta: SqlStatement, scope: Scope, place: Place): void {
  const unit = { start: query.start, end: meta.end, text: `${query.text} ${meta.text}` };
  const reason = 'psql runs every value the query before \\gexec returns as a SQL statement';
  emit(scope, { kind: 'dynamic-sql', details: { reason } }, unit, place, true);
  const select = parseQuietly(query.text)?.stmts?.[0]?.stmt;
  for (const target of select && 'SelectStmt' in select ? (select.SelectStmt.targetList ?? []) : []) {
    const value = 'ResTarget' in target ? target.ResTarget.val : undefined;
    if (value) revealProbe(probeText(value), scope, place(unit));
  }
}

/**
 * `EXECUTE 'DROP TABLE ' || quote_ident(t)` or `EXECUTE format('DELETE FROM %I', t)`: the literal parts
 * still show what the statement does, so it is checked with the run-time values left as unknown names.
 */
export function revealLiteralParts(expr: string, scope: Scope, range: Range): void {
  const select = parseQuietly(`SELECT ${expr}`)?.stmts?.[0]?.stmt;
  const target = select && 'SelectStmt' in select ? select.SelectStmt.targetList?.[0] : undefined;
  const value = target && 'ResTarget' in target ? target.ResTarget.val : undefined;
  if (value) revealProbe(probeText(value), scope, range);
}

/** Stands in the probe for a value known only at run time; never shown (see withoutProbeNames). */
export const DYNAMIC_NAME = '__mg_dynamic__';

const NAMED_DETAILS = ['indexName', 'constraintName', 'typeName', 'newName'] as const;

/** An operation found in a probe, with every name the probe filled in for a run-time value left unknown. */
export function withoutProbeNames(op: Operation): Operation {
  const clean: Operation = { ...op, details: { ...op.details } };
  for (const key of ['schema', 'table', 'column'] as const) {
    if (clean[key]?.includes(DYNAMIC_NAME)) delete clean[key];
  }
  for (const key of NAMED_DETAILS) {
    if (clean.details[key]?.includes(DYNAMIC_NAME)) delete clean.details[key];
  }
  if (clean.details.sql?.includes(DYNAMIC_NAME)) clean.details.sql = clean.details.sql.replaceAll(DYNAMIC_NAME, '?');
  return clean;
}

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
export function revealProbe(probe: string, scope: Scope, range: Range): void {
  if (!probe.trim() || probe === DYNAMIC_NAME) return;
  const sub = newScope({ phase: scope.phase, origin: scope.origin, inTransaction: scope.inTransaction, guards: scope.guards, dialect: 'postgres', ops: [], problems: [] });
  analyseSql(probe, sub, () => range);
  for (const op of sub.ops) {
    if (op.kind === 'other-sql' || op.kind === 'dynamic-sql') continue;
    scope.ops.push({ ...withoutProbeNames(op), range, dynamic: true });
  }
}
