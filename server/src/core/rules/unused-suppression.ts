import type { Rule } from './types';

/** Computed by the engine after every other rule has run (it needs to know which comments were used). */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  category: 'health',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An allow comment that covers no finding.',
    why: 'A stale allow comment would silently acknowledge a different operation if one is later written below it.',
    fix: 'Delete the comment, or move it to the line above the operation it is meant for.',
  },
  check() {
    return [];
  },
};
