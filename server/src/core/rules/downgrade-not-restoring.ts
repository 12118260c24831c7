import { listObjects, listRows, listValues, rehearsalFor, where } from '../rehearsal/describe';
import type { Rule } from './types';

export const downgradeNotRestoring: Rule = {
  id: 'downgrade-not-restoring',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Rehearsing the migration up and then down did not bring the schema (or its rows) back to where it started.',
    why: 'A rollback is what you run when a deploy goes wrong. One that forgets an index, recreates a table without its constraints, or recreates it empty, leaves production different from the state the code before the deploy expects, usually discovered in the middle of an incident.',
    fix: 'Make the down migration recreate everything the up migration removes (indexes, constraints, views, types), and say in the migration that the rows cannot come back, or restore them from a backup table the up migration keeps.',
  },
  check(ctx) {
    const r = rehearsalFor(ctx.facts?.rehearsals, ctx.path);
    const trip = r?.roundTrip;
    if (!r || !trip || trip.path !== ctx.path) return [];
    const parts: string[] = [];
    if (trip.missing.length > 0) parts.push(`missing ${listObjects(trip.missing)}`);
    if (trip.changed.length > 0) parts.push(`changed ${trip.changed.slice(0, 4).map((c) => `${c.kind} ${c.name} (was "${c.before}", now "${c.after}")`).join(', ')}${trip.changed.length > 4 ? ` and ${trip.changed.length - 4} more` : ''}`);
    if (trip.extra.length > 0) parts.push(`left behind ${listObjects(trip.extra)}`);
    const rows = Object.keys(trip.rowsLost).length > 0 ? ` Rows that did not come back: ${listRows(trip.rowsLost)}.` : '';
    const values = trip.valuesLost && Object.keys(trip.valuesLost).length > 0 ? ` Values that did not come back: ${listValues(trip.valuesLost)}.` : '';
    const lost = rows + values;
    if (parts.length === 0 && !lost) return [];
    const lineEnd = ctx.text.indexOf('\n', trip.start);
    const range = { start: trip.start, end: lineEnd < 0 ? trip.end : Math.min(lineEnd, trip.end) };
    const failed = trip.completed ? '' : ' The down migration failed before its end (see rehearsal-failed).';
    const schema = parts.length > 0 ? ` the schema differs from the start: ${parts.join('; ')}.` : ' the schema is back as it was.';
    return [{ range, phase: 'down', message: `After up and then down, ${where(r)}:${schema}${lost}${failed}` }];
  },
};
