// The leaves of the fast PostgreSQL path (pg/fast.ts): names, type names and constants, each producing
// exactly the node libpg-query would. Every function calls unsure() as soon as the input leaves what it
// knows, and fastParse turns that into "ask libpg-query". The expressions built from them are in pg/fastExpr.ts.
//
// Nodes are built with their fields in libpg-query's order (its JSON follows the C structs), leaving out
// every field that holds false, 0, "" or an empty list, as libpg-query's JSON does. The nodes built for
// every statement do that by hand (it is several times faster); the rest go through compact(). No node
// is ever at location 0: offset 0 can only hold a statement's first keyword.

import type { Node, RangeVar, TypeName } from 'libpg-query';
import { Kw } from './keywords';
import { type Cursor, type Token, unsure } from './lex';


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
export function attrName(c: Cursor): string {
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

/**
 * relation_expr_opt_alias, and a table in a FROM list: `[ONLY] name [[AS] alias]`, without column aliases.
 * A bare SET after the table is UPDATE's keyword, never an alias (gram.y gives it the lower precedence).
 */
export function aliasedRelation(c: Cursor): RangeVar {
  const relation = relationExpr(c);
  const as = c.eat('as');
  const t = c.peek();
  if (t?.kind === 'word' && t.text === 'set') return as ? unsure() : relation;
  if (!as && !(t && (t.kind === 'quoted' || (t.kind === 'word' && t.kw <= Kw.ColName)))) return relation;
  const aliasname = colId(c).text;
  if (c.isOp('(')) unsure();
  const rv: RangeVar = {};
  if (relation.catalogname) rv.catalogname = relation.catalogname;
  if (relation.schemaname) rv.schemaname = relation.schemaname;
  rv.relname = relation.relname;
  if (relation.inh) rv.inh = true;
  rv.relpersistence = relation.relpersistence;
  rv.alias = { aliasname };
  rv.location = relation.location;
  return rv;
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

export function systemType(name: string, location: number, typmods: Node[] = []): BaseType {
  return { names: [str('pg_catalog'), str(name)], typmods, location };
}

export function makeTypeName(base: BaseType, arrayBounds: Node[] = []): TypeName {
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

export function isIntervalField(t: Token | undefined): boolean {
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
