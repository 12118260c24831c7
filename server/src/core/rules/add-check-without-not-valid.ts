import type { Rule } from './types';
import { createdEarlier, hit, opsOf } from './util';

export const addCheckWithoutNotValid: Rule = {
  id: 'add-check-without-not-valid',
  category: 'locking',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Adding a CHECK constraint scans the whole table under an ACCESS EXCLUSIVE lock.',
    why: 'Reads and writes wait until every row has been checked.',
    fix: 'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate step.',
  },
  check(ctx) {
    if (ctx.options.dialect !== 'postgres') return [];
    return opsOf(ctx, 'add-constraint')
      .filter((op) => op.details.constraintType === 'check' && !op.details.notValid && !createdEarlier(ctx, op))
      .map((op) => hit(op, `Adds check constraint ${op.details.constraintName ?? ''} on ${op.table ?? 'the table'} without NOT VALID: the table is locked while every row is checked.`.replace('  ', ' ')));
  },
};
