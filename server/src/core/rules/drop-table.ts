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
      if (dropsNothing(ctx, op)) {
        const where = ctx.facts?.db ? ' and the database does not have it' : '';
        return hit(op, `No earlier migration creates ${qualified(op)}${where}, so DROP ... IF EXISTS finds nothing to drop here.`, { severity: 'info' });
      }
      return hit(op, `Drops ${op.table ? `table ${qualified(op)}` : qualified(op)} and every row in it.${autogenNote(op)}${dynamicNote(op)}${protection(ctx, op, 'drop-table')}`, guardedSeverity(op));
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
