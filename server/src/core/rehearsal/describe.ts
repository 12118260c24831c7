// Sentences about a rehearsal, shared by the three rules that report it and the rehearse command's summary.

import type { Rehearsal, ObjectRef } from './types';

export function where(r: Rehearsal): string {
  const rows = r.rowsPerTable > 0 ? `, with ${r.rowsPerTable} synthetic row${r.rowsPerTable === 1 ? '' : 's'} per table` : '';
  return `rehearsed on ${r.ranOn}, starting from ${r.startedFrom}${rows}`;
}

const SHOWN = 8;

/** `view public.active, constraint public.orders.orders_user_id_fkey`, at most eight, then how many more. */
export function listObjects(objects: ObjectRef[]): string {
  const shown = objects.slice(0, SHOWN).map((o) => `${o.kind} ${o.name}`).join(', ');
  return objects.length > SHOWN ? `${shown} and ${objects.length - SHOWN} more` : shown;
}

/** `public.users (3 rows)`, in table order. */
export function listRows(rows: Record<string, number>): string {
  return Object.keys(rows)
    .sort()
    .map((t) => `${t} (${rows[t]} row${rows[t] === 1 ? '' : 's'})`)
    .join(', ');
}

/** The rehearsal that covers `path`, as the up file or as its separate down file. */
export function rehearsalFor(rehearsals: Record<string, Rehearsal> | undefined, path: string): Rehearsal | undefined {
  return rehearsals && Object.hasOwn(rehearsals, path) ? rehearsals[path] : undefined;
}
