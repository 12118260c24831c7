import type { Rule } from './types';
import { hit, opsOf, protection } from './util';

export const dropSchema: Rule = {
  id: 'drop-schema',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dropping a schema or a database deletes everything in it.',
    why: 'DROP SCHEMA ... CASCADE and DROP DATABASE remove every table and row they contain in one statement.',
    fix: 'Drop the objects one by one after checking each, or do this by hand outside the migration history.',
  },
  check(ctx) {
    return opsOf(ctx, 'drop-schema', 'drop-database').map((op) => {
      const what = op.kind === 'drop-database' ? 'a whole database' : `schema ${op.schema ?? op.table ?? '(computed at run time)'}${op.details.cascade ? ' with CASCADE' : ''}`;
      return hit(op, `Drops ${what}, with every table and row in it.${protection(ctx, op, 'drop-schema')}`);
    });
  },
};
