import type { OpDetails } from '../ops';
import type { Rule } from './types';
import { autogenNote, dropsNothing, dynamicNote, guardedSeverity, hit, newInThisPhase, opsOf, protection, qualified, undoesOwnUpgrade } from './util';

export const dropTable: Rule = {
  id: 'drop-table',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dropping a table deletes every row in it.',
    why: 'Once the migration commits, the rows are gone; a downgrade can recreate the table but not its data.',
    fix: 'Check the table is really unused, back it up (CREATE TABLE ... AS TABLE ...) or rename it to an archive name instead, or guard the drop so it refuses a non-empty table.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-table').filter((op) => !undoesOwnUpgrade(ctx, op) && !newInThisPhase(ctx, op)).map((op) => {
      const rebuild = op.details.rebuild;
      if (rebuild) return hit(op, rebuildMessage(rebuild), { severity: rebuild.columnsKnown ? 'info' : 'warning' });
      if (op.details.droppedBy) {
        const also = op.details.droppedAlso ? `, and ${op.details.droppedAlso}` : '';
        return hit(op, `${op.details.droppedBy} also drops the extension's table ${qualified(op)} and every row in it${also}.${protection(ctx, op, 'drop-table')}`, guardedSeverity(op));
      }
      const engine = op.details.engine && storesNoRows(op.details.engine);
      // The engine's name only: its arguments may hold a password (ENGINE = PostgreSQL('host', 'db', 't', 'user', 'secret')).
      if (engine) return hit(op, `Drops ClickHouse table ${qualified(op)} (ENGINE = ${engine.name}): ${engine.why}.`, { severity: engine.severity });
      if (dropsNothing(ctx, op)) {
        const where = ctx.facts?.db ? ' and the database does not have it' : '';
        return hit(op, `No earlier migration creates ${qualified(op)}${where}, so DROP ... IF EXISTS finds nothing to drop here.`, { severity: 'info' });
      }
      return hit(op, `Drops ${op.table ? `table ${qualified(op)}` : qualified(op)} and every row in it.${autogenNote(ctx, op)}${dynamicNote(op)}${protection(ctx, op, 'drop-table')}`, guardedSeverity(op));
    });
  },
};

/** The DROP of a table rebuild (SQLite's way to change a table) keeps the rows its copy moved over. */
function rebuildMessage(rebuild: NonNullable<OpDetails['rebuild']>): string {
  const base = `Drops the old ${rebuild.table} as part of a table rebuild: its rows were copied into ${rebuild.copy}, which is then renamed to ${rebuild.table}.`;
  return rebuild.columnsKnown
    ? `${base} Columns the copy leaves out are reported as drop-column.`
    : `${base} The columns ${rebuild.table} had before are not known (no CREATE TABLE for it in this file or in earlier migrations), so a column the copy leaves out would be lost without a warning: check the INSERT ... SELECT lists every column.`;
}

// ClickHouse engines whose tables keep no rows of their own (https://clickhouse.com/docs/engines/table-engines/special).
const EXTERNAL = new Set(['mysql', 'postgresql', 'mongodb', 's3', 'url', 'hdfs', 'jdbc', 'odbc', 'dictionary', 'azureblobstorage', 'deltalake', 'iceberg', 'hudi', 'redis', 'sqlite']);
const STREAMS = new Set(['kafka', 'rabbitmq', 'nats', 'redisstreams']);

/** What dropping a table of this engine loses, when it is less than every row in it. */
function storesNoRows(engine: string): { name: string; why: string; severity: 'info' | 'warning' } | undefined {
  const written = engine.replace(/\(.*$/s, '').trim();
  const why = noRowsReason(written.toLowerCase(), engine);
  return why && { name: written, ...why };
}

function noRowsReason(name: string, engine: string): { why: string; severity: 'info' | 'warning' } | undefined {
  if (name === 'null') return { why: 'a Null table discards whatever is written to it (materialized views read the inserts), so it holds no rows to lose', severity: 'info' };
  if (name === 'merge') return { why: 'a Merge table only reads the tables it names, which keep their rows', severity: 'info' };
  // Buffer(db, table, ...) flushes to its destination when dropped; with an empty destination it only drops what it holds.
  if (name === 'buffer' && !/^buffer\s*\(\s*[^,]*,\s*''/i.test(engine)) return { why: 'a Buffer table flushes the rows it holds to its destination table when dropped', severity: 'info' };
  if (STREAMS.has(name)) return { why: 'it reads a message stream, whose messages stay in the broker', severity: 'info' };
  if (EXTERNAL.has(name)) return { why: 'its rows live in the external source it reads, which DROP TABLE leaves alone', severity: 'info' };
  if (name === 'distributed') {
    return { why: "a Distributed table stores no rows of its own (they are in the shards' tables), but inserts it has queued for the shards and not sent yet are lost: check none are pending (system.distribution_queue)", severity: 'warning' };
  }
  return undefined;
}
