import type { Operation } from '../ops';
import type { Severity } from '../findings';
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
      const special = partitionOrTtl(op);
      if (special) return hit(op, `${special.message}${protection(ctx, op, 'delete-rows')}`, op.guard ? { severity: 'info' } : special.severity ? { severity: special.severity } : {});
      // A WHERE clause, a join (MySQL's DELETE ... JOIN), a MERGE's ON condition or an ORM filter picks the rows.
      const scope = op.details.hasWhere ? 'the rows its conditions select' : 'every row';
      const severity = op.guard ? 'info' : op.details.hasWhere ? 'warning' : undefined;
      return hit(op, `Deletes ${scope} from ${qualified(op)}.${dynamicNote(op)}${protection(ctx, op, 'delete-rows')}`, severity ? { severity } : {});
    });
  },
};

/** Rows that go with a partition (dropped or detached) or expire through a TTL, rather than by a DELETE. */
function partitionOrTtl(op: Operation): { message: string; severity?: Severity } | undefined {
  const { partition, detached, ttl } = op.details;
  const table = qualified(op);
  if (ttl) return { message: `Sets a TTL on ${table}: every row older than it is deleted in the background, soon after the migration runs.`, severity: 'warning' };
  if (partition === undefined) return undefined;
  if (detached) {
    return { message: `Detaches partition ${partition} from ${table}: its rows no longer appear in ${table} (they are kept, detached or in another table, until someone drops them).`, severity: 'warning' };
  }
  return { message: `Drops partition ${partition} of ${table} and every row in it.` };
}
