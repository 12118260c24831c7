import type { Rule } from './types';
import { autogenNote, dynamicNote, guardedSeverity, hit, newInThisPhase, opsOf, protection, qualified } from './util';

export const truncate: Rule = {
  id: 'truncate',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'TRUNCATE deletes every row of a table.',
    why: 'TRUNCATE cannot be filtered and takes an ACCESS EXCLUSIVE lock; once committed the rows are gone.',
    fix: 'Delete only the rows that must go, with a WHERE clause, or copy the table first.',
  },
  check(ctx) {
    return opsOf(ctx, 'truncate').filter((op) => op.details.cascade || !newInThisPhase(ctx, op)).map((op) =>
      hit(op, `Truncates ${op.details.reason ?? qualified(op)}: every row ${op.details.reason ? 'in it ' : ''}is deleted.${op.details.cascade ? ' CASCADE also empties every table that references it.' : ''}${autogenNote(ctx, op)}${dynamicNote(op)}${protection(ctx, op, 'truncate')}`, guardedSeverity(op)),
    );
  },
};
