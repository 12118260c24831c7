// GitLab's Code Quality report (the Code Climate issue subset GitLab reads), uploaded as the
// `codequality` artifact of a merge request pipeline: GitLab shows each issue on the merge request and
// in its diff, and tells new issues from ones the target branch already had by their fingerprints.

import { createHash } from 'node:crypto';
import type { Severity } from '../../core/findings';
import { locateFindings, sortedErrors, type LocatedFinding } from './position';
import type { Reporter } from './types';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  hint: 'info',
};

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

export const gitlabReporter: Reporter = (run) => {
  const seen = new Map<string, number>();
  // Acknowledged operations were reviewed already; as with the GitHub annotations, they are left out.
  const issues = locateFindings(run)
    .filter(({ finding }) => !finding.acknowledged)
    .map((loc) => issue(loc, seen));
  // A file that could not be read was not checked: the highest severity, so it cannot pass unnoticed.
  for (const e of sortedErrors(run)) {
    // A failure of the whole run has no file; GitLab needs a path, so it is pinned to the project root.
    const description = e.path === undefined ? `The run failed, so nothing was checked: ${e.message}` : `Could not be read, so it was not checked: ${e.message}`;
    issues.push({ description, check_name: 'unreadable-file', fingerprint: fingerprint(seen, ['unreadable-file', e.path ?? '.']), severity: 'blocker', location: { path: e.path ?? '.', lines: { begin: 1 } } });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};

function issue({ path, finding, span, index }: LocatedFinding, seen: Map<string, number>): CodeQualityIssue {
  // The operation's own words rather than its line, so an issue keeps its fingerprint when lines are
  // added above it and GitLab does not report it as resolved and new again.
  const source = index.text.slice(finding.range.start, finding.range.end).replace(/\s+/g, ' ');
  return {
    description: finding.message,
    check_name: finding.rule,
    fingerprint: fingerprint(seen, [finding.rule, path, finding.phase ?? '', finding.table ?? '', finding.column ?? '', source]),
    severity: SEVERITY[finding.severity],
    location: { path, lines: { begin: span.line } },
  };
}

/** A digest of what identifies the issue; the same operation written twice in a file gets its occurrence counted in. */
function fingerprint(seen: Map<string, number>, parts: string[]): string {
  const key = parts.join('\0');
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
}
