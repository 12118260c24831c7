import type { Rule } from './types';
import { columnRef, createdEarlier, hit, opsOf } from './util';

export const volatileDefaultRewrite: Rule = {
  id: 'volatile-default-rewrite',
  category: 'locking',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Adding a column with a volatile default (random(), gen_random_uuid(), clock_timestamp()) rewrites the whole table.',
    why: 'Each row needs its own value, so PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock.',
    fix: 'Add the column without a default, set the default for new rows, and backfill existing rows in batches.',
  },
  check(ctx) {
    if (ctx.options.dialect !== 'postgres') return [];
    return opsOf(ctx, 'add-column')
      .filter((op) => op.details.volatileDefault && !createdEarlier(ctx, op))
      .map((op) => hit(op, `Adds ${columnRef(op)} with a volatile default: the whole table is rewritten while reads and writes wait.`));
  },
};
