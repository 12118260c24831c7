import type { Operation } from '../ops';
import type { Rule } from './types';
import { columnRef, hit, newInThisPhase, opsOf, protection } from './util';

// Conversions that keep every value; they still rewrite the table, so they stay visible as warnings.
const LOSSLESS_TARGET = /^(?:text|varchar|character varying|sa\.text|text\(\)|unicodetext(?:\(\))?|bigint|biginteger(?:\(\))?|int8|numeric|jsonb)$/i;

/** Frontends that know the old type say whether the change widens it; otherwise the target type alone can tell. */
function isLossless(op: Operation): boolean {
  // `USING NULL`, `USING CASE ... ELSE NULL END`: what the expression does to the values decides, not the type.
  if (op.details.valuesConverted) return false;
  if (op.details.lossless) return true;
  const type = (op.details.newType ?? '').replace(/\s+/g, ' ').trim();
  return LOSSLESS_TARGET.test(type);
}

export const alterColumnType: Rule = {
  id: 'alter-column-type',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Changing a column type can truncate or reject existing values and rewrites the table.',
    why: 'A narrower type cuts or fails on existing values; most type changes rewrite the whole table under an ACCESS EXCLUSIVE lock.',
    fix: 'Add a new column of the new type, backfill it in batches, switch the code over, then drop the old column.',
  },
  check(ctx) {
    return opsOf(ctx, 'alter-column')
      .filter((op) => op.details.newType !== undefined && !newInThisPhase(ctx, op))
      .map((op) => {
        if (op.details.previousUnknown) {
          return hit(
            op,
            `Declares ${columnRef(op)} as ${op.details.newType}, but its previous definition was not found in the earlier migrations, so whether the column type really changes could not be checked. If it does, existing values that do not fit are cut or make the migration fail.`,
            { severity: 'warning' },
          );
        }
        const lossless = isLossless(op);
        const loss = op.details.valuesConverted
          ? 'each value becomes what its USING expression makes of it, so values it does not carry over are lost'
          : 'existing values that do not fit are cut or make the migration fail';
        const message = lossless
          ? `Changes the type of ${columnRef(op)} to ${op.details.newType}; values are kept, but the table is rewritten under an exclusive lock.`
          : `Changes the type of ${columnRef(op)} to ${op.details.newType}; ${loss}, and the table is rewritten.${protection(ctx, op, 'alter-column-type')}`;
        return hit(op, message, lossless ? { severity: 'warning' } : {});
      });
  },
};
