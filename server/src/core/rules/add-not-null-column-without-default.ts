import type { Rule } from './types';
import { columnRef, createdEarlier, hit, opsOf } from './util';

export const addNotNullColumnWithoutDefault: Rule = {
  id: 'add-not-null-column-without-default',
  category: 'compat',
  defaultSeverity: 'error',
  docs: {
    summary: 'Adding a NOT NULL column without a default fails on any table that has rows.',
    why: 'Existing rows would get NULL in a column that forbids it, so the database rejects the statement; old code inserting rows without the column fails too.',
    fix: 'Give the column a server default, or add it nullable, backfill it, then set NOT NULL.',
  },
  check(ctx) {
    return opsOf(ctx, 'add-column')
      .filter((op) => op.details.nullable === false && !op.details.hasDefault && !createdEarlier(ctx, op))
      .map((op) => hit(op, `Adds ${columnRef(op)} as NOT NULL with no default: this fails if ${op.table ?? 'the table'} has any rows, and inserts from code that does not set it fail.`));
  },
};
