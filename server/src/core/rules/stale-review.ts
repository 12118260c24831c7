import * as path from 'node:path';
import { contentHash } from '../review/normalize';
import type { Rule } from './types';

export const staleReview: Rule = {
  id: 'stale-review',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The migration changed after it was signed off, so the sign-off no longer applies.',
    why: 'A sign-off in .migration-review.json covers the exact content that was reviewed. An edit made after it (a new drop, a different table) was never reviewed, and `migration-guard check --require-review` fails on it.',
    fix: 'Review the migration again in the Migration Guard sidebar and sign it off; the new sign-off replaces the old one.',
  },
  check(ctx) {
    const review = ctx.facts?.review;
    // Without sign-offs there is nothing to go stale, and the path arithmetic below is not free per file.
    if (!review || !hasSignoffs(review.signoffs)) return [];
    const base = ctx.options.baseDir ?? process.cwd();
    const key = path.relative(path.resolve(base, review.root), path.resolve(base, ctx.path)).split(path.sep).join('/');
    const signoff = review.signoffs[key];
    if (!signoff || signoff.sha256 === contentHash(ctx.text)) return [];
    const firstLine = ctx.index.lineCount > 0 ? ctx.index.lineEnd(0) : 0;
    return [
      {
        range: { start: 0, end: firstLine },
        message: `${signoff.signedBy} signed this migration off on ${signoff.signedAt.slice(0, 10)}, but it has changed since, so the sign-off no longer applies. Review the changes and sign it off again in the Migration Guard sidebar.`,
      },
    ];
  },
};

/** Whether the ledger signs off any file, found without listing them all. */
function hasSignoffs(signoffs: Record<string, unknown>): boolean {
  for (const key in signoffs) if (Object.hasOwn(signoffs, key)) return true;
  return false;
}
