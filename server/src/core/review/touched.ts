// The tables a migration changes when it runs forward: what the review checks against the live schema.
// Rollback sections are left out; they run only when the migration is undone.

import { isDownPhase, type Operation } from '../ops';

export type TableChange = 'create' | 'drop' | 'alter';

export interface TouchedTable {
  name: string;
  schema?: string;
  /** What the migration does to it first: a table it creates and then alters is new, not altered. */
  change: TableChange;
}

export function touchedTables(ops: readonly Operation[]): TouchedTable[] {
  const byName = new Map<string, TouchedTable>();
  for (const op of ops) {
    if (!op.table || isDownPhase(op.phase)) continue;
    const key = `${op.schema ?? ''}.${op.table}`;
    if (byName.has(key)) continue;
    const change: TableChange = op.kind === 'create-table' ? 'create' : op.kind === 'drop-table' ? 'drop' : 'alter';
    byName.set(key, op.schema ? { name: op.table, schema: op.schema, change } : { name: op.table, change });
  }
  return [...byName.values()];
}
