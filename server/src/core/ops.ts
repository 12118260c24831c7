// The operation IR. Every frontend turns a file into Operation[]; rules only ever see operations.
//
// Offsets are UTF-16 code-unit offsets into the decoded file text (what JavaScript strings, web-tree-sitter
// and LSP's default position encoding all use), so no layer has to convert between byte and char offsets.

export interface Range {
  start: number;
  end: number;
}

export type Phase = 'upgrade' | 'downgrade' | 'up' | 'down';
export type Origin = 'python-call' | 'embedded-sql' | 'sql-file' | 'django-op';
export type Framework = 'alembic' | 'sql' | 'django';

export type OpKind =
  | 'create-table'
  | 'drop-table'
  | 'rename-table'
  | 'add-column'
  | 'drop-column'
  | 'rename-column'
  | 'alter-column'
  | 'drop-schema'
  | 'drop-database'
  | 'truncate'
  | 'delete-rows'
  | 'update-rows'
  | 'drop-type'
  | 'drop-enum-value'
  | 'create-index'
  | 'drop-index'
  | 'add-constraint'
  | 'drop-constraint'
  | 'dynamic-sql'
  | 'other-sql';

/** How an operation is protected by code that runs before it (an emptiness check, a backup, a rename). */
export interface GuardInfo {
  kind: 'emptiness-check' | 'backup' | 'archive-rename';
  range: Range;
  /** A backup that is `UPDATE t SET <copiedInto> = <column>`: the values live on in another column of the table. */
  copiedInto?: string;
  /** The copy ran in an earlier file of the same split migration (popx's numbered files), named here. */
  copiedIn?: string;
}

/** A column as a CREATE TABLE defines it (used to replay a table's columns across migrations). */
export interface ColumnInfo {
  name: string;
  type?: string;
  nullable?: boolean;
  /**
   * Replaying a schema (sql/schema.ts): the enum type whose labels are the only values the column holds, by
   * the id the replay gave that type (a type renamed later is still the same type). enumCopied: a text
   * column that an UPDATE of the same file filled from an enum column, not a column of the type itself.
   */
  enumId?: number;
  enumCopied?: boolean;
}

