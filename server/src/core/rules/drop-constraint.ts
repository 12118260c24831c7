import type { Rule } from './types';
import { hit, opsOf, qualified, reversesOwnUpgrade } from './util';

export const dropConstraint: Rule = {
  id: 'drop-constraint',
  category: 'compat',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Dropping a constraint lets bad data in from then on.',
    why: 'Rows written while the constraint is gone (duplicates, orphans, invalid values) can make it impossible to add back.',
    fix: 'Make sure nothing relies on the constraint; if it is being replaced, add the new one before dropping the old.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-constraint').filter((op) => !reversesOwnUpgrade(ctx, op)).map((op) => {
      const from = op.details.cascadeFrom;
      if (from) {
        return hit(op, `Drops ${from} with CASCADE: every trigger, column default, constraint, index and view that uses it goes too (a column generated from it is dropped with its values), and which ones cannot be read from the migration. Drop those objects by name first, then the ${from.split(' ')[0]} without CASCADE.`);
      }
      return hit(op, `Drops constraint ${op.details.constraintName ?? '(name computed at run time)'} on ${qualified(op)}; rows that break it can be written from now on.`);
    });
  },
};
