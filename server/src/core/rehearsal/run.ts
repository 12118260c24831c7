// Runs one side of a migration statement by statement on the scratch database, inside a transaction where
// PostgreSQL allows it, and records for each statement what the database did: its error, the objects it
// removed or changed (a diff of the catalog before and after it, so everything a CASCADE took shows), the
// rows it removed and the relation locks it added.

import { diffObjects, readObjects, type Catalog, type CatalogObject } from './objects';
import { countAll, type Counts } from './rows';
import type { Scratch } from './scratch';
import { RehearsalTimeout } from './scratchProtocol';
import { isTransactionControl, runsOutsideTransaction, statementsOf, type MigrationSide } from './statements';
import type { ObjectRef, StatementTrace } from './types';

export interface SideResult {
  traces: StatementTrace[];
  completed: boolean;
  catalog: Catalog;
  counts: Counts;
}

const LOCKS = `SELECT relation::text AS oid, mode FROM pg_locks WHERE locktype = 'relation' AND pid = pg_backend_pid() AND granted`;

export async function runSide(db: Scratch, side: MigrationSide, phase: 'up' | 'down', names: Set<string>, start: { catalog: Catalog; counts: Counts }): Promise<SideResult> {
  const traces: StatementTrace[] = [];
  let catalog = start.catalog;
  let counts = start.counts;
  let open = false;
  const begin = async () => {
    if (!open) await db.exec('BEGIN');
    open = true;
  };
  const commit = async () => {
    if (open) await db.exec('COMMIT');
    open = false;
  };
  const lines = lineCounter(side.text);
  for (const s of statementsOf(side)) {
    const newline = s.text.indexOf('\n');
    const firstLine = newline < 0 ? s.text : s.text.slice(0, newline).trimEnd();
    const excerpt = firstLine.length > 72 ? `${firstLine.slice(0, 71)}…` : firstLine;
    const trace: StatementTrace = { phase, path: side.path, start: s.start, end: s.end, line: lines(s.start), excerpt, outcome: 'ok', cascaded: [], dropped: [], changed: [], rowsRemoved: {}, locks: [] };
    traces.push(trace);
    if (isTransactionControl(s.text) || s.text.startsWith('\\')) {
      trace.outcome = 'skipped';
      trace.skipped = s.text.startsWith('\\') ? 'a psql meta-command, which only psql runs' : 'the rehearsal runs its own transaction';
      continue;
    }
    const outside = runsOutsideTransaction(s.text);
    if (outside) {
      await commit();
      trace.outsideTransaction = true;
    } else {
      await begin();
    }
    const held = outside ? [] : await db.query<{ oid: string; mode: string }>(LOCKS);
    try {
      await db.exec(s.text);
    } catch (err) {
      // A stopped PGlite took the scratch database with it: there is nothing left to roll back.
      if (open && !(err instanceof RehearsalTimeout && err.lost)) await db.exec('ROLLBACK');
      open = false;
      trace.outcome = 'failed';
      trace.error = databaseError(err, s.start);
      return { traces, completed: false, catalog, counts };
    }
    if (!outside) trace.locks = addedLocks(held, await db.query<{ oid: string; mode: string }>(LOCKS), catalog);
    const after = await readObjects(db);
    const now = await countAll(db, tablesOf(after));
    describeChanges(trace, catalog, after, names);
    const removed = countsLost(counts, now);
    trace.rowsRemoved = removed.rows;
    if (Object.keys(removed.values).length > 0) trace.valuesRemoved = removed.values;
    catalog = after;
    counts = now;
    if (!side.inTransaction) await commit();
  }
  await commit();
  return { traces, completed: true, catalog, counts };
}

