// The common expressions of the fast PostgreSQL path (pg/fast.ts), built from the names, type names and
// constants of pg/names.ts under the same rules: each function produces exactly the node libpg-query
// would, and calls unsure() as soon as the input leaves what it knows.

import type { A_Const, FuncCall, Node, SQLValueFunctionOp, TypeName } from 'libpg-query';
import { Kw } from './keywords';
import { type Cursor, type Token, unsure } from './lex';
import {
  aliasedRelation, attrName, colId, compact, floatConst, intConst, isIntervalField, makeTypeName, str, stringConst, systemType, typeName,
} from './names';

// ---------------------------------------------------------------- constants

function constant(t: Token): Node | undefined {
  switch (t.kind) {
    case 'int':
      return intConst(Number(t.text), t.start);
    case 'float':
      return floatConst(t.text, t.start);
    case 'string':
      return stringConst(t.text, t.start);
    case 'word':
      if (t.text === 'true') return { A_Const: { boolval: { boolval: true }, location: t.start } };
      if (t.text === 'false') return { A_Const: { boolval: {}, location: t.start } };
      if (t.text === 'null') return { A_Const: { isnull: true, location: t.start } };
      return undefined;
    default:
      return undefined;
  }
}

/** doNegate(): a minus before a number folds into the constant, which then reports the minus's location. */
export function negate(operand: Node, location: number): Node {
  if (!('A_Const' in operand)) return aExpr('-', undefined, operand, location);
  const value: A_Const = operand.A_Const;
  if (value.ival) return intConst(-(value.ival.ival ?? 0), location);
  const fval = value.fval?.fval;
  // gram.y moves a string or NULL constant's location to the minus and then builds an A_Expr: not worth it.
  if (fval === undefined) return unsure();
  return floatConst(fval.startsWith('-') ? fval.slice(1) : `-${fval}`, location);
}

// ---------------------------------------------------------------- expressions

function aExpr(op: string, lexpr: Node | undefined, rexpr: Node, location: number): Node {
  if (!lexpr) return { A_Expr: { kind: 'AEXPR_OP', name: [str(op)], rexpr, location } };
  return { A_Expr: { kind: 'AEXPR_OP', name: [str(op)], lexpr, rexpr, location } };
}

// Binding strength of the operators handled, from gram.y's precedence declarations (higher binds tighter).
const OR = 1;
const AND = 2;
const NOT = 3;
const IS = 4;
const COMPARISON = 5;
const IN = 6;
const OTHER_OP = 7;
const ADDITIVE = 8;
const MULTIPLICATIVE = 9;

const BINARY = new Map([
  ['=', COMPARISON], ['<', COMPARISON], ['>', COMPARISON], ['<=', COMPARISON], ['>=', COMPARISON], ['<>', COMPARISON],
  ['||', OTHER_OP], ['+', ADDITIVE], ['-', ADDITIVE], ['*', MULTIPLICATIVE], ['/', MULTIPLICATIVE], ['%', MULTIPLICATIVE],
]);

/**
 * The precedence of the operator at the cursor, or 0 when there is none this expression continues with.
 * `bExpr` is gram.y's b_expr (a column DEFAULT): no AND, OR, NOT, IS or IN, so `DEFAULT 0 NOT NULL` ends at NOT.
 */
function operatorAt(c: Cursor, bExpr: boolean): number {
  const t = c.peek();
  if (!t) return 0;
  if (t.kind === 'op') return BINARY.get(t.text) ?? 0;
  if (t.kind !== 'word' || bExpr) return 0;
  switch (t.text) {
    case 'or':
      return OR;
    case 'and':
      return AND;
    case 'is':
      return IS;
    case 'in':
    case 'like':
      return IN;
    case 'not':
      return c.is('in', 1) || c.is('like', 1) ? IN : 0;
    default:
      return 0;
  }
}

