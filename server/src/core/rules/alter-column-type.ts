import type { Operation } from '../ops';
import type { Rule, RuleContext } from './types';
import { columnRef, hit, newInThisPhase, opsOf, protection } from './util';

// Conversions that keep every value; they still rewrite the table, so they stay visible as warnings.
const LOSSLESS_TARGET = /^(?:text|varchar|character varying|sa\.text|text\(\)|citext|unicodetext(?:\(\))?|bigint|biginteger(?:\(\))?|int8|numeric|jsonb)$/i;
// `SET TIME ZONE 'UTC'`, `SET timezone = 'UTC'`, `SET SESSION timezone TO UTC`, ...
const SET_TIME_ZONE = /^SET\s+(?:SESSION\s+|LOCAL\s+)?(?:TIME\s+ZONE|timezone)(?:\s*=\s*|\s+TO\s+|\s+)'?([\w/+-]*)'?\s*;?$/i;
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt']);

/**
 * Frontends that know the old type say whether the change widens it; when they do not even know whether
 * the type changes (previousUnknown), that is what is reported; otherwise the target type alone can tell.
 */
function isLossless(op: Operation): boolean {
  // `USING NULL`, `USING CASE ... ELSE NULL END`: what the expression does to the values decides, not the type.
  if (op.details.valuesConverted) return false;
  if (op.details.lossless) return true;
  // uuid -> bigint is no widening, whatever bigint holds.
  if (op.details.previousType !== undefined || op.details.previousUnknown || op.details.sessionZone) return false;
  const type = (op.details.newType ?? '').replace(/\s+/g, ' ').trim();
  return LOSSLESS_TARGET.test(type);
}

/** The time zones the file's SET statements choose, by phase, in order: whether each is UTC. */
function timeZoneSettings(ctx: RuleContext): Map<string, Array<{ at: number; utc: boolean }>> {
  const settings = new Map<string, Array<{ at: number; utc: boolean }>>();
  for (const op of opsOf(ctx, 'other-sql')) {
    const zone = SET_TIME_ZONE.exec(op.details.sql?.trim() ?? '')?.[1];
    if (zone === undefined) continue;
    const list = settings.get(op.phase) ?? [];
    list.push({ at: op.range.start, utc: UTC_NAMES.has(zone.toLowerCase()) });
    settings.set(op.phase, list);
  }
  return settings;
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
    const zones = timeZoneSettings(ctx);
    // The last SET TIME ZONE before the change, in the same phase, says how its values are read.
    const inUtc = (op: Operation) => (zones.get(op.phase) ?? []).filter((s) => s.at < op.range.start).pop()?.utc === true;
    return opsOf(ctx, 'alter-column')
      .filter((op) => op.details.newType !== undefined && !newInThisPhase(ctx, op))
      .map((op) => {
        const converted = op.details.valuesConverted;
        const lossless = isLossless(op) || (!converted && op.details.sessionZone === true && inUtc(op));
        if (lossless) return hit(op, `Changes the type of ${columnRef(op)} to ${op.details.newType}; values are kept, but the table is rewritten under an exclusive lock.`, { severity: 'warning' });
        if (!converted && op.details.sessionZone) {
          return hit(
            op,
            `Changes the type of ${columnRef(op)} to ${op.details.newType}: each existing value is converted through the time zone of the session running the migration, so unless that is UTC every stored time moves by its offset; the table is rewritten. If the values are UTC, say so: USING ${op.column ?? 'the column'} AT TIME ZONE 'UTC', or SET TIME ZONE 'UTC' first.`,
            { severity: 'warning' },
          );
        }
        if (!converted && op.details.jsonNormalised) {
          return hit(
            op,
            `Changes the type of ${columnRef(op)} from json to ${op.details.newType}: every value keeps its meaning, but jsonb keeps only the last of duplicate keys and neither key order nor whitespace, and a value holding \\u0000 makes the migration fail; the table is rewritten.`,
            { severity: 'warning' },
          );
        }
        if (!converted && op.details.previousUnknown) {
          // Django: a relation to a model whose migrations were not read has a key of unknown type.
          const reference = [op.details.newType, op.details.previousType].some((t) => t?.startsWith('reference to '));
          const unknown = reference
            ? 'the type of the key a reference points at was not found in the migrations read'
            : op.details.unknownClass
              ? 'the column type of a field class defined outside Django is not known here'
              : 'its previous definition was not found in the earlier migrations';
          return hit(
            op,
            `Declares ${columnRef(op)} as ${op.details.newType}, but ${unknown}, so whether the column type really changes could not be checked. If it does, existing values that do not fit are cut or make the migration fail.`,
            { severity: 'warning' },
          );
        }
        const removed = op.details.removedLabels;
        if (!converted && removed) {
          const labels = removed.map((l) => `'${l}'`).join(', ');
          return hit(
            op,
            `Changes the type of ${columnRef(op)} to ${op.details.newType}, which has no ${removed.length === 1 ? 'label' : 'labels'} ${labels} of its old type: rows holding ${removed.length === 1 ? 'it' : 'them'} make the migration fail, unless they are rewritten to another value first (and then that value is lost); the table is rewritten.${protection(ctx, op, 'alter-column-type')}`,
          );
        }
        const loss = converted
          ? 'each value becomes what its USING expression makes of it, so values it does not carry over are lost'
          : 'existing values that do not fit are cut or make the migration fail';
        return hit(op, `Changes the type of ${columnRef(op)} to ${op.details.newType}; ${loss}, and the table is rewritten.${protection(ctx, op, 'alter-column-type')}`);
      });
  },
};
