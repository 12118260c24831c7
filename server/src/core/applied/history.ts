// The migration tools' own history tables: which migrations the database says have run. Read through the
// same read-only session as the catalog (db/catalog.ts), and only for tables the catalog has just shown
// to exist, so a database without a tool's table costs no query for it.

import { quoteIdent, type Queryable } from '../db/catalog';
import type { TableInfo } from '../db/schemaSource';

export type HistoryTool = 'alembic' | 'django' | 'flyway' | 'golang-migrate' | 'dbmate' | 'goose' | 'diesel' | 'prisma' | 'sqitch';

export interface HistoryRow {
  /** The tool's own name for the migration: a revision id, `app/name`, a version, a folder name. */
  id: string;
  /** When it ran (YYYY-MM-DD), where the table records it. */
  at?: string;
  /** Every version up to and including this one has run (golang-migrate keeps only the current version; a Flyway baseline). */
  through?: true;
}

export interface HistoryTable {
  tool: HistoryTool;
  /** As found: `alembic_version`, `sqitch.changes`, `ops.flyway_schema_history` outside the default schema. */
  table: string;
  rows: HistoryRow[];
  /** Why the rows could not be read (a missing privilege); the table is then left out of the decision. */
  unreadable?: string;
}

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

interface Reader {
  tool: HistoryTool;
  name: string;
  schema?: string;
  /** Which of two tools sharing a table name wrote it, from its columns. */
  accepts?: (t: TableInfo) => boolean;
  /** A table under another name that is still this tool's, from its columns (env.py's version_table). */
  renamed?: (t: TableInfo) => boolean;
  sql: (table: string) => string;
}

const hasColumn = (t: TableInfo, name: string) => t.columns.some((c) => c.name === name);

const READERS: Reader[] = [
  {
    tool: 'alembic',
    name: 'alembic_version',
    renamed: (t) => t.columns.length === 1 && t.columns[0].name === 'version_num',
    sql: (t) => `SELECT version_num::text AS id FROM ${t}`,
  },
  { tool: 'django', name: 'django_migrations', sql: (t) => `SELECT app || '/' || name AS id, ${DAY('applied')} AS at FROM ${t}` },
  {
    tool: 'flyway',
    name: 'flyway_schema_history',
    // Repeatable migrations (no version) run again whenever they change, so they are never "applied" for good.
    sql: (t) => `SELECT version AS id, ${DAY('installed_on')} AS at, type = 'BASELINE' AS through FROM ${t} WHERE success AND version IS NOT NULL`,
  },
  { tool: 'golang-migrate', name: 'schema_migrations', accepts: (t) => hasColumn(t, 'dirty'), sql: (t) => `SELECT version::text AS id, true AS through FROM ${t}` },
  { tool: 'dbmate', name: 'schema_migrations', accepts: (t) => !hasColumn(t, 'dirty'), sql: (t) => `SELECT version::text AS id FROM ${t}` },
  {
    tool: 'goose',
    name: 'goose_db_version',
    // goose appends a row per apply and per rollback: the latest row of a version says where it stands.
    sql: (t) =>
      `SELECT version AS id, at FROM (SELECT DISTINCT ON (g.version_id) g.version_id::text AS version, g.is_applied, ${DAY('g.tstamp')} AS at FROM ${t} AS g ORDER BY g.version_id, g.id DESC) AS latest WHERE is_applied AND version <> '0'`,
  },
  { tool: 'diesel', name: '__diesel_schema_migrations', sql: (t) => `SELECT version AS id, ${DAY('run_on')} AS at FROM ${t}` },
  {
    tool: 'prisma',
    name: '_prisma_migrations',
    sql: (t) => `SELECT migration_name AS id, ${DAY('finished_at')} AS at FROM ${t} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  },
  { tool: 'sqitch', name: 'changes', schema: 'sqitch', sql: (t) => `SELECT change AS id, ${DAY('committed_at')} AS at FROM ${t}` },
];

interface Row {
  id: string | null;
  at?: string | null;
  through?: boolean | null;
}

/** The history tables among `tables` (the catalog just read), each with its rows. */
export async function readHistory(db: Queryable, tables: readonly TableInfo[], defaultSchema: string): Promise<HistoryTable[]> {
  const out: HistoryTable[] = [];
  for (const reader of READERS) {
    const table = findHistoryTable(tables, reader, defaultSchema);
    if (!table) continue;
    const label = table.schema === defaultSchema ? table.name : `${table.schema}.${table.name}`;
    const entry: HistoryTable = { tool: reader.tool, table: label, rows: [] };
    try {
      const rows = await db.query<Row>(reader.sql(`${quoteIdent(table.schema)}.${quoteIdent(table.name)}`));
      for (const r of rows) {
        if (r.id === null || r.id === '') continue;
        const row: HistoryRow = { id: r.id };
        if (r.at) row.at = r.at;
        if (r.through) row.through = true;
        entry.rows.push(row);
      }
    } catch (err) {
      entry.unreadable = err instanceof Error ? err.message : String(err);
    }
    out.push(entry);
  }
  return out;
}

function findHistoryTable(tables: readonly TableInfo[], reader: Reader, defaultSchema: string): TableInfo | undefined {
  const fits = (t: TableInfo) => t.name === reader.name && (reader.schema === undefined || t.schema === reader.schema) && (!reader.accepts || reader.accepts(t));
  const renamed = (t: TableInfo) => reader.renamed?.(t) === true;
  return tables.find((t) => fits(t) && t.schema === defaultSchema) ?? tables.find(fits) ?? tables.find(renamed);
}
