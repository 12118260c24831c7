import type { Rule } from './types';
import { createdEarlier, hit, opsOf } from './util';

export const createIndexNonConcurrently: Rule = {
  id: 'create-index-non-concurrently',
  category: 'locking',
  defaultSeverity: 'warning',
  docs: {
    summary: 'CREATE INDEX without CONCURRENTLY blocks writes to the table until the index is built.',
    why: 'On a large table the build takes minutes, and every INSERT, UPDATE and DELETE waits for it.',
    fix: 'Use CREATE INDEX CONCURRENTLY (op.create_index(..., postgresql_concurrently=True) inside an autocommit_block).',
  },
  check(ctx) {
    if (ctx.options.dialect !== 'postgres') return [];
    return opsOf(ctx, 'create-index')
      .filter((op) => !op.details.concurrently && !createdEarlier(ctx, op))
      .map((op) => hit(op, `Builds index ${op.details.indexName ?? ''} on ${op.table ?? 'the table'} without CONCURRENTLY: writes to ${op.table ?? 'the table'} are blocked until it finishes.`.replace('  ', ' ')));
  },
};
