import type { Rule } from './types';
import { createdEarlier, hit, opsOf } from './util';

export const addForeignKeyWithoutNotValid: Rule = {
  id: 'add-foreign-key-without-not-valid',
  category: 'locking',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Adding a foreign key validates every row while blocking writes to both tables.',
    why: 'PostgreSQL scans the whole table under a SHARE ROW EXCLUSIVE lock on it and the referenced table.',
    fix: 'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate step, which does not block writes.',
  },
  check(ctx) {
    if (ctx.options.dialect !== 'postgres') return [];
    return opsOf(ctx, 'add-constraint')
      .filter((op) => op.details.constraintType === 'foreign-key' && !op.details.notValid && !createdEarlier(ctx, op))
      .map((op) => hit(op, `Adds foreign key ${op.details.constraintName ?? ''} on ${op.table ?? 'the table'} without NOT VALID: every row is checked while writes to both tables wait.`.replace('  ', ' ')));
  },
};
