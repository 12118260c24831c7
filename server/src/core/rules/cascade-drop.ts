import { listObjects, listRows, rehearsalFor, theStatement, where } from '../rehearsal/describe';
import type { Rule } from './types';

export const cascadeDrop: Rule = {
  id: 'cascade-drop',
  category: 'data-loss',
  defaultSeverity: 'error',
  docs: {
    summary: 'Rehearsing the migration showed a statement dropping objects the migration never names: what CASCADE (or a dependent type or table) took with it.',
    why: 'DROP TABLE ... CASCADE and DROP TYPE ... CASCADE silently drop the views, foreign keys and columns of other tables that depend on the object. Reading the migration does not show them; only the database knows, and the data in a dropped column is gone.',
    fix: 'Drop each dependent object explicitly (DROP VIEW, ALTER TABLE ... DROP CONSTRAINT, DROP COLUMN) so the review sees it, and drop CASCADE; or keep the dependents by changing them first.',
  },
  check(ctx) {
    const r = rehearsalFor(ctx.facts?.rehearsals, ctx.path);
    if (!r) return [];
    return r.statements
      .filter((s) => s.path === ctx.path && s.cascaded.length > 0)
      .map((s) => {
        const rows = Object.keys(s.rowsRemoved).length > 0 ? ` It removed ${listRows(s.rowsRemoved)}.` : '';
        return {
          range: { start: s.start, end: s.end },
          phase: s.phase,
          message: `${theStatement(r, s)} also dropped ${listObjects(s.cascaded)}, which the migration never names (${where(r)}).${rows} Drop them explicitly, or remove CASCADE.`,
        };
      });
  },
};