/** a_expr (or b_expr) by precedence climbing; operators that bind less tightly than `minPrec` end it. */
export function expr(c: Cursor, minPrec = 0, bExpr = false): Node {
  let left = prefixExpr(c, minPrec, bExpr);
  let previous = 0;
  for (;;) {
    const prec = operatorAt(c, bExpr);
    if (prec === 0 || prec < minPrec) return left;
    // Comparisons do not chain in PostgreSQL (`a = b = c` is a syntax error).
    if (prec === COMPARISON && previous === COMPARISON) unsure();
    previous = prec;
    if (prec === IS) left = nullTest(c, left);
    else if (prec === IN) left = c.is('like') || c.is('like', 1) ? like(c, left) : inList(c, left);
    else if (prec === AND || prec === OR) left = boolExpr(c, left, prec);
    else {
      const op = c.next();
      left = aExpr(op.text, left, expr(c, prec + 1, bExpr), op.start);
    }
  }
}

function prefixExpr(c: Cursor, minPrec: number, bExpr: boolean): Node {
  const t = c.peek();
  if (t?.kind === 'op' && t.text === '-') {
    c.next();
    return negate(postfixExpr(c, bExpr), t.start);
  }
  if (t?.kind === 'op' && t.text === '+') {
    c.next();
    return aExpr('+', undefined, postfixExpr(c, bExpr), t.start);
  }
  if (t?.kind === 'word' && t.text === 'not') {
    if (bExpr || minPrec > NOT) unsure();
    c.next();
    return { BoolExpr: { boolop: 'NOT_EXPR', args: [expr(c, NOT)], location: t.start } };
  }
  return postfixExpr(c, bExpr);
}

/** makeAndExpr/makeOrExpr: a chain of the same operator becomes one BoolExpr located at its first keyword. */
function boolExpr(c: Cursor, left: Node, prec: number): Node {
  const op = c.next();
  const right = expr(c, prec + 1);
  const boolop = prec === AND ? 'AND_EXPR' : 'OR_EXPR';
  if ('BoolExpr' in left && left.BoolExpr.boolop === boolop) {
    left.BoolExpr.args?.push(right);
    return left;
  }
  return { BoolExpr: { boolop, args: [left, right], location: op.start } };
}

/** `IS [NOT] NULL` and `IS [NOT] DISTINCT FROM expr`; the other IS tests are left to libpg-query. */
function nullTest(c: Cursor, arg: Node): Node {
  const is = c.next();
  const not = c.eat('not');
  if (c.eat('distinct')) {
    c.expect('from');
    const rexpr = expr(c, IS + 1);
    // IS is non-associative: `a IS DISTINCT FROM b IS NULL` is a syntax error (after IS NULL it is not).
    if (c.is('is')) unsure();
    return { A_Expr: { kind: not ? 'AEXPR_NOT_DISTINCT' : 'AEXPR_DISTINCT', name: [str('=')], lexpr: arg, rexpr, location: is.start } };
  }
  c.expect('null');
  return { NullTest: { arg, nulltesttype: not ? 'IS_NOT_NULL' : 'IS_NULL', location: is.start } };
}

/** `[NOT] IN (expr, ...)`; a subquery is left to libpg-query. */
function inList(c: Cursor, lexpr: Node): Node {
  const op = c.next();
  const not = op.text === 'not';
  if (not) c.expect('in');
  const open = c.expectOp('(');
  const items = exprList(c);
  const close = c.expectOp(')');
  return {
    A_Expr: {
      kind: 'AEXPR_IN', name: [str(not ? '<>' : '=')], lexpr, rexpr: { List: { items } },
      rexpr_list_start: open.start, rexpr_list_end: close.start, location: op.start,
    },
  };
}

/** `[NOT] LIKE pattern`, without ESCAPE. */
function like(c: Cursor, lexpr: Node): Node {
  const op = c.next();
  const not = op.text === 'not';
  if (not) c.expect('like');
  const rexpr = expr(c, IN + 1);
  // LIKE, IN and NOT share one non-associative level: `a LIKE b IN (1)` is a syntax error.
  if (operatorAt(c, false) === IN) unsure();
  return { A_Expr: { kind: 'AEXPR_LIKE', name: [str(not ? '!~~' : '~~')], lexpr, rexpr, location: op.start } };
}

function exprList(c: Cursor): Node[] {
  const items = [expr(c)];
  while (c.eatOp(',')) items.push(expr(c));
  return items;
}

/** A primary expression followed by any `::type` casts. */
function postfixExpr(c: Cursor, bExpr: boolean): Node {
  let node = primary(c, bExpr);
  while (c.isOp('::')) {
    const cast = c.next();
    node = { TypeCast: { arg: node, typeName: typeName(c), location: cast.start } };
  }
  if (c.isOp('[') || c.isOp('.')) unsure();
  return node;
}

