// The columns each table has, replayed from the operations of earlier migrations and of this file so far.
// MySQL's MODIFY/CHANGE re-declare a whole column and SQLite changes a table by rebuilding it; whether
// either loses data depends on what the table held before, which only this replay can tell.

import { isDownPhase, type ColumnInfo, type OpDetails, type Operation, type Range } from '../../ops';
import { isWidening, sameType } from '../../typeWidening';
import { sqlTypeOf } from '../../python/saTypes';
import type { Redefinition, TableCopy } from './other';

type Columns = Map<string, ColumnInfo>;
/** Table name (lower case) -> its columns by lower-case name, or null when it exists but its columns were never listed. */
export type Tables = Map<string, Columns | null>;

/**
 * The operations of earlier migrations, and optionally the tables they leave already folded (to be read,
 * not changed: copy before folding more into them): sql/history.ts keeps a directory's fold as it goes
 * instead of refolding every earlier migration for each later one.
 */
export interface History {
  (): Operation[];
  tables?: () => Tables;
}

/** Not a table name (none holds a NUL): marks a fold that went through SQL built at run time, which may have created any table. */
const UNREADABLE = '\0unreadable';

/**
 * `sameRun`: the operations run in one go (this file's), so a text column an UPDATE fills from an enum
 * column holds only that enum's labels until the next statement that writes it; across migrations the
 * application may have written anything into it since.
 */
export function foldOps(ops: Iterable<Operation>, start?: Tables, sameRun = false): Tables {
  const tables: Tables = start ?? new Map();
  for (const op of ops) {
    if (isDownPhase(op.phase)) continue;
    if (op.kind === 'dynamic-sql' || op.dynamic) tables.set(UNREADABLE, null);
    if (op.details.enumChange) applyEnumChange(sideOf(tables), op.details.enumChange);
    else if (op.kind === 'drop-type' && op.details.typeName) sides.get(tables)?.enumNames.delete(op.details.typeName.toLowerCase());
    if (op.table) applyOp(tables, op, op.table.toLowerCase(), sameRun);
  }
  return tables;
}

/** A copy that folding more operations into cannot change (applyOp edits column maps in place). */
export function copyTables(tables: Tables): Tables {
  const copy: Tables = new Map();
  for (const [name, columns] of tables) copy.set(name, columns && new Map(columns));
  const side = sides.get(tables);
  if (side) sides.set(copy, { nextId: side.nextId, enumNames: new Map(side.enumNames), enumLabels: new Map(side.enumLabels), engines: new Map(side.engines) });
  return copy;
}

/**
 * What a replay knows besides columns: enum types (name -> id -> labels, so that a column keeps its type
 * when the type is renamed and another one takes its name) and ClickHouse table engines. Kept beside the
 * table map rather than in it, so that no table name can meet them.
 */
interface Side {
  nextId: number;
  enumNames: Map<string, number>;
  /** Never edited in place: a copy of the fold shares the arrays. */
  enumLabels: Map<number, readonly string[]>;
  engines: Map<string, string>;
}

const sides = new WeakMap<Tables, Side>();

function sideOf(tables: Tables): Side {
  let side = sides.get(tables);
  if (!side) sides.set(tables, (side = { nextId: 0, enumNames: new Map(), enumLabels: new Map(), engines: new Map() }));
  return side;
}

function applyEnumChange(side: Side, change: NonNullable<OpDetails['enumChange']>): void {
  const key = change.type.toLowerCase();
  if (change.labels) {
    const id = side.nextId++;
    side.enumNames.set(key, id);
    side.enumLabels.set(id, change.labels);
    return;
  }
  const id = side.enumNames.get(key);
  if (id === undefined) return;
  if (change.renameTo !== undefined) {
    side.enumNames.delete(key);
    side.enumNames.set(change.renameTo.toLowerCase(), id);
  }
  const labels = side.enumLabels.get(id) ?? [];
  if (change.add !== undefined && !labels.includes(change.add)) side.enumLabels.set(id, [...labels, change.add]);
  const renamed = change.renameLabel;
  if (renamed) side.enumLabels.set(id, labels.map((l) => (l === renamed.from ? renamed.to : l)));
}

