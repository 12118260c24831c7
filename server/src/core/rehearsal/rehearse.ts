// One rehearsal: a fresh scratch database brought to the schema the migration runs against, filled with a
// few synthetic rows, then the migration's up side and its down side, and the round trip compared.

import type { CopiedSchema } from './copy';
import { listRows } from './describe';
import { lineOf } from './lines';
import { diffObjects, readObjects, recreationDdl, type Catalog } from './objects';
import { countAll, fillRows, type Counts } from './rows';
import { insertSample } from './sample';
import { countsLost, refOf, runSide, tablesOf } from './run';
import type { Scratch } from './scratch';
import { RehearsalTimeout } from './scratchProtocol';
import { isTransactionControl, namesIn, statementsOf, type MigrationSide } from './statements';
import type { Rehearsal, RoundTrip } from './types';

export type StartingSchema =
  /** A copy of a database's (or a snapshot's) schema. */
  | { kind: 'copy'; catalog: Catalog; from: string; sample?: CopiedSchema['sample'] }
  /** No schema configured: the migrations that run before this one, in run order. */
  | { kind: 'replay'; earlier: MigrationSide[] };

export interface RehearseOptions {
  openScratch: () => Promise<Scratch>;
  start: StartingSchema;
  /** Synthetic rows per table. */
  rows: number;
}

export const DEFAULT_ROWS = 3;

export async function rehearse(up: MigrationSide, down: MigrationSide | undefined, opts: RehearseOptions): Promise<Rehearsal> {
  const db = await opts.openScratch();
  try {
    const notes: string[] = [];
    const startedFrom = await prepare(db, opts.start, notes);
    const copy = opts.start.kind === 'copy' ? opts.start : undefined;
    const sample = copy?.sample;
    if (copy && sample) {
      const refused = await insertSample(db, copy.catalog, sample.rows);
      if (sample.unreadable.length > 0) notes.push(`The configured database did not let the rehearsal read ${sample.unreadable.join(', ')}; those tables stayed empty.`);
      if (Object.keys(refused).length > 0) notes.push(`Sampled rows the copy's constraints refused (a foreign key to a row not sampled): ${listRows(refused)}.`);
    } else if (opts.rows > 0) {
      const refused = await fillRows(db, opts.rows);
      if (refused.length > 0) notes.push(`No synthetic row satisfied the constraints of ${refused.join(', ')}; those tables stayed empty.`);
    }
    const catalog = await readObjects(db);
    const counts = await countAll(db, tablesOf(catalog));
    const names = namesIn([...statementsOf(up).map((s) => s.text)]);
    const result: Rehearsal = { path: up.path, ranOn: db.description, startedFrom, at: new Date().toISOString(), rowsPerTable: sample ? 0 : opts.rows, ...(sample ? { sampledRows: sample.perTable } : {}), statements: [], notes };
    const upRun = await runSide(db, up, 'up', names, { catalog, counts });
    result.statements.push(...upRun.traces);
    if (!upRun.completed) {
      if (down) notes.push('The up migration failed, so its down migration was not rehearsed.');
      return result;
    }
    if (!down || statementsOf(down).length === 0) {
      notes.push('This migration has no down migration, so no round trip was rehearsed.');
      return result;
    }
    const downRun = await runSide(db, down, 'down', namesIn(statementsOf(down).map((s) => s.text)), { catalog: upRun.catalog, counts: upRun.counts });
    result.statements.push(...downRun.traces);
    result.roundTrip = roundTrip(down, downRun.completed, catalog, downRun.catalog, counts, downRun.counts);
    return result;
  } finally {
    await db.close();
  }
}

async function prepare(db: Scratch, start: StartingSchema, notes: string[]): Promise<string> {
  if (start.kind === 'copy') {
    for (const ddl of recreationDdl(start.catalog)) {
      try {
        await db.exec(ddl);
      } catch (err) {
        if (err instanceof RehearsalTimeout) throw err;
        notes.push(`The copy of the schema lacks what this statement creates, which failed on the scratch database (${(err as Error).message}): ${ddl.slice(0, 200)}`);
      }
    }
    return `a copy of the schema of ${start.from}`;
  }
  for (const side of start.earlier) {
    const statements = statementsOf(side).filter((s) => !isTransactionControl(s.text) && !s.text.startsWith('\\'));
    // One round trip for the whole file (an implicit transaction: 200 tables replay in a fifth of the time);
    // when a statement fails, or refuses a transaction block, nothing of it stayed, and it goes one by one.
    if (await tryScript(db, side.path, statements.map((s) => s.text))) continue;
    for (const s of statements) {
      try {
        await db.exec(s.text);
      } catch (err) {
        if (err instanceof RehearsalTimeout) throw new RehearsalTimeout(`Replaying ${side.path}:${lineOf(side.text, s.start)}: ${err.message}`, err.lost);
        notes.push(`Replaying ${side.path}:${lineOf(side.text, s.start)} failed (${(err as Error).message}); the rehearsal went on without it.`);
      }
    }
  }
  const n = start.earlier.length;
  return n === 0 ? 'an empty database (the first migration)' : `the ${n} earlier migration${n === 1 ? '' : 's'} replayed in run order`;
}

async function tryScript(db: Scratch, file: string, statements: string[]): Promise<boolean> {
  try {
    await db.exec(statements.map((s) => (s.trimEnd().endsWith(';') ? s : `${s};`)).join('\n'));
    return true;
  } catch (err) {
    if (err instanceof RehearsalTimeout) throw new RehearsalTimeout(`Replaying ${file}: ${err.message}`, err.lost);
    return false;
  }
}

function roundTrip(down: MigrationSide, completed: boolean, start: Catalog, end: Catalog, startCounts: Counts, endCounts: Counts): RoundTrip {
  const { gone, changed, added } = diffObjects(start, end);
  const addedTables = new Set(added.filter((o) => o.kind === 'table').map((o) => `${o.schema}.${o.name}`));
  const goneTables = new Set(gone.filter((o) => o.kind === 'table').map((o) => `${o.schema}.${o.name}`));
  const lost = countsLost(startCounts, endCounts);
  // The finding points at the down migration's first statement.
  const first = statementsOf(down)[0];
  return {
    path: down.path,
    start: first?.start ?? down.segments[0]?.start ?? 0,
    end: down.segments.at(-1)?.end ?? 0,
    completed,
    missing: gone.filter((o) => !(o.owner && goneTables.has(o.owner))).map(refOf),
    changed: changed.map((c) => ({ ...refOf(c.after), before: c.before.def, after: c.after.def })),
    extra: added.filter((o) => !(o.owner && addedTables.has(o.owner))).map(refOf),
    rowsLost: lost.rows,
    ...(Object.keys(lost.values).length > 0 ? { valuesLost: lost.values } : {}),
  };
}
