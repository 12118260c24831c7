import type { HistoryTool } from '../applied/history';
import { appliedKey } from '../applied/state';
import type { Rule } from './types';

// What each tool does with a migration older than the newest one it has run.
const CONSEQUENCE: Partial<Record<HistoryTool, string>> = {
  django: 'Django runs it after the later ones, and refuses to migrate at all (InconsistentMigrationHistory) if an applied migration depends on it',
  flyway: 'Flyway refuses to migrate (validate reports a resolved migration that was not applied) unless outOfOrder is on, and then runs it after the later ones',
  goose: 'goose refuses to run it unless --allow-missing is given',
  'golang-migrate': 'golang-migrate never runs it',
  dbmate: 'dbmate runs it after the later ones',
  diesel: 'diesel runs it after the later ones',
  prisma: 'prisma migrate deploy runs it after the later ones',
};

export const pendingOutOfOrder: Rule = {
  id: 'pending-out-of-order',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A migration that has not run sorts before one that has.',
    why: 'It was usually written on a branch that merged late. Depending on the tool it runs after migrations that came later than it (dbmate, Django), is refused (Flyway without outOfOrder, goose without --allow-missing) or is never run at all (golang-migrate), and code that expects its change breaks.',
    fix: 'Rename it so it sorts after the newest applied migration (and check it does not depend on running earlier), or enable the tool\'s out-of-order mode deliberately.',
  },
  check(ctx) {
    const facts = ctx.facts?.applied;
    const late = facts?.outOfOrder[appliedKey(facts, ctx.path, ctx.options)];
    if (!late) return [];
    const firstLine = ctx.index.lineCount > 0 ? ctx.index.lineEnd(0) : 0;
    const newest = late.newest.split('/').pop();
    const consequence = (late.tool && CONSEQUENCE[late.tool]) ?? 'depending on the tool it runs after the later ones, is refused, or never runs';
    return [
      {
        range: { start: 0, end: firstLine },
        message: `This migration has not run yet (per ${late.source}), but it sorts before ${newest}, which has: ${consequence}. Give it a name that sorts after ${newest}, unless it must run before it.`,
      },
    ];
  },
};
