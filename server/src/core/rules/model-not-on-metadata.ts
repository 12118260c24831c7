import { autogenerateInUse, modelsForTable } from '../facts';
import { isDownPhase } from '../ops';
import type { Rule } from './types';
import { hit, opsOf, qualified } from './util';

export const modelNotOnMetadata: Rule = {
  id: 'model-not-on-metadata',
  category: 'process',
  defaultSeverity: 'error',
  docs: {
    summary: "A model exists for the dropped table, but nothing env.py imports imports it, so autogenerate cannot see it.",
    why: "A model registers on target_metadata only when its module is imported; autogenerate then finds the table without a model and emits a drop for it, although the model is right there in the code.",
    fix: 'Import the model\'s module where env.py\'s metadata is assembled (usually the models package\'s __init__.py), regenerate the migration, and delete the drop.',
  },
  check(ctx) {
    const facts = ctx.facts;
    const index = facts?.models;
    if (!autogenerateInUse(index)) return [];
    return opsOf(ctx, 'drop-table')
      .filter((op) => op.table !== undefined && !isDownPhase(op.phase))
      .flatMap((op) => {
        const models = modelsForTable(index, op.table as string, op.schema, facts?.db?.defaultSchema);
        if (models.length === 0 || models.some((m) => m.reachable)) return [];
        const m = models[0];
        return [hit(op, `Drops table ${qualified(op)}, but model ${m.name} in ${m.file} maps it: no module imported from ${index.envPy ?? 'env.py'} imports ${m.module}, so autogenerate cannot see the model and takes the table for an orphan. Import ${m.module} where the models are gathered for target_metadata, then delete this drop.`)];
      });
  },
};
