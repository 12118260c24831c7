import { autogenerateInUse, ignoredByAutogenerate, modelsForTable, tableFact } from '../facts';
import { isDownPhase } from '../ops';
import type { Rule } from './types';
import { createdEarlier, dropsNothing, hit, opsOf, qualified } from './util';

export const dropUnmappedTable: Rule = {
  id: 'drop-unmapped-table',
  category: 'process',
  defaultSeverity: 'error',
  docs: {
    summary: 'Drops a table that exists but has no model: what autogenerate emits for a table it does not know.',
    why: 'Autogenerate compares the database with the models and drops every table without one, so a table written by hand-made SQL, another service or a missing model is deleted with all its rows.',
    fix: 'If the table is still used, add a model for it (the "Generate model" fix writes one from the live columns) and delete the drop; if it is really obsolete, back it up and acknowledge the drop with a reason.',
  },
  check(ctx) {
    const facts = ctx.facts;
    const index = facts?.models;
    if (!autogenerateInUse(index)) return [];
    return opsOf(ctx, 'drop-table')
      .filter((op) => op.table !== undefined && !isDownPhase(op.phase) && !createdEarlier(ctx, op) && !dropsNothing(ctx, op))
      .filter((op) => {
        const table = op.table as string;
        if (ignoredByAutogenerate(index, table, op.schema)) return false;
        // A database that does not have the table loses nothing here; without one, the drop says it exists.
        if (facts?.db && !tableFact(facts, table, op.schema)) return false;
        return modelsForTable(index, table, op.schema, facts?.db?.defaultSchema).length === 0;
      })
      .map((op) =>
        hit(op, `Drops table ${qualified(op)}, which no model maps: autogenerate treats a table without a model as an orphan and emits exactly this drop. If the table is still used, add a model for it ("Generate model") and delete the drop; if it is obsolete, acknowledge it with \`migration-guard: allow drop-unmapped-table -- <reason>\`.`),
      );
  },
};
