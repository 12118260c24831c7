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

/** The primary key as text, `ROW(a, b)::text` for a composite key, and its columns to sort by; undefined without one. */
function keyOf(t: TableInfo, alias?: string): { text: string; order: string } | undefined {
  if (t.primaryKey.length === 0) return undefined;
  const cols = t.primaryKey.map((c) => (alias ? `${alias}.${quoteIdent(c)}` : quoteIdent(c)));
  return { text: cols.length === 1 ? `${cols[0]}::text` : `ROW(${cols.join(', ')})::text`, order: cols.join(', ') };
}

/** One scan that stops at the bound; the count and the examples come from the same rows. Plain SELECTs only. */
function counted(from: string, key: { text: string } | undefined, limit: number): string {
  if (!key) return `SELECT count(*)::int AS rows FROM (SELECT 1 ${from} LIMIT ${limit + 1}) AS hits`;
  return `SELECT count(*)::int AS rows, (array_agg(k))[1:${EXAMPLE_LIMIT}] AS examples FROM (SELECT ${key.text} AS k ${from} LIMIT ${limit + 1}) AS hits`;
}

/** Tables the catalog estimates at this many rows or more are sampled rather than read in full. */
export const SAMPLE_ABOVE_ROWS = 10_000_000;
/** About this many rows are read from a sampled table. */
const SAMPLE_ROWS = 1_000_000;

/** The percentage of a table's pages to read (TABLESAMPLE SYSTEM), or undefined to read every row. */
export function samplePercent(t: TableInfo): number | undefined {
  if (t.rowEstimate === undefined || t.rowEstimate < SAMPLE_ABOVE_ROWS) return undefined;
  return +((100 * SAMPLE_ROWS) / t.rowEstimate).toPrecision(2);
}

function from(t: TableInfo, sample: number | undefined, alias?: string): string {
  return `${tableSql(t)}${alias ? ` AS ${alias}` : ''}${sample === undefined ? '' : ` TABLESAMPLE SYSTEM (${sample})`}`;
}

/** Rows of `t` where `condition` holds; `sample`: read only that percentage of its pages. */
export function rowsWhere(t: TableInfo, condition: string, o: QueryOptions, sample?: number): string {
  return counted(`FROM ${from(t, sample)} WHERE ${condition}`, o.examples ? keyOf(t) : undefined, o.limit);
}

/**
 * Groups of rows sharing a key (NULLs never collide in a unique index). The examples are two rows of each
 * of the first groups, so a reviewer sees which rows collide.
 */
export function duplicateGroups(t: TableInfo, keys: string[], where: string | undefined, o: QueryOptions): string {
  const filter = [...keys.map((k) => `${k} IS NOT NULL`), ...(where ? [where] : [])].join(' AND ');
  const key = o.examples ? keyOf(t) : undefined;
  const pair = key ? `(array_agg(${key.text} ORDER BY ${key.order}))[1:2]` : '1';
  const groups = `SELECT ${pair} AS ks FROM ${tableSql(t)} WHERE ${filter} GROUP BY ${keys.join(', ')} HAVING count(*) > 1 LIMIT ${o.limit + 1}`;
  if (!key) return `SELECT count(*)::int AS rows FROM (${groups}) AS dup`;
  return `SELECT count(*)::int AS rows, (array_agg(ks ORDER BY ks))[1:${Math.ceil(EXAMPLE_LIMIT / 2)}] AS examples FROM (${groups}) AS dup`;
}

/** Child rows whose key is set and matches no parent row. */
export function orphans(child: TableInfo, columns: string[], parent: TableInfo, refColumns: string[], o: QueryOptions, sample?: number): string {
  const set = columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
  const match = columns.map((c, i) => `p.${quoteIdent(refColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
  const rows = `FROM ${from(child, sample, 'c')} WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${tableSql(parent)} AS p WHERE ${match})`;
  return counted(rows, o.examples ? keyOf(child, 'c') : undefined, o.limit);
}

/** Rows of several tables, each with its own condition, counted together (no examples: they span tables). */
export function rowsInAny(parts: Array<{ t: TableInfo; condition: string }>, o: QueryOptions): string {
  const union = parts.map((p) => `(SELECT 1 FROM ${tableSql(p.t)} WHERE ${p.condition})`).join(' UNION ALL ');
  return `SELECT count(*)::int AS rows FROM (${union} LIMIT ${o.limit + 1}) AS hits`;
}
