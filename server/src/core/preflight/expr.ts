// SQL taken from a migration (a CHECK expression, a partial index's WHERE) runs against the live data
// only as a plain expression over the table's own columns and side-effect-free built-ins. The expression
// is not run as written: it is printed again from its parse tree, node by node, and any node outside
// that small set makes it "not checked", so nothing the migration wrote can reach the database unread.

import { quoteIdent } from '../db/catalog';

type Node = Record<string, unknown>;

export type Printed = { sql: string; why?: undefined } | { sql?: undefined; why: string };

const OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||', '~', '~*', '!~', '!~*', '~~', '!~~', '~~*', '!~~*']);
const FUNCTIONS = new Set([
  'lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length', 'btrim', 'ltrim', 'rtrim',
  'abs', 'round', 'trunc', 'floor', 'ceil', 'ceiling', 'sign', 'mod', 'substr', 'left', 'right', 'strpos',
  'replace', 'md5', 'array_length', 'cardinality', 'num_nonnulls', 'num_nulls',
]);
const TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'text', 'varchar', 'bpchar', 'bool', 'date', 'float4', 'float8', 'smallint', 'integer', 'bigint']);
const LIKE: Record<string, string> = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' };

class Refused extends Error {}

function refuse(why: string): never {
  throw new Refused(why);
}

function only(node: unknown): [string, Node] {
  if (!node || typeof node !== 'object') refuse('an expression it could not read');
  const keys = Object.keys(node);
  if (keys.length !== 1) refuse('an expression it could not read');
  return [keys[0], (node as Record<string, Node>)[keys[0]]];
}

function strings(list: unknown): string[] {
  return ((list as Node[] | undefined) ?? []).map((n) => {
    const [kind, body] = only(n);
    if (kind !== 'String') refuse('a name it could not read');
    return String(body.sval ?? '');
  });
}

function literal(c: Node): string {
  if (c.isnull) return 'NULL';
  if (c.ival) return String((c.ival as Node).ival ?? 0);
  if (c.fval) {
    const f = String((c.fval as Node).fval ?? '');
    if (!/^[0-9.eE+-]+$/.test(f)) refuse('a number it could not read');
    return f;
  }
  if (c.boolval) return (c.boolval as Node).boolval ? 'true' : 'false';
  if (c.sval) {
    const v = String((c.sval as Node).sval ?? '');
    // E'' reads the same whatever standard_conforming_strings says, so a backslash can never end the string.
    return v.includes('\\') ? `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${v.replace(/'/g, "''")}'`;
  }
  refuse('a constant it could not read');
}

function print(node: unknown, columns: ReadonlySet<string>): string {
  const [kind, n] = only(node);
  const sub = (x: unknown) => print(x, columns);
  switch (kind) {
    case 'ColumnRef': {
      const names = strings(n.fields);
      if (names.length !== 1) refuse('a column of another table');
      if (!columns.has(names[0])) refuse(`column ${names[0]}, which the table does not have yet`);
      return quoteIdent(names[0]);
    }
    case 'A_Const':
      return literal(n);
    case 'BoolExpr': {
      const args = (n.args as unknown[]).map(sub);
      if (n.boolop === 'NOT_EXPR') return `(NOT ${args[0]})`;
      return `(${args.join(n.boolop === 'AND_EXPR' ? ' AND ' : ' OR ')})`;
    }
    case 'NullTest':
      return `(${sub(n.arg)} IS ${n.nulltesttype === 'IS_NOT_NULL' ? 'NOT ' : ''}NULL)`;
    case 'A_Expr':
      return operator(n, sub);
    case 'TypeCast': {
      const type = (n.typeName ?? {}) as Node;
      const names = strings(type.names);
      const name = names[names.length - 1];
      if (!TYPES.has(name) || (names.length === 2 && names[0] !== 'pg_catalog') || names.length > 2 || type.arrayBounds) refuse(`a cast to ${names.join('.')}`);
      const mods = ((type.typmods as unknown[] | undefined) ?? []).map(sub);
      return `(${sub(n.arg)})::pg_catalog.${name}${mods.length ? `(${mods.join(', ')})` : ''}`;
    }
    case 'FuncCall': {
      const names = strings(n.funcname);
      const name = names[names.length - 1];
      if (!FUNCTIONS.has(name) || names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) refuse(`function ${names.join('.')}, which is not a known side-effect-free built-in`);
      if (n.agg_star || n.agg_distinct || n.over || n.agg_filter || n.agg_order || n.func_variadic) refuse(`a call of ${name} it could not read`);
      return `pg_catalog.${name}(${((n.args as unknown[] | undefined) ?? []).map(sub).join(', ')})`;
    }
    case 'CoalesceExpr':
      return `COALESCE(${(n.args as unknown[]).map(sub).join(', ')})`;
    case 'MinMaxExpr':
      return `${n.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${(n.args as unknown[]).map(sub).join(', ')})`;
    case 'SubLink':
      refuse('a subquery');
    default:
      refuse(`an expression of kind ${kind}`);
  }
}

function operator(n: Node, sub: (x: unknown) => string): string {
  const names = strings(n.name);
  const op = names[names.length - 1];
  const list = () => ((n.rexpr as Node).List as Node | undefined)?.items as unknown[] | undefined;
  switch (n.kind) {
    case 'AEXPR_OP':
      if (names.length !== 1 || !OPERATORS.has(op)) refuse(`operator ${names.join('.')}`);
      return n.lexpr === undefined ? `(${op} ${sub(n.rexpr)})` : `(${sub(n.lexpr)} ${op} ${sub(n.rexpr)})`;
    case 'AEXPR_IN': {
      const items = list();
      if (!items) refuse('an IN with a subquery');
      return `(${sub(n.lexpr)} ${op === '<>' ? 'NOT IN' : 'IN'} (${items.map(sub).join(', ')}))`;
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      if (!LIKE[op]) refuse(`operator ${op}`);
      return `(${sub(n.lexpr)} ${LIKE[op]} ${sub(n.rexpr)})`;
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const items = list();
      if (!items || items.length !== 2) refuse('a BETWEEN it could not read');
      return `(${sub(n.lexpr)} ${n.kind === 'AEXPR_NOT_BETWEEN' ? 'NOT ' : ''}BETWEEN ${sub(items[0])} AND ${sub(items[1])})`;
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT':
      return `(${sub(n.lexpr)} IS ${n.kind === 'AEXPR_DISTINCT' ? '' : 'NOT '}DISTINCT FROM ${sub(n.rexpr)})`;
    case 'AEXPR_NULLIF':
      return `NULLIF(${sub(n.lexpr)}, ${sub(n.rexpr)})`;
    default:
      refuse(`an expression of kind ${String(n.kind)}`);
  }
}

/** The expression printed again from its tree, or why it is not run. `columns`: the table's columns today. */
export function printExpression(tree: unknown, columns: ReadonlySet<string>): Printed {
  try {
    return { sql: print(tree, columns) };
  } catch (err) {
    if (err instanceof Refused) return { why: `the expression uses ${err.message}` };
    throw err;
  }
}
