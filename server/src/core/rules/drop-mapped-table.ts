import { autogenerateInUse, modelsForTable } from '../facts';
import { isDownPhase } from '../ops';
import type { Rule } from './types';
import { columnRef, dropsNothing, hit, newInThisPhase, opsOf, qualified } from './util';

export const dropMappedTable: Rule = {
  id: 'drop-mapped-table',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Drops a table that a model in the project still maps, or a column a model still declares.',
    why: 'The application reads and writes the table through that model, so every query on it fails as soon as the drop runs, and the rows are gone with it.',
    fix: 'Delete the drop (the "Remove the drop" fix does it, with the downgrade step that re-creates the table). If the table really is obsolete, delete the model in the same change first, then drop the table in a later release.',
  },
  check(ctx) {
    const facts = ctx.facts;
    const index = facts?.models;
    if (!index) return [];
    return opsOf(ctx, 'drop-table', 'drop-column')
      .filter((op) => op.table !== undefined && !op.details.rebuild && !isDownPhase(op.phase) && !newInThisPhase(ctx, op) && !dropsNothing(ctx, op))
      .flatMap((op) => {
        const models = modelsForTable(index, op.table as string, op.schema, facts?.db?.defaultSchema);
        if (op.kind === 'drop-column') {
          // Only a column the class declares itself counts: one from a mixin is not in the index.
          const m = op.column === undefined ? undefined : models.find((x) => x.columns?.includes(op.column as string));
          if (!m) return [];
          return [hit(op, `Drops column ${columnRef(op)}, which model ${m.name} in ${m.file} still declares: the application breaks on its first query through that model, and the values are gone. Delete this drop; if the column is really obsolete, remove it from the model first and drop it in a later release.`)];
        }
        if (models.length === 0) return [];
        // A model env.py cannot see is model-not-on-metadata's finding: the cause there is the missing import.
        if (autogenerateInUse(index) && !models.some((m) => m.reachable)) return [];
        const m = models.find((x) => x.reachable) ?? models[0];
        const others = models.length > 1 ? ` (and ${models.length - 1} more model${models.length > 2 ? 's' : ''})` : '';
        return [hit(op, `Drops table ${qualified(op)}, which model ${m.name} in ${m.file}${others} still maps: the application breaks on its first query through that model, and the rows are gone. Delete this drop; if the table is really obsolete, delete the model first and drop the table in a later release.`)];
      });
  },
};
