import { isDownPhase } from '../ops';
import type { Rule } from './types';
import { hit, opsOf, protection } from './util';

export const dropTypeOrEnumValue: Rule = {
  id: 'drop-type-or-enum-value',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dropping a type or removing an enum value breaks or deletes the data that uses it.',
    why: 'DROP TYPE ... CASCADE drops the columns of that type; deleting from pg_enum leaves rows holding a value that no longer exists.',
    fix: 'Migrate the rows off the value or type first, and check no column still uses it.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-type', 'drop-enum-value').map((op) => {
      if (op.kind === 'drop-enum-value') {
        return hit(op, `Removes enum values by editing pg_enum; rows that still hold them become unreadable.${protection(ctx, op, 'drop-type-or-enum-value')}`);
      }
      const name = op.details.typeName ?? '(name computed at run time)';
      if (op.details.cascade) return hit(op, `Drops type ${name} with CASCADE, which also drops every column of that type.${protection(ctx, op, 'drop-type-or-enum-value')}`);
      // Without CASCADE PostgreSQL refuses to drop a type a column still uses (Prisma's enum swap drops
      // the old type once no column does): the data is safe, so this is only shown, as info.
      return hit(op, `Drops type ${name}; PostgreSQL refuses while a column still uses it, so no rows are lost.${isDownPhase(op.phase) ? ' This runs on rollback.' : ''}`, { severity: 'info' });
    });
  },
};
