// The machine-readable contract from DESIGN.md ("CLI contract"). CI scripts and our accuracy measurements
// parse it, so keys stay present (null when absent) and the shape only changes with `version`.

import type { Severity } from '../../core/findings';
import type { Phase } from '../../core/ops';
import { locateFindings, sortedErrors, type LocatedFinding } from './position';
import type { Reporter } from './types';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  /** Further rules that flagged the same operation, merged into this finding. */
  alsoRules?: string[];
  severity: Severity;
  phase: Phase | null;
  table: string | null;
  column_name: string | null;
  message: string;
  rows?: number;
  acknowledged?: string;
}

export const jsonReporter: Reporter = (run) => {
  const output = {
    version: 1,
    files: run.filesChecked,
    findings: locateFindings(run).map(toJson),
    errors: sortedErrors(run).map((e) => ({ file: e.path ?? null, message: e.message })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};

function toJson({ path, finding, span }: LocatedFinding): JsonFinding {
  return {
    file: path,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    rule: finding.rule,
    ...(finding.alsoRules ? { alsoRules: finding.alsoRules } : {}),
    severity: finding.severity,
    phase: finding.phase ?? null,
    table: finding.table ?? null,
    column_name: finding.column ?? null,
    message: finding.message,
    ...(finding.rows === undefined ? {} : { rows: finding.rows }),
    ...(finding.acknowledged ? { acknowledged: finding.acknowledged.reason } : {}),
  };
}
