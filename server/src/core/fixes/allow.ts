// Acknowledge a finding: `# migration-guard: allow <rule> -- ` on the line above, indented like it, for the
// reviewer to finish with the reason. Inside a multi-line SQL string in Python the comment is SQL (`--`).

import type { Finding, Fix } from '../findings';
import type { FixContext } from './context';
import { inString } from './pyLayout';

// Allow comments about allow comments mean nothing.
const NOT_ALLOWABLE = new Set(['suppression-without-reason', 'unused-suppression']);

export function allowFix(finding: Finding, fx: FixContext): Fix | undefined {
  if (NOT_ALLOWABLE.has(finding.rule)) return undefined;
  const { index, result } = fx.rule;
  const line = index.position(finding.range.start).line;
  // An allow comment already aims at this line: it needs a reason, not a second comment.
  if (result.suppressions.some((s) => s.targetLine === line && s.rules.includes(finding.rule))) return undefined;
  const lineStart = index.lineStart(line);
  const codeStart = lineStart + fx.indentAt(lineStart).length;
  const sqlComment = fx.framework === 'sql' || inString(fx.python(), codeStart);
  const comment = `${sqlComment ? '--' : '#'} migration-guard: allow ${finding.rule} -- `;
  return { title: `Allow ${finding.rule} here with a reason (adds an allow comment above the line)`, id: 'allow', edits: [fx.linesAbove(lineStart, [comment])] };
}
