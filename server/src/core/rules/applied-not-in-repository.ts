import { appliedKey } from '../applied/state';
import type { Rule } from './types';

export const appliedNotInRepository: Rule = {
  id: 'applied-not-in-repository',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The database has run migrations that no file in the repository holds: it is ahead of the code.',
    why: 'Someone applied migrations from another branch, or deleted an applied migration. A new migration written on this code builds on a history the database does not have: autogenerate may undo the missing changes, and the tool may refuse to run or run the wrong thing.',
    fix: 'Pull or check out the branch that has these migrations before adding or changing any; if a file was deleted on purpose, restore it.',
  },
  check(ctx) {
    const facts = ctx.facts?.applied;
    const missing = facts?.missing[appliedKey(facts, ctx.path, ctx.options)];
    if (!missing) return [];
    const firstLine = ctx.index.lineCount > 0 ? ctx.index.lineEnd(0) : 0;
    const n = missing.ids.length;
    const shown = missing.ids.slice(0, 5).join(', ') + (n > 5 ? ` and ${n - 5} more` : '');
    return [
      {
        range: { start: 0, end: firstLine },
        message: `${missing.source} records ${n === 1 ? 'a migration' : `${n} migrations`} as applied that no file in this repository holds (${shown}): the database is ahead of this code. Pull or check out the branch that has ${n === 1 ? 'it' : 'them'} before adding a migration after this one.`,
      },
    ];
  },
};
