// One file's place in the applied history, and what that does to its findings: a migration that has
// already run cannot be changed, so its findings are history (hints) and only pending ones demand attention.

import * as path from 'node:path';
import type { Finding } from '../findings';
import type { AnalysisOptions } from '../options';
import { contentHash } from '../review/normalize';
import type { AppliedEntry, AppliedFacts } from './resolve';

export interface AppliedState {
  /** The file has run (and, for a baseline entry, still has the content it ran with). */
  applied?: AppliedEntry;
  /** A baseline entry whose file has changed since: no longer applied, and worth saying so. */
  edited?: AppliedEntry;
}

// The findings about the history itself stay at full strength in an applied file.
const HISTORY_RULES = new Set(['edited-after-apply', 'pending-out-of-order', 'applied-not-in-repository', 'multiple-heads']);

/** The file's path as AppliedFacts keys it (relative to its root, forward slashes). */
export function appliedKey(facts: AppliedFacts, file: string, options: AnalysisOptions): string {
  const base = options.baseDir ?? process.cwd();
  return path.relative(path.resolve(base, facts.root), path.resolve(base, file)).split(path.sep).join('/');
}

interface FileContext {
  path: string;
  text: string;
  options: AnalysisOptions;
  facts?: { applied?: AppliedFacts };
}

// One analysis asks several times (the rules, then the demotion); the content hash is taken once.
const states = new WeakMap<FileContext, AppliedState>();

export function appliedState(ctx: FileContext): AppliedState {
  const facts = ctx.facts?.applied;
  if (!facts) return {};
  let state = states.get(ctx);
  if (!state) {
    const entry = facts.files[appliedKey(facts, ctx.path, ctx.options)];
    if (!entry) state = {};
    else if (entry.sha256 !== undefined && entry.sha256 !== contentHash(ctx.text)) state = { edited: entry };
    else state = { applied: entry };
    states.set(ctx, state);
  }
  return state;
}

/** Marks the findings of an applied migration; in `history` mode (the default) they become hints. */
export function markApplied(findings: Finding[], ctx: FileContext): void {
  const entry = appliedState(ctx).applied;
  if (!entry) return;
  for (const f of findings) {
    if (HISTORY_RULES.has(f.rule)) continue;
    f.applied = entry.at ? { source: entry.source, at: entry.at, severity: f.severity } : { source: entry.source, severity: f.severity };
    if (ctx.options.applied !== 'full') f.severity = 'hint';
  }
}
