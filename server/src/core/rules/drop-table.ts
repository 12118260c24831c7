import type { Rule } from './types';
import { autogenNote, dynamicNote, guardedSeverity, hit, opsOf, protection, qualified, undoesOwnUpgrade } from './util';

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
    return opsOf(ctx, 'drop-table').filter((op) => !undoesOwnUpgrade(ctx, op)).map((op) =>
      hit(op, `Drops ${op.table ? `table ${qualified(op)}` : qualified(op)} and every row in it.${autogenNote(op)}${dynamicNote(op)}${protection(ctx, op, 'drop-table')}`, guardedSeverity(op)),
    );
  },
};
