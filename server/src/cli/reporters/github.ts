// GitHub Actions workflow commands: the runner turns each line into an annotation on the pull request diff.

import type { Severity } from '../../core/findings';
import { locateFindings, sortedErrors, type LocatedFinding } from './position';
import { summaryLine } from './text';
import type { Reporter } from './types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  hint: 'notice',
};

export const githubReporter: Reporter = (run) => {
  // An acknowledged operation was already reviewed, and one in a migration that has run cannot change;
  // annotating either would train people to ignore annotations.
  const annotations = locateFindings(run)
    .filter(({ finding }) => !finding.acknowledged && !(finding.applied && finding.severity === 'hint'))
    .map(annotation);
  const errors = sortedErrors(run).map((e) => `::error${e.path === undefined ? '' : ` file=${escapeProperty(e.path)}`}::${escapeData(e.message)}`);
  return [...annotations, ...errors, summaryLine(run)].join('\n') + '\n';
};

function annotation({ path, finding, span }: LocatedFinding): string {
  const properties = [
    `file=${escapeProperty(path)}`,
    `line=${span.line}`,
    `col=${span.column}`,
    `endLine=${span.endLine}`,
    `endColumn=${span.endColumn}`,
    `title=${escapeProperty(finding.rule)}`,
  ].join(',');
  return `::${COMMAND[finding.severity]} ${properties}::${escapeData(finding.message)}`;
}

// The runner splits commands on line breaks and `::`, and properties on `,`; these are the escapes it decodes
// (same as @actions/core).
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