export interface OpDetails {
  ifExists?: boolean;
  /** drop-table IF EXISTS of a table that the earlier migrations (known) and this file never leave in place. */
  notCreated?: boolean;
  cascade?: boolean;
  /** rename-table / rename-column: the new name. */
  newName?: string;
  /** alter-column: the new type as written, when the type changes; add-column: the column's type. */
  newType?: string;
  /** alter-column: the column's type before the change, when the frontend knows it. */
  previousType?: string;
  /** alter-column: the new type holds every value of the old one (a longer varchar, int -> bigint). */
  lossless?: boolean;
  /** A type change's USING expression (postgresql_using) is more than a cast of the column: values may not survive it. */
  valuesConverted?: boolean;
  /**
   * alter-column: a date or timestamp becomes timestamptz (or timestamptz a timestamp), so each value is
   * converted through the session's time zone (lossless only when that is UTC).
   */
  sessionZone?: boolean;
  /** alter-column: json -> jsonb, which keeps each value's meaning but not its text (duplicate keys, key order, whitespace). */
  jsonNormalised?: boolean;
  /** alter-column: the column's previous definition was not found, so the change may not touch the type at all. */
  previousUnknown?: boolean;
  /** The table or column was created by an earlier file of the same split migration (popx's numbered files). */
  newInMigration?: boolean;
  /** Django: a field class defined outside Django, whose column type is not known here, is on one side. */
  unknownClass?: boolean;
  /** alter-column to NOT NULL: existing NULLs are first set to the default (Django does this when the field has one). */
  fillsNulls?: boolean;
  /** update-rows without WHERE: columns set to the value of another column of the row (`SET into = from`). */
  columnCopies?: Array<{ from: string; into: string }>;
  /** create-table: the columns it defines, when they are listed; update-rows: the columns it sets. */
  columns?: ColumnInfo[];
  /**
   * Part of a table rebuild (create `copy`, copy the rows of `table` into it, drop `table`, rename `copy`
   * to `table`). columnsKnown: the columns of `table` were known, so every one left out of the copy is
   * reported as a drop-column of its own.
   */
  rebuild?: { table: string; copy: string; columnsKnown: boolean };
  /** `INSERT INTO into SELECT <sourceColumns> FROM from`: a table copied whole, kept for later files of a split migration. */
  tableCopy?: { into: string; from: string; sourceColumns: string[] | '*' };
  /** Django: the RunSQL/RunPython running this has no reverse, so Django cannot roll the migration back. */
  noReverse?: 'RunSQL' | 'RunPython';
  /** alter-column / add-column: nullable=false means NOT NULL. */
  nullable?: boolean;
  hasDefault?: boolean;
  /** The default is a volatile expression (random(), now() on old servers, uuid generators...). */
  volatileDefault?: boolean;
  /** delete-rows / update-rows: a WHERE clause (or filter) is present. */
  hasWhere?: boolean;
  /** delete-rows / update-rows through an ORM model whose table name is declared on the model, not here. */
  model?: string;
  /** delete-rows: the rows of this partition go (ClickHouse's DROP PARTITION, PostgreSQL's DETACH PARTITION). */
  partition?: string;
  /** delete-rows of a partition: the rows leave the table but are kept (detached, or moved to another table). */
  detached?: boolean;
  /** delete-rows: a TTL set on the table deletes the rows it expires, in the background. */
  ttl?: boolean;
  /** drop-table of a table an extension owns: the statement that drops it (`DROP EXTENSION postgis`), and what else goes. */
  droppedBy?: string;
  droppedAlso?: string;
  /** drop-constraint: `DROP FUNCTION f CASCADE` drops everything that uses f, whatever it is; this names f. */
  cascadeFrom?: string;
  /** create-index / drop-index: CONCURRENTLY. */
  concurrently?: boolean;
  unique?: boolean;
  indexName?: string;
  constraintName?: string;
  constraintType?: 'foreign-key' | 'check' | 'unique' | 'primary-key' | 'exclusion' | 'not-null' | 'unknown';
  /** add-constraint: NOT VALID was given. */
  notValid?: boolean;
  typeName?: string;
  /** dynamic-sql: why the SQL cannot be read statically. */
  reason?: string;
  /**
   * Where the operation runs in the file's order when that is not where it is written: the RunPython
   * entry of `operations` whose function (defined above the list) holds it.
   */
  ranAt?: number;
  /** The SQL text of the statement, for SQL-backed operations. */
  sql?: string;
  /** create-index / add-constraint (unique, primary key, foreign key): the columns, when written as names. */
  keyColumns?: string[];
  /** add-constraint foreign-key: the table and columns it references. */
  references?: { schema?: string; table: string; columns: string[] };
  /** add-constraint check: the condition; create-index: a partial index's WHERE; as SQL text. */
  predicate?: string;
  /** The file runs this statement inside a transaction (Alembic's default, most SQL runners). */
  inTransaction?: boolean;
  /**
   * other-sql: what the statement does to an enum type (CREATE TYPE .. AS ENUM, ALTER TYPE .. ADD VALUE /
   * RENAME VALUE / RENAME TO), replayed with the columns so a later type change can compare the labels.
   */
  enumChange?: { type: string; labels?: string[]; add?: string; renameLabel?: { from: string; to: string }; renameTo?: string };
  /** alter-column from one enum type to another: the old type's labels the new one lacks. */
  removedLabels?: string[];
  /** ClickHouse create-table: the table's ENGINE as written (`Null`, `Distributed(...)`); drop-table: the dropped table's. */
  engine?: string;
}

export interface Operation {
  kind: OpKind;
  schema?: string;
  table?: string;
  column?: string;
  /** The whole call or statement. */
  range: Range;
  phase: Phase;
  origin: Origin;
  /** Inside one of Alembic's "commands auto generated ... please adjust!" blocks. */
  autogenerated: boolean;
  guard?: GuardInfo;
  dynamic?: true;
  details: OpDetails;
}

/** Something the frontend could not read. Reported as parse-error, never skipped silently. */
export interface Problem {
  message: string;
  range: Range;
  /** Lower than the rule's own when the part was left unread on purpose (code for a database not read here). */
  severity?: 'info';
}

/** `# migration-guard: allow <rule>[, <rule>] -- <reason>`. */
export interface Suppression {
  rules: string[];
  reason: string;
  /** The comment itself. */
  range: Range;
  /** The line (0-based) of the comment; it applies to operations starting on this line or the next code line. */
  line: number;
  /** The 0-based line it applies to. */
  targetLine: number;
}

/** An Alembic "### commands auto generated by Alembic - please adjust! ###" ... "### end Alembic commands ###" block. */
export interface AutogenBlock {
  range: Range;
  phase: Phase;
}

export interface PhaseInfo {
  phase: Phase;
  /** Where the function or section is, for findings that are about the phase as a whole. */
  range: Range;
  /** The body does nothing (`pass`, empty section) or refuses to run (`raise NotImplementedError`). */
  empty: boolean;
  raises: boolean;
}

export interface FrontendResult {
  framework: Framework;
  ops: Operation[];
  problems: Problem[];
  suppressions: Suppression[];
  autogenBlocks: AutogenBlock[];
  phases: PhaseInfo[];
  /** A Django squash (`replaces = [...]`): how many migrations it replaces. */
  squashOf?: number;
}

export function isDownPhase(phase: Phase): boolean {
  return phase === 'downgrade' || phase === 'down';
}
