import type { Rule } from './types';
import { hit, opsOf } from './util';

export const concurrentlyInTransaction: Rule = {
  id: 'concurrently-in-transaction',
  category: 'locking',
  defaultSeverity: 'error',
  docs: {
    summary: 'CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction.',
    why: 'PostgreSQL rejects it with "cannot run inside a transaction block", so the migration fails at deploy time.',
    fix: 'In Alembic, wrap it in `with op.get_context().autocommit_block():`; in goose use `-- +goose NO TRANSACTION`; in dbmate `-- migrate:up transaction:false`.',
  },
  check(ctx) {
    if (ctx.options.dialect !== 'postgres') return [];
    return opsOf(ctx, 'create-index', 'drop-index')
      .filter((op) => op.details.concurrently && op.details.inTransaction)
      .map((op) => hit(op, `${op.kind === 'create-index' ? 'CREATE' : 'DROP'} INDEX CONCURRENTLY runs inside the migration's transaction, where PostgreSQL refuses it: the migration will fail.`));
  },
};
