import type { Rule } from './types';
import { autogenNote, columnRef, dynamicNote, guardedSeverity, hit, opsOf, protection, undoesOwnUpgrade } from './util';

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
    return opsOf(ctx, 'drop-column').filter((op) => !undoesOwnUpgrade(ctx, op)).map((op) =>
      hit(op, `Drops ${columnRef(op)} and its value in every row.${autogenNote(op)}${dynamicNote(op)}${protection(ctx, op, 'drop-column')}`, guardedSeverity(op)),
    );
  },
};
