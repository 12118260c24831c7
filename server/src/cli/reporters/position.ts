// Where findings are, in the 1-based terms every output format uses, and the one order they are listed in.

import type { Finding } from '../../core/findings';
import type { Range } from '../../core/ops';
import type { FileReport } from '../../core/report';
import { LineIndex } from '../../core/text';
import type { RunResult } from './types';

/**
 * 1-based lines and UTF-16 columns (LSP's encoding, so the CLI and the editor agree). The end is the
 * position just after the range, the convention SARIF uses too.
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LocatedFinding {
  path: string;
  finding: Finding;
  span: Span;
  /** Shared by all findings of one file, for reporters that quote the source. */
  index: LineIndex;
}

export function spanOf(index: LineIndex, range: Range): Span {
  const start = index.position(range.start);
  const end = index.position(Math.max(range.start, range.end));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** All findings of the run, sorted by path and then by position. */
export function locateFindings(run: RunResult): LocatedFinding[] {
  return run.reports.flatMap(locateReport).sort(byLocation);
}

export function sortedErrors(run: RunResult): RunResult['errors'] {
  return [...run.errors].sort((a, b) => comparePaths(a.path ?? '', b.path ?? ''));
}

function locateReport(report: FileReport): LocatedFinding[] {
  if (report.findings.length === 0) return [];
  const index = new LineIndex(report.text);
  return report.findings.map((finding) => ({ path: report.path, finding, span: spanOf(index, finding.range), index }));
}

function byLocation(a: LocatedFinding, b: LocatedFinding): number {
  return comparePaths(a.path, b.path) || a.finding.range.start - b.finding.range.start;
}

/** Code-unit order rather than localeCompare, so CI output does not depend on the runner's locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
