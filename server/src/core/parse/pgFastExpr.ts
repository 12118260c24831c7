// The building blocks of the fast PostgreSQL path (pgFast.ts): names, type names and the common
// expressions, each producing exactly the node libpg-query would. Every function calls unsure() as soon
// as the input leaves what it knows, and fastParse turns that into "ask libpg-query".
//
// Nodes are built with their fields in libpg-query's order (its JSON follows the C structs), leaving out
// every field that holds false, 0, "" or an empty list, as libpg-query's JSON does. The nodes built for
// every statement do that by hand (it is several times faster); the rest go through compact(). No node
// is ever at location 0: offset 0 can only hold a statement's first keyword.

import type { A_Const, FuncCall, Node, RangeVar, SQLValueFunctionOp, TypeName } from 'libpg-query';
import { type Cursor, Kw, type Token, unsure } from './pgFastLex';

/**
 * Drops the fields libpg-query's JSON leaves out: unset, false, 0, "" and empty lists. (The String node and
 * a string A_Const do print "", so their inner { sval } objects never go through here.)
 */
export function compact<T extends object>(node: T): T {
  const out: Partial<T> = {};
  for (const key in node) {
    const value = node[key];
    if (value === undefined || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as T;
}

export function str(sval: string): Node {
  return { String: { sval } };
}

// ---------------------------------------------------------------- names

/** ColId: an identifier, or a keyword PostgreSQL accepts as a column or table name. */
export function colId(c: Cursor): Token {
  const t = c.next();
  if (t.kind === 'quoted' || (t.kind === 'word' && t.kw <= Kw.ColName)) return t;
  return unsure();
}

/** A name after a dot. PostgreSQL takes any keyword there; the fast path takes what colId takes. */
function attrName(c: Cursor): string {
  return colId(c).text;
}

/** A dotted name (any_name): ColId followed by `.name` parts. */
export function anyName(c: Cursor): { parts: string[]; start: number } {
  const first = colId(c);
  const parts = [first.text];
  while (c.eatOp('.')) parts.push(attrName(c));
  return { parts, start: first.start };
}

/** Sconst: a '...' or a $tag$...$tag$ string. */
export function sconst(c: Cursor): Token {
  const t = c.next();
  if (t.kind !== 'string' && t.kind !== 'dollar') unsure();
  return t;
}

export function stringList(parts: readonly string[]): Node[] {
  return parts.map(str);
}

/** qualified_name as a RangeVar; `inh` is false after ONLY. */
export function rangeVar(c: Cursor, inh = true): RangeVar {
  const { parts, start } = anyName(c);
  if (parts.length > 3) unsure();
  const rv: RangeVar = {};
  if (parts.length === 3) rv.catalogname = parts[0];
  if (parts.length > 1) rv.schemaname = parts[parts.length - 2];
  rv.relname = parts[parts.length - 1];
  if (inh) rv.inh = true;
  rv.relpersistence = 'p';
  rv.location = start;
  return rv;
}

/** relation_expr: `[ONLY] name`; the `name *` and `ONLY (name)` spellings are left to libpg-query. */
export function relationExpr(c: Cursor): RangeVar {
  const only = c.eat('only');
  const relation = rangeVar(c, !only);
  if (c.isOp('*')) unsure();
  return relation;
}

/** A parenthesised list of column names (columnList). */
export function nameList(c: Cursor): Node[] {
  c.expectOp('(');
  const names = [str(colId(c).text)];
  while (c.eatOp(',')) names.push(str(colId(c).text));
  c.expectOp(')');
  return names;
}

// ---------------------------------------------------------------- type names

/** A type name without its array bounds. */
interface BaseType {
  names: Node[];
  typmods: Node[];
  location: number;
}

const SIMPLE_TYPES = new Map([
  ['int', 'int4'], ['integer', 'int4'], ['smallint', 'int2'], ['bigint', 'int8'], ['real', 'float4'], ['boolean', 'bool'],
  ['json', 'json'],
]);
const NUMERIC_TYPES = new Set(['numeric', 'decimal', 'dec']);
const INTERVAL_FIELDS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second']);

function systemType(name: string, location: number, typmods: Node[] = []): BaseType {
  return { names: [str('pg_catalog'), str(name)], typmods, location };
}

function makeTypeName(base: BaseType, arrayBounds: Node[] = []): TypeName {
  const type: TypeName = { names: base.names };
  if (base.typmods.length) type.typmods = base.typmods;
  type.typemod = -1;
  if (arrayBounds.length) type.arrayBounds = arrayBounds;
  type.location = base.location;
  return type;
}

/** Typename: the SQL-standard spellings PostgreSQL maps to pg_catalog types, generic names, and [] bounds. */
export function typeName(c: Cursor): TypeName {
  const t = c.peek();
  if (!t) return unsure();
  let base: BaseType;
  if (t.kind === 'word' && t.kw === Kw.ColName) base = sqlType(c, t);
  else if (t.kind === 'word' && t.text === 'double') base = doublePrecision(c, t);
  else base = genericType(c);
  const arrayBounds: Node[] = [];
  while (c.eatOp('[')) {
    const size = c.peek()?.kind === 'int' ? Number(c.next().text) : -1;
    arrayBounds.push({ Integer: size === 0 ? {} : { ival: size } });
    c.expectOp(']');
  }
  return makeTypeName(base, arrayBounds);
}

function doublePrecision(c: Cursor, t: Token): BaseType {
  c.next();
  c.expect('precision');
  return systemType('float8', t.start);
}

/** The keyword types (INTEGER, NUMERIC(p, s), VARCHAR(n), TIMESTAMP WITH TIME ZONE, ...). */
function sqlType(c: Cursor, t: Token): BaseType {
  c.next();
  const word = t.text;
  const simple = SIMPLE_TYPES.get(word);
  if (simple) return systemType(simple, t.start);
  if (word === 'float') {
    if (c.isOp('(')) unsure();
    return systemType('float8', t.start);
  }
  if (NUMERIC_TYPES.has(word)) return systemType('numeric', t.start, typeModifiers(c));
  if (word === 'varchar') return systemType('varchar', t.start, typeModifiers(c, 1));
  if (word === 'char' || word === 'character') {
    const varying = c.eat('varying');
    const typmods = typeModifiers(c, 1);
    if (varying) return systemType('varchar', t.start, typmods);
    return systemType('bpchar', t.start, typmods.length ? typmods : [intConst(1, -1)]);
  }
  if (word === 'timestamp' || word === 'time') {
    const typmods = typeModifiers(c, 1);
    return systemType(withTimeZone(c) ? `${word}tz` : word, t.start, typmods);
  }
  if (word === 'interval') {
    if (c.isOp('(') || isIntervalField(c.peek())) unsure();
    return systemType('interval', t.start);
  }
  return unsure();
}

function isIntervalField(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && INTERVAL_FIELDS.has(t.text);
}

/** opt_timezone: WITH TIME ZONE / WITHOUT TIME ZONE / nothing. */
function withTimeZone(c: Cursor): boolean {
  if (!c.is('with') && !c.is('without')) return false;
  const zone = c.next().text === 'with';
  c.expect('time');
  c.expect('zone');
  return zone;
}

/** A user or extension type: `name[.name](mods)`, kept as written (no pg_catalog). */
function genericType(c: Cursor): BaseType {
  const first = c.next();
  if (first.kind !== 'quoted' && !(first.kind === 'word' && (first.kw === Kw.None || first.kw === Kw.Unreserved))) unsure();
  const names = [str(first.text)];
  while (c.eatOp('.')) names.push(str(attrName(c)));
  if (names.length > 3) unsure();
  return { names, typmods: typeModifiers(c), location: first.start };
}

/** `(n, ...)` after a type name: unsigned integer constants only, at most `max` of them. */
function typeModifiers(c: Cursor, max = Infinity): Node[] {
  if (!c.eatOp('(')) return [];
  const mods: Node[] = [];
  do {
    const t = c.next();
    if (t.kind !== 'int') unsure();
    mods.push(intConst(Number(t.text), t.start));
  } while (c.eatOp(','));
  c.expectOp(')');
  if (mods.length > max) unsure();
  return mods;
}

// ---------------------------------------------------------------- constants

export function intConst(ival: number, location: number): Node {
  return { A_Const: { ival: ival === 0 ? {} : { ival }, location } };
}

export function stringConst(sval: string, location: number): Node {
  return { A_Const: { sval: { sval }, location } };
}

export function floatConst(fval: string, location: number): Node {
  return { A_Const: { fval: { fval }, location } };
}

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
      return IN;
    case 'not':
      return c.is('in', 1) ? IN : 0;
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
    else if (prec === IN) left = inList(c, left);
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

/** `IS [NOT] NULL`; the other IS tests are left to libpg-query. */
function nullTest(c: Cursor, arg: Node): Node {
  const is = c.next();
  const not = c.eat('not');
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
  if (isFunctionName(t)) return nameExpr(c, t);
  return unsure();
}

/** `EXISTS (SELECT ...)`, the emptiness check migrations guard destructive statements with. */
function existsSubLink(c: Cursor, exists: Token): Node {
  c.expectOp('(');
  c.expect('select');
  const subselect = simpleSelect(c);
  c.expectOp(')');
  return { SubLink: { subLinkType: 'EXISTS_SUBLINK', subselect, location: exists.start } };
}

/**
 * The rest of `SELECT expr, ... [FROM table, ...] [WHERE condition]`, without aliases, joins or any later
 * clause (which the caller then finds unread, and so leaves to libpg-query).
 */
export function simpleSelect(c: Cursor): Node {
  const targetList: Node[] = [];
  do {
    const start = c.peek()?.start ?? unsure();
    targetList.push({ ResTarget: { val: expr(c), location: start } });
  } while (c.eatOp(','));
  const fromClause: Node[] = [];
  if (c.eat('from')) {
    do fromClause.push({ RangeVar: relationExpr(c) });
    while (c.eatOp(','));
  }
  const whereClause = c.eat('where') ? expr(c) : undefined;
  return { SelectStmt: compact({ targetList, fromClause, whereClause, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' }) };
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
  while (c.eatOp('.')) parts.push(str(attrName(c)));
  if (parts.length > 3) unsure();
  if (c.isOp('(')) return funcCall(c, parts, first.start);
  return { ColumnRef: { fields: parts, location: first.start } };
}

/** Words that would turn a function call into an aggregate or window call. */
const AFTER_CALL = new Set(['within', 'filter', 'over']);

export function funcCall(c: Cursor, funcname: Node[], location: number): Node {
  c.expectOp('(');
  const args = c.isOp(')') ? [] : exprList(c);
  c.expectOp(')');
  const next = c.peek();
  if (next?.kind === 'word' && AFTER_CALL.has(next.text)) unsure();
  const call: FuncCall = { funcname };
  if (args.length) call.args = args;
  call.funcformat = 'COERCE_EXPLICIT_CALL';
  call.location = location;
  return { FuncCall: call };
}