const SQL_VALUE_FUNCTIONS = new Map<string, SQLValueFunctionOp>([
  ['current_date', 'SVFOP_CURRENT_DATE'], ['current_time', 'SVFOP_CURRENT_TIME'], ['current_timestamp', 'SVFOP_CURRENT_TIMESTAMP'],
  ['localtime', 'SVFOP_LOCALTIME'], ['localtimestamp', 'SVFOP_LOCALTIMESTAMP'],
]);

/** Unreserved keywords that start something else in an expression (`OPERATOR(...)`, `DOUBLE PRECISION '1'`). */
const NOT_A_NAME_IN_EXPRESSIONS = new Set(['operator', 'double']);

/** An identifier that may name a column or a function in an expression. */
export function isFunctionName(t: Token | undefined): t is Token {
  if (t === undefined) return false;
  return t.kind === 'quoted' || (t.kind === 'word' && (t.kw === Kw.None || t.kw === Kw.Unreserved) && !NOT_A_NAME_IN_EXPRESSIONS.has(t.text));
}

function primary(c: Cursor, bExpr: boolean): Node {
  const t = c.next();
  const value = constant(t);
  if (value) return value;
  if (t.kind === 'op' && t.text === '(') {
    if (c.is('select')) return scalarSubLink(c, t);
    // `((SELECT ...))` is one SubLink located at the outer parenthesis.
    if (c.isOp('(') && c.is('select', 1)) unsure();
    const inner = expr(c);
    c.expectOp(')');
    return inner;
  }
  const svf = t.kind === 'word' ? SQL_VALUE_FUNCTIONS.get(t.text) : undefined;
  if (svf) {
    if (c.isOp('(')) unsure();
    return { SQLValueFunction: { op: svf, typmod: -1, location: t.start } };
  }
  if (t.kind === 'word' && t.text === 'default' && !bExpr) return { SetToDefault: { location: t.start } };
  if (t.kind === 'word' && t.text === 'interval') return typedLiteral(c, makeTypeName(systemType('interval', t.start)), true);
  if (t.kind === 'word' && t.text === 'exists') return existsSubLink(c, t);
  if (t.kind === 'word' && t.text === 'case') return caseExpr(c, t);
  if (t.kind === 'word' && t.text === 'array') return arrayExpr(c, t);
  if (t.kind === 'word' && t.text === 'coalesce' && c.isOp('(')) return coalesceExpr(c, t);
  if (isFunctionName(t)) return nameExpr(c, t);
  return unsure();
}

/** `CASE [value] WHEN ... THEN ... [...] [ELSE ...] END`. */
function caseExpr(c: Cursor, caseToken: Token): Node {
  const arg = c.is('when') ? undefined : expr(c);
  const args: Node[] = [];
  do {
    const when = c.expect('when');
    const condition = expr(c);
    c.expect('then');
    args.push({ CaseWhen: { expr: condition, result: expr(c), location: when.start } });
  } while (c.is('when'));
  const defresult = c.eat('else') ? expr(c) : undefined;
  c.expect('end');
  return { CaseExpr: compact({ arg, args, defresult, location: caseToken.start }) };
}

/** `ARRAY[expr, ...]`, one dimension (nested brackets and ARRAY(SELECT ...) are left to libpg-query). */
function arrayExpr(c: Cursor, arrayToken: Token): Node {
  const open = c.expectOp('[');
  if (c.isOp('[')) unsure();
  const elements = c.isOp(']') ? [] : exprList(c);
  const close = c.expectOp(']');
  return { A_ArrayExpr: compact({ elements, list_start: open.start, list_end: close.start, location: arrayToken.start }) };
}

/** `COALESCE(expr, ...)`: a keyword with a node of its own, not a function call. */
export function coalesceExpr(c: Cursor, coalesce: Token): Node {
  c.expectOp('(');
  const args = exprList(c);
  c.expectOp(')');
  return { CoalesceExpr: { args, location: coalesce.start } };
}

/** `EXISTS (SELECT ...)`, the emptiness check migrations guard destructive statements with. */
function existsSubLink(c: Cursor, exists: Token): Node {
  c.expectOp('(');
  c.expect('select');
  const subselect = simpleSelect(c);
  c.expectOp(')');
  return { SubLink: { subLinkType: 'EXISTS_SUBLINK', subselect, location: exists.start } };
}

