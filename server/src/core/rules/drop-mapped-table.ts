import { autogenerateInUse, modelsForTable } from '../facts';
import { isDownPhase, type Operation } from '../ops';
import type { Rule, RuleContext } from './types';
import { columnCopiedBack, columnRef, dropsNothing, hit, newInThisPhase, opsOf, qualified } from './util';

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
      // After the migration the model's table or column is there again: drop-table or drop-column tell of the data.
      .filter((op) => !recreatedLater(ctx, op) && !(op.kind === 'drop-column' && columnCopiedBack(ctx, op)))
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

/** Where each table or column is last created, by phase, table and column; built once per file. */
const LAST_CREATED = new WeakMap<RuleContext['result'], Map<string, number>>();

/** Dropped and then created again later in the same phase (a drop-and-recreate): the model finds it there afterwards. */
function recreatedLater(ctx: RuleContext, op: Operation): boolean {
  let created = LAST_CREATED.get(ctx.result);
  if (!created) {
    created = new Map();
    for (const o of ctx.result.ops) {
      if (o.kind === 'create-table' && o.table) created.set(`${o.phase}\0${o.table}\0`, o.range.start);
      else if (o.kind === 'add-column' && o.table && o.column) created.set(`${o.phase}\0${o.table}\0${o.column}`, o.range.start);
    }
    LAST_CREATED.set(ctx.result, created);
  }
  const at = created.get(`${op.phase}\0${op.table}\0${op.kind === 'drop-column' ? op.column ?? '' : ''}`);
  return at !== undefined && at > op.range.start;
}
