// One finding per operation. A drop of a table without a model is both a drop-table and a
// drop-unmapped-table; shown as two errors on the same words, the Problems panel, `--fail-on` and the
// sidebar would count rules instead of operations. Such findings become the more specific rule's finding,
// which lists the general rules it stands for (alsoRules) and offers the fixes of all of them.

import { maxSeverity, type Finding, type Fix } from './findings';

/** A specific rule -> the general rules whose finding on the same operation it stands for. */
const ABSORBS: Readonly<Record<string, readonly string[]>> = {
  'drop-unmapped-table': ['drop-table'],
  'model-not-on-metadata': ['drop-table'],
};

/** Every rule a finding stands for: its own, then those merged into it. */
export function rulesOf(f: Finding): string[] {
  return f.alsoRules ? [f.rule, ...f.alsoRules] : [f.rule];
}

/**
 * Merges findings of the same operation (same range, phase and table). An acknowledged finding merges only with
 * another acknowledged one: an allow comment for one rule leaves the other rule's finding standing alone.
 */
export function mergeSameOperation(findings: Finding[]): Finding[] {
  const byOperation = new Map<string, Finding[]>();
  for (const f of findings) {
    // `DROP TABLE a, b` is one statement but two operations.
    const key = `${f.range.start}:${f.range.end}:${f.phase ?? ''}:${f.table ?? ''}`;
    const same = byOperation.get(key);
    if (same) same.push(f);
    else byOperation.set(key, [f]);
  }
  const absorbed = new Set<Finding>();
  for (const same of byOperation.values()) {
    if (same.length < 2) continue;
    for (const specific of same) {
      const general = ABSORBS[specific.rule];
      if (!general || absorbed.has(specific)) continue;
      for (const g of same) {
        if (g === specific || absorbed.has(g) || !general.includes(g.rule) || !g.acknowledged !== !specific.acknowledged) continue;
        absorb(specific, g);
        absorbed.add(g);
      }
    }
  }
  return absorbed.size === 0 ? findings : findings.filter((f) => !absorbed.has(f));
}

function absorb(into: Finding, g: Finding): void {
  const before = rulesOf(into);
  into.alsoRules = [...(into.alsoRules ?? []), g.rule];
  into.severity = maxSeverity(into.severity, g.severity);
  into.message = `${widenAllow(into.message, before, g.rule)} Reported by ${rulesOf(into).join(' and ')}.`;
  if (into.rows === undefined && g.rows !== undefined) into.rows = g.rows;
  if (into.guard === undefined && g.guard !== undefined) into.guard = g.guard;
  const fixes = mergeFixes(into.fixes ?? [], g.fixes ?? [], before, g.rule);
  if (fixes.length > 0) into.fixes = fixes;
}

/** The fixes of both, once each; one allow comment that names every rule, so that it acknowledges the whole finding. */
function mergeFixes(mine: Fix[], theirs: Fix[], rules: string[], added: string): Fix[] {
  const ids = new Set(mine.map((f) => f.id));
  const out = mine.map((f) => (f.id === 'allow' ? widenAllowFix(f, rules, added) : f));
  for (const f of theirs) if (!ids.has(f.id)) out.push(f);
  return out;
}

function widenAllowFix(fix: Fix, rules: string[], added: string): Fix {
  return {
    ...fix,
    title: widenAllow(fix.title, rules, added, 'Allow '),
    edits: fix.edits.map((e) => ({ ...e, newText: widenAllow(e.newText, rules, added) })),
  };
}

/** `allow drop-unmapped-table -- ` -> `allow drop-table, drop-unmapped-table -- ` (rules in name order, as the sidebar writes them). */
function widenAllow(text: string, rules: string[], added: string, prefix = 'allow '): string {
  const listed = `${prefix}${[...rules].sort().join(', ')}`;
  return text.replace(listed, () => `${prefix}${[...rules, added].sort().join(', ')}`);
}
