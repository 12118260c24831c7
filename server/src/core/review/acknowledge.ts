// "Acknowledge with a reason" from the review sidebar: one allow comment above a data-loss operation that
// names every rule raised on it (a drop of an unmapped table raises drop-table and drop-unmapped-table) and
// carries the reviewer's reason. Built from the findings' own "allow" fixes, so the comment lands where,
// and in the comment style, the quick fix would put it.

import type { Finding, TextEdit } from '../findings';
import { rulesOf } from '../merge';

// One rule, or several when findings of one operation were merged (merge.ts).
const ALLOW_PREFIX = /migration-guard: allow [a-z0-9-]+(?:, [a-z0-9-]+)* -- /;

export function acknowledgeEdit(findings: readonly Finding[], reason: string): TextEdit | { error: string } {
  const text = oneLine(reason);
  if (text === '') return { error: 'Give a reason: an allow comment without one acknowledges nothing.' };
  const open = findings.filter((f) => !f.acknowledged);
  if (open.length === 0) return { error: 'Every finding on this line is already acknowledged.' };
  const withFix = open.filter((f) => f.fixes?.some((x) => x.id === 'allow'));
  const edit = withFix[0]?.fixes?.find((x) => x.id === 'allow')?.edits[0];
  if (!edit || !ALLOW_PREFIX.test(edit.newText)) {
    return { error: 'An allow comment without a reason is already above this line: add the reason to it.' };
  }
  const rules = [...new Set(withFix.flatMap(rulesOf))].sort().join(', ');
  // Inside a Python string the comment is SQL; a quote or a backslash in the reason would end the string.
  const safe = edit.newText.trimStart().startsWith('--') ? text.replace(/["'\\]/g, '') : text;
  return { range: edit.range, newText: edit.newText.replace(ALLOW_PREFIX, () => `migration-guard: allow ${rules} -- ${safe}`) };
}

function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}
