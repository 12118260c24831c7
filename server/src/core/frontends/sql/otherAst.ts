// node-sql-parser's AST is loosely typed (its published types miss most DDL shapes), so it is read
// through these narrowing helpers rather than cast.

export type Ast = Record<string, unknown>;

const EMPTY: Ast = Object.freeze({});

export function obj(value: unknown): Ast {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Ast) : EMPTY;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A column_ref's name: `{ column: "a" }`, or `{ column: { expr: { value: "a" } } }` for quoted names. */
export function columnName(value: unknown): string | undefined {
  const ref = obj(value);
  if (typeof ref.column === 'string') return ref.column;
  const expr = obj(obj(ref.column).expr);
  return str(expr.value);
}
