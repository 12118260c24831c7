// The read-only query for each question: one SELECT that returns a bounded count of the offending rows
// (or duplicate groups) and, unless examples are off, up to 5 of their primary-key values. Never any
// other column's content.

import { quoteIdent } from '../db/catalog';
import type { TableInfo } from '../db/schemaSource';
import { EXAMPLE_LIMIT } from './types';

export interface QueryOptions {
  limit: number;
  examples: boolean;
}

export function tableSql(t: { schema: string; name: string }): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

/** The primary key as text, `ROW(a, b)::text` for a composite key; undefined without one. */
function keyText(t: TableInfo, alias?: string): string | undefined {
  if (t.primaryKey.length === 0) return undefined;
  const cols = t.primaryKey.map((c) => (alias ? `${alias}.${quoteIdent(c)}` : quoteIdent(c)));
  return cols.length === 1 ? `${cols[0]}::text` : `ROW(${cols.join(', ')})::text`;
}

function select(count: string, examples: string | undefined): string {
  return examples ? `SELECT (${count}) AS rows, ARRAY(${examples}) AS examples` : `SELECT (${count}) AS rows`;
}

/** Rows of `t` where `condition` holds. */
export function rowsWhere(t: TableInfo, condition: string, o: QueryOptions): string {
  const from = `FROM ${tableSql(t)} WHERE ${condition}`;
  const count = `SELECT count(*)::int FROM (SELECT 1 ${from} LIMIT ${o.limit + 1}) AS bounded`;
  const key = o.examples ? keyText(t) : undefined;
  return select(count, key && `SELECT ${key} ${from} LIMIT ${EXAMPLE_LIMIT}`);
}

/** Groups of rows sharing a key (NULLs never collide in a unique index); examples are rows in the first groups. */
export function duplicateGroups(t: TableInfo, keys: string[], where: string | undefined, o: QueryOptions): string {
  const filter = [...keys.map((k) => `${k} IS NOT NULL`), ...(where ? [where] : [])].join(' AND ');
  const groups = `SELECT ${keys.join(', ')} FROM ${tableSql(t)} WHERE ${filter} GROUP BY ${keys.join(', ')} HAVING count(*) > 1`;
  const count = `SELECT count(*)::int FROM (${groups} LIMIT ${o.limit + 1}) AS bounded`;
  const key = o.examples ? keyText(t) : undefined;
  const tuple = keys.length === 1 ? keys[0] : `(${keys.join(', ')})`;
  const examples = key && `SELECT ${key} FROM ${tableSql(t)} WHERE ${tuple} IN (${groups} LIMIT ${EXAMPLE_LIMIT})${where ? ` AND ${where}` : ''} LIMIT ${EXAMPLE_LIMIT}`;
  return select(count, examples);
}

/** Child rows whose key is set and matches no parent row. */
export function orphans(child: TableInfo, columns: string[], parent: TableInfo, refColumns: string[], o: QueryOptions): string {
  const set = columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
  const match = columns.map((c, i) => `p.${quoteIdent(refColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
  const from = `FROM ${tableSql(child)} AS c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${tableSql(parent)} AS p WHERE ${match})`;
  const count = `SELECT count(*)::int FROM (SELECT 1 ${from} LIMIT ${o.limit + 1}) AS bounded`;
  const key = o.examples ? keyText(child, 'c') : undefined;
  return select(count, key && `SELECT ${key} ${from} LIMIT ${EXAMPLE_LIMIT}`);
}
