// What Migration Guard reads from a database, and the one interface every source (a live PostgreSQL
// server, embedded PGlite, a snapshot file) implements. Sources only ever read: see pg.ts for how a
// session is made read-only.

import type { HistoryTable } from '../applied/history';

export interface RowCount {
  value: number;
  /** false: pg_class.reltuples, the planner's estimate as of the last ANALYZE or autovacuum. */
  exact: boolean;
  /** The exact count stopped at its bound: the table holds more than `value` rows. */
  capped?: boolean;
}

export interface ColumnInfo {
  name: string;
  /** As PostgreSQL prints it (format_type): `integer`, `numeric(12,2)`, `character varying(200)`. */
  type: string;
  nullable: boolean;
  /** The default expression as PostgreSQL prints it, e.g. `nextval('users_id_seq'::regclass)`. */
  default?: string;
  identity?: boolean;
}

export interface ForeignKeyInfo {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface TableInfo {
  schema: string;
  name: string;
  /** reltuples; undefined when the table was never analysed (PostgreSQL 14+ reports -1 then). */
  rowEstimate?: number;
  /** An exact (bounded) count, when one was asked for. */
  rows?: RowCount;
  /** Exact bounded counts of non-null values, for columns a migration drops. */
  nonNull?: Record<string, RowCount>;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
}

/** Everything read in one pass; also the format of the snapshot file (`migration-guard snapshot`). */
export interface SchemaSnapshot {
  version: 1;
  /** Where it came from, without a password: `postgresql://app@db:5432/projects`, `pglite`, a file path. */
  source: string;
  takenAt: string;
  serverVersion?: string;
  /** current_schema(): where unqualified names in migrations resolve. */
  defaultSchema: string;
  schemas: string[];
  tables: TableInfo[];
  /** The migration tools' history tables found in the database (applied/history.ts); absent in older snapshots. */
  history?: HistoryTable[];
}

export interface TableRef {
  schema?: string;
  name: string;
}

export interface SchemaSource {
  /** For messages: never contains a password. */
  readonly description: string;
  read(): Promise<SchemaSnapshot>;
  /** Exact count, reading at most `limit` + 1 rows; undefined when the source cannot count (a snapshot without counts). */
  countRows(table: TableRef, limit: number): Promise<RowCount | undefined>;
  countNonNull(table: TableRef, column: string, limit: number): Promise<RowCount | undefined>;
  close(): Promise<void>;
}

/** The bound on exact counts: enough to tell "a few hundred rows" from "a lot", cheap on any table. */
export const DEFAULT_COUNT_LIMIT = 100_000;

const lookups = new WeakMap<SchemaSnapshot, Map<string, TableInfo>>();

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

/**
 * The table a migration's name refers to. Unqualified names resolve in the default schema; a name that
 * only matches case-insensitively still matches, because PostgreSQL folds unquoted SQL identifiers.
 */
export function findTable(snapshot: SchemaSnapshot, ref: TableRef): TableInfo | undefined {
  let map = lookups.get(snapshot);
  if (!map) {
    map = new Map();
    for (const t of snapshot.tables) map.set(key(t.schema, t.name), t);
    lookups.set(snapshot, map);
  }
  const schema = ref.schema ?? snapshot.defaultSchema;
  return map.get(key(schema, ref.name)) ?? map.get(key(schema.toLowerCase(), ref.name.toLowerCase()));
}

/** The best row figure known for a table: an exact count when one was taken, else the estimate. */
export function bestRowCount(t: TableInfo): RowCount | undefined {
  if (t.rows) return t.rows;
  return t.rowEstimate === undefined ? undefined : { value: t.rowEstimate, exact: false };
}