/** Lines of increasing offsets, counted once over the text. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    return line;
  };
}

export function tablesOf(catalog: Catalog): Array<{ schema: string; name: string; columns: string[] }> {
  const tables = new Map<string, { schema: string; name: string; columns: string[] }>();
  for (const o of catalog.values()) if (o.kind === 'table') tables.set(`${o.schema}.${o.name}`, { schema: o.schema, name: o.name, columns: [] });
  for (const o of catalog.values()) if (o.kind === 'column' && o.owner) tables.get(o.owner)?.columns.push(o.name);
  return [...tables.values()];
}

/**
 * Rows that were in `before` and are not in `after`, per table, and non-null values per column beyond what
 * the rows removed from its table account for (a dropped column, one set to NULL, one recreated empty). A
 * dropped table's columns are its rows, not counted again.
 */
export function countsLost(before: Counts, after: Counts): { rows: Record<string, number>; values: Record<string, number> } {
  const rows: Record<string, number> = {};
  for (const [table, n] of before.rows) {
    const lost = n - (after.rows.get(table) ?? 0);
    if (lost > 0) rows[table] = lost;
  }
  const values: Record<string, number> = {};
  for (const [column, n] of before.values) {
    const table = column.slice(0, column.lastIndexOf('.'));
    if (!after.rows.has(table)) continue;
    const lost = n - (after.values.get(column) ?? 0) - (rows[table] ?? 0);
    if (lost > 0) values[column] = lost;
  }
  return { rows, values };
}

export function refOf(o: CatalogObject): ObjectRef {
  return { kind: o.kind, name: o.owner && o.kind !== 'sequence' ? `${o.owner}.${o.name}` : `${o.schema}.${o.name}` };
}

/**
 * What the statement removed and changed. The columns, constraints and indexes of a table that went too are
 * part of that table, not reported one by one; whatever else went without the migration naming it, a
 * CASCADE took.
 */
function describeChanges(trace: StatementTrace, before: Catalog, after: Catalog, names: Set<string>): void {
  const { gone, changed } = diffObjects(before, after);
  const goneTables = new Set(gone.filter((o) => o.kind === 'table').map((o) => `${o.schema}.${o.name}`));
  for (const o of gone) {
    if (o.owner && goneTables.has(o.owner)) continue;
    const ref = refOf(o);
    trace.dropped.push(ref);
    if (!isNamed(o, names)) trace.cascaded.push(ref);
  }
  for (const c of changed) trace.changed.push(refOf(c.after));
}

/**
 * Whether the migration names the object. A column or constraint counts as named only with its table
 * (their names are per table): `DROP TYPE status CASCADE` names the type, not the `status` column of a
 * table that uses it. An index or sequence name is unique in its schema, so `DROP INDEX x` names it alone.
 */
function isNamed(o: CatalogObject, names: Set<string>): boolean {
  const has = (name: string) => names.has(name) || names.has(name.toLowerCase());
  if (!has(o.name)) return false;
  return !o.owner || (o.kind !== 'column' && o.kind !== 'constraint') || has(o.owner.slice(o.owner.indexOf('.') + 1));
}

function addedLocks(held: Array<{ oid: string; mode: string }>, now: Array<{ oid: string; mode: string }>, catalog: Catalog): StatementTrace['locks'] {
  const had = new Set(held.map((l) => `${l.oid} ${l.mode}`));
  const names = new Map<string, string>();
  // Tables and views: the locks of their indexes and sequences follow from them and only add noise.
  for (const o of catalog.values()) if (o.oid && (o.kind === 'table' || o.kind === 'view')) names.set(o.oid, `${o.schema}.${o.name}`);
  const out: StatementTrace['locks'] = [];
  for (const l of now) {
    const relation = names.get(l.oid);
    // Locks on the catalog's own tables, or on relations the statement created, are not the migration's concern.
    if (relation && !had.has(`${l.oid} ${l.mode}`)) out.push({ relation, mode: l.mode });
  }
  return out.sort((a, b) => (a.relation === b.relation ? cmp(a.mode, b.mode) : cmp(a.relation, b.relation)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The database's message, and the offset in the file its position (1-based, in the statement) points at. */
function databaseError(err: unknown, statementStart: number): { message: string; offset?: number } {
  const e = err as { message?: string; position?: string | number };
  const position = Number(e.position);
  const message = String(e.message ?? err);
  return Number.isInteger(position) && position > 0 ? { message, offset: statementStart + position - 1 } : { message };
}
