import { rehearsalFor, theStatement, where } from '../rehearsal/describe';
import type { Rule } from './types';

export const rehearsalFailed: Rule = {
  id: 'rehearsal-failed',
  category: 'health',
  defaultSeverity: 'error',
  docs: {
    summary: 'The statement failed when the migration was rehearsed on a scratch copy of the schema (`migration-guard rehearse`).',
    why: 'A statement that fails on the schema it will meet (a column that already exists, NOT NULL over rows that hold NULL, a type that does not match) stops the deploy halfway; without a transaction, the statements before it stay applied.',
    fix: "Change the statement so it runs on this schema (e.g. fill NULLs before SET NOT NULL, use IF NOT EXISTS only when the existing object is the one you mean), then rehearse again.",
  },
  check(ctx) {
    const r = rehearsalFor(ctx.facts?.rehearsals, ctx.path);
    if (!r) return [];
    return r.statements
      .filter((s) => s.path === ctx.path && s.outcome === 'failed')
      .map((s) => ({
        range: { start: s.error?.offset ?? s.start, end: Math.max(s.end, s.error?.offset ?? s.start) },
        phase: s.phase,
        message: `${theStatement(r, s)} failed: ${s.error?.message ?? 'no message'} (${where(r)}). The ${s.phase === 'down' ? 'down' : 'up'} migration stops here; the statements after it never ran.`,
      }));
  },
};
