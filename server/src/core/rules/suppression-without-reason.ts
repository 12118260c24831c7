import type { Rule } from './types';

export const suppressionWithoutReason: Rule = {
  id: 'suppression-without-reason',
  category: 'health',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An allow comment must say why the operation is safe.',
    why: 'The reason is what the reviewer signs off on; an allow comment without one acknowledges nothing.',
    fix: 'Write the reason after `--`: `# migration-guard: allow drop-table -- replaced by archive.events in #412`.',
  },
  check(ctx) {
    return ctx.result.suppressions
      .filter((s) => s.reason === '' || s.rules.length === 0)
      .map((s) => ({
        range: s.range,
        message: s.rules.length === 0
          ? 'This allow comment names no rule; write "migration-guard: allow <rule-id> -- <reason>".'
          : `This allow comment gives no reason, so it does not acknowledge ${s.rules.join(', ')}; add "-- <why this is safe>".`,
      }));
  },
};
