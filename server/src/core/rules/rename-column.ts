import type { Rule } from './types';
import { columnRef, hit, opsOf, restoresCopiedColumn, reversesOwnUpgrade } from './util';

export const renameColumn: Rule = {
  id: 'rename-column',
  category: 'compat',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Renaming a column breaks code that still uses the old name.',
    why: 'During a rolling deploy the old release keeps reading and writing the old column name and fails.',
    fix: 'Add the new column, write to both, backfill, switch readers, then drop the old column in a later release.',
  },
  check(ctx) {
    return opsOf(ctx, 'rename-column').filter((op) => !reversesOwnUpgrade(ctx, op) && !restoresCopiedColumn(ctx, op)).map((op) =>
      hit(op, `Renames ${columnRef(op)} to ${op.details.newName ?? '(a name computed at run time)'}; code still using the old name fails until it is deployed.`),
    );
  },
};
