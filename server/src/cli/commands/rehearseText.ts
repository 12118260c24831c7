// The rehearse command's listing after the findings: what ran where, and what each statement did.

import { listObjects, listRows, listValues, where } from '../../core/rehearsal/describe';
import type { Rehearsal, StatementTrace } from '../../core/rehearsal/types';

export function renderRehearsals(rehearsals: Record<string, Rehearsal>): string {
  const seen = new Set<Rehearsal>();
  const out: string[] = [];
  for (const key of Object.keys(rehearsals).sort()) {
    const r = rehearsals[key];
    if (seen.has(r)) continue;
    seen.add(r);
    out.push('', `${r.path}: ${where(r)}`);
    for (const s of r.statements) out.push(statementLine(s));
    const trip = r.roundTrip;
    if (trip) {
      const differs = trip.missing.length + trip.changed.length + trip.extra.length > 0;
      const schema = differs
        ? `schema differs (${[trip.missing.length && `missing ${listObjects(trip.missing)}`, trip.changed.length && `changed ${listObjects(trip.changed)}`, trip.extra.length && `left behind ${listObjects(trip.extra)}`].filter(Boolean).join('; ')})`
        : 'schema restored';
      const rows = Object.keys(trip.rowsLost).length > 0 ? `; rows not back: ${listRows(trip.rowsLost)}` : '';
      const values = trip.valuesLost && Object.keys(trip.valuesLost).length > 0 ? `; values not back: ${listValues(trip.valuesLost)}` : '';
      out.push(`  round trip: ${trip.completed ? '' : 'down migration failed; '}${schema}${rows}${values}`);
    }
    for (const note of r.notes) out.push(`  note: ${note}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

function statementLine(s: StatementTrace): string {
  const head = `  ${s.phase.padEnd(4)} ${s.path}:${s.line}  ${s.excerpt}`;
  if (s.outcome === 'skipped') return `${head}\n         skipped: ${s.skipped ?? ''}`;
  if (s.outcome === 'failed') return `${head}\n         FAILED: ${s.error?.message ?? ''}`;
  const facts: string[] = [];
  if (s.dropped.length > 0) facts.push(`dropped ${listObjects(s.dropped)}`);
  if (s.cascaded.length > 0) facts.push(`of which the migration never names ${listObjects(s.cascaded)}`);
  if (s.changed.length > 0) facts.push(`changed ${listObjects(s.changed)}`);
  if (Object.keys(s.rowsRemoved).length > 0) facts.push(`removed ${listRows(s.rowsRemoved)}`);
  if (s.valuesRemoved) facts.push(`removed values ${listValues(s.valuesRemoved)}`);
  if (s.outsideTransaction) facts.push('ran outside a transaction (as PostgreSQL requires), locks not measured');
  else if (s.locks.length > 0) facts.push(`locks: ${s.locks.map((l) => `${l.mode} on ${l.relation}`).join(', ')}`);
  return facts.length > 0 ? `${head}\n         ${facts.join('; ')}` : head;
}
