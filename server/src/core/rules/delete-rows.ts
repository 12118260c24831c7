import type { Rule } from './types';
import { dynamicNote, hit, newInThisPhase, opsOf, protection, qualified } from './util';

export const deleteRows: Rule = {
  id: 'delete-rows',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'DELETE in a migration removes rows; without a WHERE clause it removes all of them.',
    why: 'Data deleted by a migration is not restored by its downgrade.',
    fix: 'Add a WHERE clause that names exactly the rows to remove, and copy them elsewhere first if they may be needed.',
  },
  check(ctx) {
    return opsOf(ctx, 'delete-rows').filter((op) => !newInThisPhase(ctx, op)).map((op) => {
      // A WHERE clause, a join (MySQL's DELETE ... JOIN), a MERGE's ON condition or an ORM filter picks the rows.
      const scope = op.details.hasWhere ? 'the rows its conditions select' : 'every row';
      const severity = op.guard ? 'info' : op.details.hasWhere ? 'warning' : undefined;
      return hit(op, `Deletes ${scope} from ${qualified(op)}.${dynamicNote(op)}${protection(ctx, op, 'delete-rows')}`, severity ? { severity } : {});
    });
  },
};
