import { preflightOf } from '../preflight/attach';
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
    const live = preflightOf(ctx).byOp;
    return opsOf(ctx, 'update-rows')
      .filter((op) => !newInThisPhase(ctx, op))
      .flatMap((op) => {
        if (!op.details.hasWhere) return [hit(op, `Updates every row of ${qualified(op)}; the values it overwrites are lost.${dynamicNote(op)}${protection(ctx, op, 'update-rows-without-where')}`)];
        // With a WHERE the update is not this rule's concern, but the rows preflight counted for it are
        // worth seeing next to the statement (the verdict is added to the message).
        return live.get(op)?.result ? [hit(op, `Updates the rows its WHERE selects in ${qualified(op)}.`, { severity: 'info' })] : [];
      });
  },
};
