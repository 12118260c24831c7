import type { Rule } from './types';
import { columnRef, createdEarlier, hit, opsOf } from './util';

export const setNotNull: Rule = {
  id: 'set-not-null',
  category: 'compat',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Making an existing column NOT NULL fails on any NULL and scans the table under an exclusive lock.',
    why: 'The migration aborts if one row holds NULL, and writes are blocked for the length of the scan.',
    fix: 'Backfill the NULLs first; on PostgreSQL add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL.',
  },
  check(ctx) {
    return opsOf(ctx, 'alter-column')
      .filter((op) => op.details.nullable === false && !createdEarlier(ctx, op))
      .map((op) =>
        hit(
          op,
          op.details.fillsNulls
            ? `Makes ${columnRef(op)} NOT NULL after filling its NULLs with the default: every NULL row is updated, and writes wait while the table is scanned.`
            : `Makes ${columnRef(op)} NOT NULL: the migration fails if any row holds NULL, and writes wait while the table is scanned.`,
        ),
      );
  },
};
