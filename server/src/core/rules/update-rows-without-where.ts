import type { Rule } from './types';
import { dynamicNote, hit, newInThisPhase, opsOf, protection, qualified } from './util';

export const updateRowsWithoutWhere: Rule = {
  id: 'update-rows-without-where',
  category: 'data-loss',
  defaultSeverity: 'warning',
  docs: {
    summary: 'UPDATE without a WHERE clause overwrites a column in every row.',
    why: 'The old values are lost, and on a large table the update holds row locks for a long time.',
    fix: 'Add a WHERE clause (for a backfill, `WHERE col IS NULL`), and batch large backfills.',
  },
  check(ctx) {
    return opsOf(ctx, 'update-rows')
      .filter((op) => !op.details.hasWhere && !newInThisPhase(ctx, op))
      .map((op) => hit(op, `Updates every row of ${qualified(op)}; the values it overwrites are lost.${dynamicNote(op)}${protection(ctx, op, 'update-rows-without-where')}`));
  },
};
