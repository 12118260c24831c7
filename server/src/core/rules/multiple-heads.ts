import { appliedKey } from '../applied/state';
import type { Rule } from './types';

export const multipleHeads: Rule = {
  id: 'multiple-heads',
  category: 'process',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The Alembic revisions have more than one head.',
    why: 'Two migrations name the same down_revision (two branches each added one). `alembic upgrade head` refuses to run until they are merged, and the order the two run in was never decided.',
    fix: 'Merge them with `alembic merge heads`, or point one revision\'s down_revision at the other when they must run in order.',
  },
  check(ctx) {
    const facts = ctx.facts?.applied;
    if (!facts || facts.heads.length < 2) return [];
    const key = appliedKey(facts, ctx.path, ctx.options);
    if (!facts.heads.includes(key)) return [];
    const others = facts.heads.filter((h) => h !== key).map((h) => h.split('/').pop());
    const firstLine = ctx.index.lineCount > 0 ? ctx.index.lineEnd(0) : 0;
    return [
      {
        range: { start: 0, end: firstLine },
        message: `This revision is one of ${facts.heads.length} heads (also ${others.join(', ')}): "alembic upgrade head" refuses to run until they are merged. Merge them with "alembic merge heads", or point one down_revision at the other.`,
      },
    ];
  },
};
