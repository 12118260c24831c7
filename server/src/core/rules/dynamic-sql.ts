import { isDownPhase } from '../ops';
import type { Rule } from './types';
import { hit, opsOf } from './util';

const DESTRUCTIVE = /\b(?:drop|truncate|delete|alter)\b/i;

export const dynamicSql: Rule = {
  id: 'dynamic-sql',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'SQL built at run time cannot be checked before it runs.',
    why: 'Migration Guard reads migrations without running them; SQL assembled from variables, f-strings or EXECUTE could do anything.',
    fix: 'Write the SQL as a literal string, or acknowledge it with a reason after reading what it does.',
  },
  check(ctx) {
    return opsOf(ctx, 'dynamic-sql').map((op) => {
      const sql = op.details.sql?.trim();
      // A rollback's data loss is info (see downgradeSeverity); its unreadable SQL stays a warning.
      const destructive = sql !== undefined && DESTRUCTIVE.test(sql) && !isDownPhase(op.phase);
      const shown = sql ? ` It looks like: ${sql.length > 80 ? `${sql.slice(0, 77)}...` : sql}` : '';
      return hit(op, `This SQL cannot be read statically: ${op.details.reason ?? 'it is built at run time'}.${shown}`, destructive ? { severity: 'error' } : {});
    });
  },
};
