import type { Rule } from './types';
import { hit, opsOf, qualified, reversesOwnUpgrade } from './util';

export const renameTable: Rule = {
  id: 'rename-table',
  category: 'compat',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Renaming a table breaks every running instance of the code that uses the old name.',
    why: 'During a rolling deploy the old release keeps querying the old name and fails until it is replaced.',
    fix: 'Create the new table (or a view with the new name), move readers and writers over, then drop the old name in a later release.',
  },
  check(ctx) {
    // Renaming a rebuilt copy back to the original name leaves the name code uses unchanged.
    return opsOf(ctx, 'rename-table').filter((op) => !op.details.rebuild && !reversesOwnUpgrade(ctx, op)).map((op) =>
      hit(op, `Renames ${qualified(op)} to ${op.details.newName ?? '(a name computed at run time)'}; code still using the old name fails until it is deployed.`),
    );
  },
};
