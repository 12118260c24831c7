import type { Rule } from './types';

export const parseError: Rule = {
  id: 'parse-error',
  category: 'health',
  defaultSeverity: 'error',
  docs: {
    summary: 'Part of this file could not be read, so destructive operations in it may be missed.',
    why: 'Migration Guard never skips a file silently: what it cannot parse, it cannot check.',
    fix: 'Fix the syntax error, or review the reported part by hand and acknowledge it.',
  },
  check(ctx) {
    return ctx.result.problems.map((p) => ({ range: p.range, message: p.message, ...(p.severity ? { severity: p.severity } : {}) }));
  },
};
