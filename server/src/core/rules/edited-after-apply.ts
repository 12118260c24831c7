import { appliedState } from '../applied/state';
import type { Rule } from './types';

export const editedAfterApply: Rule = {
  id: 'edited-after-apply',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A migration recorded as applied in the baseline has changed since.',
    why: 'A migration that already ran is not run again: the databases it ran on keep the old version, while new databases (a fresh environment, a test run) get the edited one, so the schemas drift apart without any error.',
    fix: 'Restore the file and put the change in a new migration. If the edit changes nothing that runs (a comment, formatting), record the new content with `migration-guard baseline`.',
  },
  check(ctx) {
    const edited = appliedState(ctx).edited;
    if (!edited) return [];
    const firstLine = ctx.index.lineCount > 0 ? ctx.index.lineEnd(0) : 0;
    return [
      {
        range: { start: 0, end: firstLine },
        message: `This migration is recorded as applied in ${edited.source}, but its content has changed since: databases it already ran on will not run the edit, and new ones will run something different. Put the change in a new migration and restore this file; if the edit changes nothing that runs, record it again with "migration-guard baseline".`,
      },
    ];
  },
};
