// The catalog queries, shared by the pg and PGlite sources. A few reads over pg_catalog for the whole
// database (not one per table), so a schema with thousands of tables is read in a few round trips.

import { readHistory } from '../applied/history';
import type { ColumnInfo, RowCount, SchemaSnapshot, TableInfo, TableRef } from './schemaSource';

export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
// Ordinary and partitioned tables: what Alembic's reflection compares. Views and sequences hold no rows of their own.
const TABLE_KINDS = `c.relkind IN ('r', 'p')`;

const SCHEMAS_SQL = `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1`;

// Oids travel as text: they are map keys here, and drivers disagree on how to parse them. Names are
// joined to columns in JS rather than with per-row subqueries, which cost seconds on thousands of tables.
const TABLES_SQL = `
SELECT c.oid::text AS id, n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS estimate
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${TABLE_KINDS} AND ${USER_SCHEMAS}`;

const COLUMNS_SQL = `
SELECT a.attrelid::text AS table_id, a.attnum AS num, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       NOT a.attnotnull AS nullable, a.attidentity <> '' AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${TABLE_KINDS} AND ${USER_SCHEMAS}`;

const DEFAULTS_SQL = `
SELECT d.adrelid::text AS table_id, d.adnum AS num, pg_get_expr(d.adbin, d.adrelid) AS expr
FROM pg_attrdef d
JOIN pg_class c ON c.oid = d.adrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${TABLE_KINDS} AND ${USER_SCHEMAS}`;

const CONSTRAINTS_SQL = `
SELECT con.conrelid::text AS table_id, con.conname AS name, con.contype AS type, con.conkey AS columns,
       con.confrelid::text AS ref_id, con.confkey AS ref_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'f') AND ${TABLE_KINDS} AND ${USER_SCHEMAS}
ORDER BY con.conname`;

interface TableRow { id: string; schema: string; name: string; estimate: number }
interface ColumnRow { table_id: string; num: number; name: string; type: string; nullable: boolean; identity: boolean }
interface DefaultRow { table_id: string; num: number; expr: string }
interface ConstraintRow { table_id: string; name: string; type: 'p' | 'f'; columns: number[]; ref_id: string; ref_columns: number[] | null }

export async function readCatalog(db: Queryable, source: string): Promise<SchemaSnapshot> {
  const [version] = await db.query<{ version: string; schema: string | null }>(`SELECT current_setting('server_version') AS version, current_schema() AS schema`);
  const schemas = await db.query<{ name: string }>(SCHEMAS_SQL);
  const tableRows = await db.query<TableRow>(TABLES_SQL);
  const columnRows = await db.query<ColumnRow>(COLUMNS_SQL);
  const defaultRows = await db.query<DefaultRow>(DEFAULTS_SQL);
  const constraintRows = await db.query<ConstraintRow>(CONSTRAINTS_SQL);

  const tables = new Map<string, TableInfo>();
  for (const r of tableRows) {
    const t: TableInfo = { schema: r.schema, name: r.name, columns: [], primaryKey: [], foreignKeys: [] };
    // PostgreSQL 14+ reports -1 for a table never analysed: unknown, not empty.
    if (r.estimate >= 0) t.rowEstimate = Math.round(r.estimate);
    tables.set(r.id, t);
  }
  const byNum = new Map<string, ColumnInfo>();
  const names = new Map<string, string>();
  columnRows.sort((a, b) => a.num - b.num);
  for (const r of columnRows) {
    const col: ColumnInfo = { name: r.name, type: r.type, nullable: r.nullable };
    if (r.identity) col.identity = true;
    tables.get(r.table_id)?.columns.push(col);
    byNum.set(`${r.table_id}:${r.num}`, col);
    names.set(`${r.table_id}:${r.num}`, r.name);
  }
  for (const r of defaultRows) {
    const col = byNum.get(`${r.table_id}:${r.num}`);
    if (col) col.default = r.expr;
  }
  const columnNames = (tableId: string, nums: number[] | null) => (nums ?? []).map((n) => names.get(`${tableId}:${n}`) ?? String(n));
  for (const r of constraintRows) {
    const t = tables.get(r.table_id);
    if (!t) continue;
    if (r.type === 'p') {
      t.primaryKey = columnNames(r.table_id, r.columns);
      continue;
    }
    const ref = tables.get(r.ref_id);
    if (ref) t.foreignKeys.push({ name: r.name, columns: columnNames(r.table_id, r.columns), refSchema: ref.schema, refTable: ref.name, refColumns: columnNames(r.ref_id, r.ref_columns) });
  }
  const sorted = [...tables.values()].sort((a, b) => (a.schema === b.schema ? cmp(a.name, b.name) : cmp(a.schema, b.schema)));
  const defaultSchema = version?.schema ?? 'public';
  return {
    version: 1,
    source,
    takenAt: new Date().toISOString(),
    serverVersion: version?.version,
    defaultSchema,
    schemas: schemas.map((s) => s.name),
    tables: sorted,
    history: await readHistory(db, sorted, defaultSchema),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function tableSql(table: TableRef): string {
  return table.schema ? `${quoteIdent(table.schema)}.${quoteIdent(table.name)}` : quoteIdent(table.name);
}

/** Reads at most limit + 1 rows, so the count costs the same on a table of a billion rows. */
export async function boundedCount(db: Queryable, table: TableRef, limit: number, column?: string): Promise<RowCount> {
  const where = column ? ` WHERE ${quoteIdent(column)} IS NOT NULL` : '';
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${tableSql(table)}${where} LIMIT ${Math.floor(limit) + 1}) AS bounded`);
  const n = Number(row?.n ?? 0);
  return n > limit ? { value: limit, exact: true, capped: true } : { value: n, exact: true };
}
