// Quick fixes, computed during analysis and carried on each finding, so an editor can offer them without
// analysing again. Every fix is plain text edits at UTF-16 offsets of the analysed text.

import type { Finding, Fix } from '../findings';
import type { Operation } from '../ops';
import type { RuleContext } from '../rules/types';
import { allowFix } from './allow';
import { archiveFix } from './archive';
import { backupFix } from './backup';
import { concurrentlyFix, outsideTransactionFix } from './concurrently';
import { FixContext } from './context';
import { emptinessGuardFix } from './emptinessGuard';
import { notValidFix } from './notValid';
import { removeDropFix } from './removeDrop';

type Builder = (op: Operation, fx: FixContext) => Fix | undefined;

/** Fixes that change the operation itself, by rule; each finds the operation's shape and gives up otherwise. */
const BY_RULE: Record<string, Builder[]> = {
  'drop-table': [emptinessGuardFix, backupFix, archiveFix],
  'drop-column': [emptinessGuardFix, backupFix],
  'drop-mapped-table': [removeDropFix],
  truncate: [backupFix],
  'create-index-non-concurrently': [concurrentlyFix],
  'concurrently-in-transaction': [outsideTransactionFix],
  'add-foreign-key-without-not-valid': [notValidFix],
  'add-check-without-not-valid': [notValidFix],
};

// Guards, backups and archives protect data; an operation that is already protected needs none of them.
const PROTECTIONS = new Set<Builder>([emptinessGuardFix, backupFix, archiveFix]);

const contexts = new WeakMap<RuleContext, FixContext>();

export function fixesFor(finding: Finding, op: Operation | undefined, ctx: RuleContext, today = new Date()): Fix[] {
  let fx = contexts.get(ctx);
  if (!fx) {
    fx = new FixContext(ctx, today);
    contexts.set(ctx, fx);
  }
  const fixes: Fix[] = [];
  const attempt = (build: () => Fix | undefined) => {
    try {
      const fix = build();
      if (fix) fixes.push(fix);
    } catch {
      // A fix that cannot be built is left out: it must never cost the finding itself.
    }
  };
  if (op && !op.dynamic) {
    for (const build of BY_RULE[finding.rule] ?? []) {
      if (!(op.guard && PROTECTIONS.has(build))) attempt(() => build(op, fx));
    }
  }
  attempt(() => allowFix(finding, fx));
  return fixes;
}
