// A run that fails before it has results (a usage mistake, a database or ledger that cannot be read, a bug)
// still answers in the format asked for: one sentence on stderr for the person, and, with a
// machine-readable --format, a well-formed document on stdout whose `errors` say what happened, so a CI
// step that parses stdout reports the failure instead of choking on an empty file.

import { RULES } from '../core/rules';
import { REPORT_FORMATS, reporterFor, type ReportFormat } from './reporters';

/** The value of --format on a command line that may not have parsed. */
function requestedFormat(args: readonly string[]): string | undefined {
  let format: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--format') format = args[i + 1];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
  });
  return format;
}

/** What stdout should hold for a failed command, or undefined when the format is for people. */
export function failureDocument(command: string | undefined, args: readonly string[], message: string): string | undefined {
  const format = requestedFormat(args);
  if (command === 'check' && format !== 'text' && REPORT_FORMATS.includes(format as ReportFormat)) {
    const rules = RULES.map((r) => ({ id: r.id, summary: r.docs.summary, why: r.docs.why, defaultSeverity: r.defaultSeverity }));
    return reporterFor(format as ReportFormat, rules)({ reports: [], errors: [{ message }], filesChecked: 0 }, { color: false });
  }
  if (command === 'parity' && format === 'json') return `${JSON.stringify({ version: 1, errors: [{ message }] }, null, 2)}\n`;
  return undefined;
}
