import type { Rule } from './types';
import { hit, opsOf, reversesOwnUpgrade } from './util';

export const dropIndex: Rule = {
  id: 'drop-index',
  category: 'compat',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Dropping an index can make queries that used it slow, and a unique index stops enforcing uniqueness.',
    why: 'Without CONCURRENTLY the drop also takes an ACCESS EXCLUSIVE lock on the table.',
    fix: 'Check the index is unused (pg_stat_user_indexes.idx_scan); on PostgreSQL use DROP INDEX CONCURRENTLY.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-index').filter((op) => !reversesOwnUpgrade(ctx, op)).map((op) =>
      hit(op, `Drops index ${op.details.indexName ?? '(name computed at run time)'}${op.table ? ` on ${op.table}` : ''}; queries that used it get slower${op.details.concurrently ? '' : ', and the table is locked while it is dropped'}.`),
    );
  },
};
