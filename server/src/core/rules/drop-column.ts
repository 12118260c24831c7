import type { Rule } from './types';
import { autogenNote, columnRef, dynamicNote, guardedSeverity, hit, newInThisPhase, opsOf, protection, undoesOwnUpgrade } from './util';

export const dropColumn: Rule = {
  id: 'drop-column',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dropping a column deletes its value in every row.',
    why: 'The values are gone once the migration commits, and code still reading the column breaks.',
    fix: 'Stop reading and writing the column in one release, copy the values somewhere if they matter, then drop it in a later release.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-column').filter((op) => !undoesOwnUpgrade(ctx, op) && !newInThisPhase(ctx, op)).map((op) => {
      const rebuild = op.details.rebuild;
      const how = rebuild
        ? `This rebuild of ${rebuild.table} does not copy ${columnRef(op)} into ${rebuild.copy}, so dropping the old table drops the column and its value in every row.`
        : op.guard?.copiedInto ? `Drops ${columnRef(op)}.` : `Drops ${columnRef(op)} and its value in every row.`;
      return hit(op, `${how}${autogenNote(op)}${dynamicNote(op)}${protection(ctx, op, 'drop-column')}`, guardedSeverity(op));
    });
  },
};