/** The enum a type as written names (`Role`, `public.Role`; not `Role[]`), by its id. */
function enumIdOf(side: Side | undefined, type: string | undefined): number | undefined {
  if (!side || type === undefined || type.endsWith(']')) return undefined;
  return side.enumNames.get(type.slice(type.lastIndexOf('.') + 1).replace(/"/g, '').toLowerCase());
}

function typed(side: Side | undefined, column: ColumnInfo): ColumnInfo {
  const enumId = enumIdOf(side, column.type);
  return enumId === undefined ? column : { ...column, enumId };
}

function applyOp(tables: Tables, op: Operation, key: string, sameRun: boolean): void {
  const columns = tables.get(key);
  const column = op.column?.toLowerCase();
  const side = sides.get(tables);
  switch (op.kind) {
    case 'create-table':
      tables.set(key, op.details.columns ? new Map(op.details.columns.map((c) => [c.name.toLowerCase(), typed(side, c)])) : null);
      if (op.details.engine) sideOf(tables).engines.set(key, op.details.engine);
      else side?.engines.delete(key);
      return;
    case 'drop-table':
      tables.delete(key);
      side?.engines.delete(key);
      return;
    case 'rename-table': {
      tables.delete(key);
      const to = op.details.newName?.toLowerCase();
      if (to && columns !== undefined) tables.set(to, columns);
      else if (to) tables.delete(to);
      const engine = side?.engines.get(key);
      side?.engines.delete(key);
      if (to && engine) side?.engines.set(to, engine);
      return;
    }
    case 'update-rows':
      if (columns) noteWrites(columns, op, sameRun);
      return;
    default:
  }
  if (!columns || column === undefined) return;
  const previous = columns.get(column);
  if (op.kind === 'add-column' && op.column) columns.set(column, typed(side, { name: op.column, type: op.details.newType, nullable: op.details.nullable }));
  else if (op.kind === 'drop-column') columns.delete(column);
  else if (op.kind === 'rename-column' && previous && op.details.newName) {
    columns.delete(column);
    columns.set(op.details.newName.toLowerCase(), { ...previous, name: op.details.newName });
  } else if (op.kind === 'alter-column' && previous) {
    const nullable = op.details.nullable ?? previous.nullable;
    if (op.details.newType === undefined) columns.set(column, { ...previous, nullable });
    else columns.set(column, typed(side, { name: previous.name, type: sqlTypeOf(op.details.newType) ?? op.details.newType, nullable }));
  }
}

/**
 * An UPDATE without WHERE that copies an enum column into another (`SET t = e::text`) leaves it holding
 * that enum's labels; any other write to such a copy forgets where its values came from.
 */
function noteWrites(columns: Columns, op: Operation, sameRun: boolean): void {
  const copies = new Map((op.details.columnCopies ?? []).map((c) => [c.into.toLowerCase(), c.from.toLowerCase()]));
  for (const target of op.details.columns ?? []) {
    const key = target.name.toLowerCase();
    const into = columns.get(key);
    if (!into) continue;
    const from = copies.get(key);
    const source = from === undefined ? undefined : columns.get(from);
    if (sameRun && source?.enumId !== undefined) columns.set(key, { ...into, enumId: source.enumId, enumCopied: true });
    else if (into.enumCopied) columns.set(key, { name: into.name, type: into.type, nullable: into.nullable });
  }
}

/** What a finished rebuild left out: the columns of the old table its copy did not read. */
export interface Rebuild {
  drop: Operation;
  copyRange: Range;
  /** undefined when the old table's columns are not known. */
  missing?: string[];
}

export class SchemaBook {
  private readonly local: Operation[] = [];
  private readonly copies: Array<{ copy: TableCopy; range: Range }> = [];
  /** The tables the earlier migrations leave, folded once: a file asks once per type change it judges. */
  private historyTables?: Tables;

  /** `history` returns the operations of earlier migrations; it is only called when this file alone cannot answer. */
  constructor(private readonly history: History = () => []) {}

  /** This file's operations folded so far, kept up to date as they come, so asking costs no refold. */
  private readonly folded: Tables = new Map();
  private readonly createdHere = new Set<string>();
  /** The history's tables with this file's operations folded on top; built on first need, then kept up to date. */
  private withHistory?: Tables;
  /** Where in `local` the operations on each table (by lower-case name) are. */
  private readonly byTable = new Map<string, number[]>();
  /** The tables this file renames another table to: the only operation that moves columns between tables. */
  private readonly renamedInto = new Set<string>();
  /** This file creates, changes or drops a type: the columns it declares may then name enums the history does not. */
  private typesChanged = false;
  /**
   * Only the tables asked about, each taken from the history and folded with this file's operations on it:
   * what `withHistory` holds for them, without copying every table of the history for one question.
   */
  private asked?: Tables;
  /** How many of each asked table's operations `asked` holds. */
  private readonly askedUpTo = new Map<string, number>();

  note(op: Operation): void {
    const at = this.local.push(op) - 1;
    foldOps([op], this.folded, true);
    if (op.table) {
      const key = op.table.toLowerCase();
      const positions = this.byTable.get(key);
      if (positions) positions.push(at);
      else this.byTable.set(key, [at]);
    }
    if (op.kind === 'create-table' && op.table) this.createdHere.add(op.table.toLowerCase());
    if (op.kind === 'rename-table' && op.details.newName) this.renamedInto.add(op.details.newName.toLowerCase());
    if (op.details.enumChange || op.kind === 'drop-type') this.typesChanged = true;
    if (this.withHistory) foldOps([op], this.withHistory, true);
  }

  noteCopy(copy: TableCopy, range: Range): void {
    this.copies.push({ copy, range });
  }

  /** The columns of `table` after the first `upTo` operations of this file; undefined when not known. */
  columns(table: string, upTo = this.local.length): Columns | undefined {
    if (upTo < this.local.length) return this.columnsBefore(table, upTo);
    const key = table.toLowerCase();
    const local = this.folded.get(key);
    if (local !== undefined || this.createdHere.has(key)) return local ?? undefined;
    return this.tablesFor(key).get(key) ?? undefined;
  }

  private historyFolded(): Tables {
    this.historyTables ??= this.history.tables?.() ?? foldOps(this.history());
    return this.historyTables;
  }

  /**
   * The history's tables with this file's operations so far folded on top, exact for table `key` (and for
   * enum types): all of them once this file renames a table to `key` or changes a type; otherwise `key`
   * alone, since foldOps changes a table only for an operation on that table, and reads nothing besides it
   * but the enum types, which are then the history's.
   */
  private tablesFor(key: string): Tables {
    if (this.withHistory || this.typesChanged || this.renamedInto.has(key)) return this.current();
    const history = this.historyFolded();
    let asked = this.asked;
    if (!asked) {
      asked = this.asked = new Map();
      // Shares the history's enum maps, which only an operation on a type changes: none reaches this fold.
      const side = sides.get(history);
      if (side) sides.set(asked, { nextId: side.nextId, enumNames: side.enumNames, enumLabels: side.enumLabels, engines: new Map() });
    }
    let upTo = this.askedUpTo.get(key);
    if (upTo === undefined) {
      upTo = 0;
      const before = history.get(key);
      if (before !== undefined) asked.set(key, before && new Map(before));
      const engine = sides.get(history)?.engines.get(key);
      if (engine !== undefined) sides.get(asked)?.engines.set(key, engine);
    }
    const positions = this.byTable.get(key) ?? [];
    foldOps(positions.slice(upTo).map((i) => this.local[i]), asked, true);
    this.askedUpTo.set(key, positions.length);
    return asked;
  }

  /** The history's tables with this file's operations so far folded on top. */
  private current(): Tables {
    this.withHistory ??= foldOps(this.local, copyTables(this.historyFolded()), true);
    return this.withHistory;
  }

  /**
   * The labels `table.column` can hold now and those of enum type `type`, when both are known enums:
   * `same` when the column already is of that type.
   */
  enumLabels(table: string, column: string, type: string): { from: readonly string[]; to: readonly string[]; same: boolean } | undefined {
    const key = table.toLowerCase();
    const tables = this.tablesFor(key);
    const side = sides.get(tables);
    const fromId = tables.get(key)?.get(column.toLowerCase())?.enumId;
    const toId = enumIdOf(side, type);
    if (!side || fromId === undefined || toId === undefined) return undefined;
    const [from, to] = [side.enumLabels.get(fromId), side.enumLabels.get(toId)];
    return from && to ? { from, to, same: fromId === toId } : undefined;
  }

  /** The ENGINE a ClickHouse table was created with, in an earlier migration or this file so far. */
  engineOf(table: string): string | undefined {
    const key = table.toLowerCase();
    const local = sides.get(this.folded)?.engines.get(key);
    if (local !== undefined || this.createdHere.has(key)) return local;
    // Most projects create no ClickHouse table: then the file's own fold over the history is not needed.
    if (!sides.get(this.historyFolded())?.engines.size) return undefined;
    return sides.get(this.tablesFor(key))?.engines.get(key);
  }

  /**
   * `columns` at an earlier point of the file. The fold of the file's first operations is kept and
   * extended, since rebuilds ask at later and later points: refolding from the start for each one grew with
   * the square of a file of repeated rebuilds.
   */
  private columnsBefore(table: string, upTo: number): Columns | undefined {
    const key = table.toLowerCase();
    const prefix = this.prefixUpTo(upTo);
    const local = prefix.tables.get(key);
    if (local !== undefined || prefix.created.has(key)) return local ?? undefined;
    const history = this.historyFolded();
    // Only a rename to this table can bring another table's columns here: without one, this table's history
    // and the operations on it suffice (rebuilds rename a copy to each table they rebuild: a file of many
    // rebuilds asks after renames to other tables). The callers read the columns' names only.
    if (prefix.renamedInto.has(key)) return foldOps(this.local.slice(0, upTo), copyTables(history), true).get(key) ?? undefined;
    const before = history.get(key);
    const start: Tables = before === undefined ? new Map() : new Map([[key, before && new Map(before)]]);
    const on = this.byTable.get(key) ?? [];
    let end = 0;
    while (end < on.length && on[end] < upTo) end++;
    return foldOps(on.slice(0, end).map((i) => this.local[i]), start, true).get(key) ?? undefined;
  }

  private prefix?: { upTo: number; tables: Tables; created: Set<string>; renamedInto: Set<string> };

  /** The fold of this file's first `upTo` operations, extended from the last one asked for when it can be. */
  private prefixUpTo(upTo: number): { upTo: number; tables: Tables; created: Set<string>; renamedInto: Set<string> } {
    if (!this.prefix || this.prefix.upTo > upTo) this.prefix = { upTo: 0, tables: new Map(), created: new Set(), renamedInto: new Set() };
    const p = this.prefix;
    const more = this.local.slice(p.upTo, upTo);
    foldOps(more, p.tables, true);
    for (const op of more) {
      if (op.kind === 'create-table' && op.table) p.created.add(op.table.toLowerCase());
      if (op.kind === 'rename-table' && op.details.newName) p.renamedInto.add(op.details.newName.toLowerCase());
    }
    p.upTo = upTo;
    return p;
  }

  /**
   * Earlier migrations are known (they leave some tables) and neither they nor this file so far leave
   * `table`: a DROP TABLE IF EXISTS of it finds nothing to drop.
   */
  lacks(table: string): boolean {
    const history = this.historyFolded();
    if (history.size === 0) return false;
    // SQL built at run time (before, or earlier in this file) may have created any table.
    if (history.has(UNREADABLE) || this.folded.has(UNREADABLE)) return false;
    const key = table.toLowerCase();
    return !this.tablesFor(key).has(key);
  }

  /** What a MODIFY/CHANGE really changes, judged against the column's previous definition. */
  redefine(r: Redefinition): OpDetails {
    const previous = this.columns(r.table)?.get(r.column.name.toLowerCase());
    const type = r.column.type;
    if (!previous?.type) return type ? { newType: type, previousUnknown: true } : {};
    const details: OpDetails = {};
    if (type && !sameType(previous.type, type)) {
      details.newType = type;
      if (isWidening(previous.type, type, 'mysql')) details.lossless = true;
    }
    if (previous.nullable !== false && r.column.nullable === false) details.nullable = false;
    else if (previous.nullable === false && r.column.nullable !== false) details.nullable = true;
    return details;
  }

  /**
   * Called when `rename` renames a table: if it renames a copy into the place of a table this file
   * copied into it and then dropped, that is a rebuild.
   */
  rebuildFor(rename: Operation): Rebuild | undefined {
    const copyName = rename.table?.toLowerCase();
    const original = rename.details.newName?.toLowerCase();
    if (!copyName || !original) return undefined;
    // The latest such copy: a file that rebuilds the same table again must not scan all the earlier ones.
    let copy: { copy: TableCopy; range: Range } | undefined;
    for (let i = this.copies.length - 1; i >= 0 && !copy; i--) {
      const c = this.copies[i];
      if (c.copy.into.toLowerCase() === copyName && c.copy.from.toLowerCase() === original) copy = c;
    }
    // The drop that makes room for the rename: the last one before it.
    let dropAt = this.local.length - 1;
    while (dropAt >= 0 && !isDropOf(this.local[dropAt], original, rename)) dropAt--;
    if (!copy || dropAt < 0) return undefined;
    const columns = this.columns(original, dropAt);
    const read = copy.copy.sourceColumns;
    const rebuild: Rebuild = { drop: this.local[dropAt], copyRange: copy.range };
    // SELECT * copies every column, whichever they are.
    if (read === '*') rebuild.missing = [];
    else if (columns) {
      const copied = new Set(read.map((c) => c.toLowerCase()));
      rebuild.missing = [...columns.values()].map((c) => c.name).filter((c) => !copied.has(c.toLowerCase()));
    }
    return rebuild;
  }
}

function isDropOf(op: Operation, table: string, rename: Operation): boolean {
  return op.kind === 'drop-table' && op.table?.toLowerCase() === table && op.phase === rename.phase;
}
