import type { Operation, PhaseInfo } from '../ops';
import { isDownPhase } from '../ops';
import { DATA_LOSS_KINDS } from './data-loss-kinds';
import type { Rule, RuleContext, RuleHit } from './types';
import { columnCopiedBack, dropsNothing, hit, newInThisPhase, opsOf, qualified } from './util';

/** The downgrade brings the table or column back: creates it again, or renames another one to its name. */
function restores(down: Operation[], op: Operation): boolean {
  if (op.kind === 'drop-table') {
    return down.some((d) => (d.kind === 'create-table' || d.kind === 'rename-table') && (d.kind === 'create-table' ? d.table : d.details.newName) === op.table);
  }
  return down.some(
    (d) =>
      (d.kind === 'add-column' && d.table === op.table && d.column === op.column) ||
      (d.kind === 'rename-column' && d.table === op.table && d.details.newName === op.column) ||
      (d.kind === 'create-table' && d.table === op.table),
  );
}

/**
 * Django reverses schema operations itself (a RemoveField's reverse adds the column back); what it cannot
 * reverse is a RunSQL without reverse_sql or a RunPython without reverse_code.
 */
function djangoIrreversible(ctx: RuleContext): RuleHit[] {
  return ctx.result.ops
    .filter((op) => op.details.noReverse && !isDownPhase(op.phase) && DATA_LOSS_KINDS.includes(op.kind) && !(op.kind === 'update-rows' && op.details.hasWhere))
    .map((op) => {
      const missing = op.details.noReverse === 'RunSQL' ? 'reverse_sql' : 'reverse_code';
      return hit(op, `This ${op.details.noReverse} has no ${missing}, so Django refuses to roll the migration back (IrreversibleError), and what it destroys in ${qualified(op)} cannot be brought back by a rollback.`);
    });
}

function downPhase(ctx: RuleContext): PhaseInfo | undefined {
  return ctx.result.phases.find((p) => isDownPhase(p.phase));
}

export const irreversibleDowngrade: Rule = {
  id: 'irreversible-downgrade',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The upgrade drops a table or column that the downgrade does not bring back.',
    why: 'A rollback after this migration leaves the schema without the dropped object, so the previous release of the code fails too.',
    fix: 'Make the downgrade recreate the dropped table or column (and restore its data from a backup table if you kept one).',
  },
  check(ctx) {
    if (ctx.result.framework === 'django') return djangoIrreversible(ctx);
    // Plain SQL files (Flyway, golang-migrate) keep their down migrations in other files: nothing to compare here.
    if (ctx.result.framework === 'sql' && !downPhase(ctx)) return [];
    const down = downPhase(ctx);
    const downOps = ctx.result.ops.filter((o) => isDownPhase(o.phase));
    return opsOf(ctx, 'drop-table', 'drop-column')
      // A rebuild's DROP TABLE leaves the table in place (its copy takes the name); what it loses is a drop-column.
      // Nor does copy-drop-rename of a column: the copy takes the old column's name and values.
      .filter((op) => !isDownPhase(op.phase) && op.table !== undefined && !newInThisPhase(ctx, op) && !(op.kind === 'drop-table' && op.details.rebuild) && !columnCopiedBack(ctx, op) && !dropsNothing(ctx, op))
      .flatMap((op) => {
        const what = op.kind === 'drop-table' ? `table ${qualified(op)}` : `column ${op.table}.${op.column ?? '?'}`;
        if (!down) return [hit(op, `There is no downgrade, so a rollback cannot bring back ${what}.`)];
        if (down.raises) return [hit(op, `The downgrade refuses to run, so a rollback cannot bring back ${what}.`)];
        if (down.empty) return [hit(op, `The downgrade does nothing, so a rollback cannot bring back ${what}.`)];
        if (!restores(downOps, op)) return [hit(op, `The downgrade does not recreate ${what}.`)];
        return [];
      });
  },
};
