import { lockSentence, preflightOf } from '../preflight/attach';
import type { Rule } from './types';
import { hit } from './util';

export const failsOnCurrentData: Rule = {
  id: 'fails-on-current-data',
  category: 'compat',
  defaultSeverity: 'error',
  docs: {
    summary: "Today's data breaks the operation: NULLs before NOT NULL, duplicates before a unique index, orphans before a foreign key, rows a CHECK rejects, values a narrower type cannot hold, a type a column still uses.",
    why: 'PostgreSQL aborts the migration at this statement (and rolls back the transaction it runs in), so the deploy stops halfway.',
    fix: 'Fix the rows the finding names first (a backfill, a dedup, a cleanup) in an earlier step or migration, or add the constraint NOT VALID and validate it once the data is clean.',
  },
  check(ctx) {
    return preflightOf(ctx).all.flatMap(({ question, result }) => {
      if (result?.verdict === 'will-fail' && question.failsAnyway) {
        return [hit(question.op, `Fails on today's schema: ${result.summary.replace(/^will fail: /, '')}, so PostgreSQL stops the migration at this statement. Change or drop those columns first, in an earlier step or migration.${lockSentence(result)}`)];
      }
      if (result?.verdict === 'will-fail') {
        return [hit(question.op, `Fails on today's data: ${result.summary.replace(/^will fail: /, '')}, so PostgreSQL stops the migration at this statement. Fix those rows first, in an earlier step or migration.${lockSentence(result)}`)];
      }
      // NOT VALID lets the migration through; the rows it leaves behind are worth knowing before VALIDATE.
      if (result?.verdict === 'unchecked-rows') return [hit(question.op, `Does not fail today, but ${result.summary}.`, { severity: 'info' })];
      return [];
    });
  },
};