/** `(SELECT ...)` as a value: the parenthesis is consumed, the cursor is on SELECT. */
function scalarSubLink(c: Cursor, open: Token): Node {
  c.next();
  const subselect = simpleSelect(c);
  c.expectOp(')');
  return { SubLink: { subLinkType: 'EXPR_SUBLINK', subselect, location: open.start } };
}

/**
 * The rest of `SELECT {* | expr [AS name]}, ... [FROM table [[AS] alias], ...] [WHERE condition] [LIMIT n]`,
 * without joins or any other clause (which the caller then finds unread, and so leaves to libpg-query).
 */
export function simpleSelect(c: Cursor): Node {
  const targetList: Node[] = [];
  do targetList.push(selectTarget(c));
  while (c.eatOp(','));
  const fromClause: Node[] = [];
  if (c.eat('from')) {
    do fromClause.push({ RangeVar: aliasedRelation(c) });
    while (c.eatOp(','));
  }
  const whereClause = c.eat('where') ? expr(c) : undefined;
  // A LIMIT that is one integer; anything after it (an operator, OFFSET) is left unread.
  const limit = c.eat('limit') ? c.next() : undefined;
  if (limit && limit.kind !== 'int') unsure();
  const limitCount = limit ? intConst(Number(limit.text), limit.start) : undefined;
  const limitOption = limit ? 'LIMIT_OPTION_COUNT' : 'LIMIT_OPTION_DEFAULT';
  return { SelectStmt: compact({ targetList, fromClause, whereClause, limitCount, limitOption, op: 'SETOP_NONE' }) };
}

/** target_el: `*`, or an expression with an optional `AS name` (names that are keywords are left to libpg-query). */
function selectTarget(c: Cursor): Node {
  const start = c.peek() ?? unsure();
  if (c.eatOp('*')) return { ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }], location: start.start } }, location: start.start } };
  const val = expr(c);
  if (!c.eat('as')) return { ResTarget: { val, location: start.start } };
  return { ResTarget: { name: colId(c).text, val, location: start.start } };
}

/** `type 'literal'`, which gram.y turns into a cast located nowhere (-1). */
function typedLiteral(c: Cursor, type: TypeName, interval = false): Node {
  const literal = c.next();
  if (literal.kind !== 'string') unsure();
  if (interval && (c.isOp('(') || isIntervalField(c.peek()))) unsure();
  return { TypeCast: { arg: stringConst(literal.text, literal.start), typeName: type, location: -1 } };
}

/** A column reference, a function call, or a `typename 'literal'` constant. */
function nameExpr(c: Cursor, first: Token): Node {
  const next = c.peek();
  if (next?.kind === 'string') {
    if (first.kind !== 'word' || first.kw !== Kw.None) unsure();
    return typedLiteral(c, { names: [str(first.text)], typemod: -1, location: first.start });
  }
  const parts = [str(first.text)];
  while (c.eatOp('.')) {
    // `t.*`: the star ends the name (postfixExpr leaves any `.` after it to libpg-query).
    if (c.eatOp('*')) return { ColumnRef: { fields: [...parts, { A_Star: {} }], location: first.start } };
    parts.push(str(attrName(c)));
  }
  if (parts.length > 3) unsure();
  if (c.isOp('(')) return funcCall(c, parts, first.start);
  return { ColumnRef: { fields: parts, location: first.start } };
}

/** Words that would turn a function call into an aggregate or window call. */
const AFTER_CALL = new Set(['within', 'filter', 'over']);

export function funcCall(c: Cursor, funcname: Node[], location: number): Node {
  c.expectOp('(');
  // `count(*)`
  const star = c.eatOp('*');
  const args = star || c.isOp(')') ? [] : exprList(c);
  c.expectOp(')');
  const next = c.peek();
  if (next?.kind === 'word' && AFTER_CALL.has(next.text)) unsure();
  const call: FuncCall = { funcname };
  if (args.length) call.args = args;
  if (star) call.agg_star = true;
  call.funcformat = 'COERCE_EXPLICIT_CALL';
  call.location = location;
  return { FuncCall: call };
}
