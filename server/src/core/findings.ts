import type { GuardInfo, Phase, Range } from './ops';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Fix ids are stable so the editor can prefer one and tests can ask for one by name. */
  id: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Finding {
  /** The most specific rule that flagged the operation. */
  rule: string;
  /** More general rules that flagged the same operation, merged into this finding (merge.ts). */
  alsoRules?: string[];
  severity: Severity;
  range: Range;
  phase?: Phase;
  table?: string;
  column?: string;
  message: string;
  /** Rows that the operation would destroy, when a database says so. */
  rows?: number;
  /** Code before the operation protects its data (the review checklist counts it as handled). */
  guard?: GuardInfo['kind'];
  /** Set when an allow comment with a reason covers the finding; it stays visible as a hint. */
  acknowledged?: { reason: string };
  fixes?: Fix[];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] >= SEVERITY_ORDER[b] ? a : b;
}
