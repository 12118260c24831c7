import { githubReporter } from './github';
import { gitlabReporter } from './gitlab';
import { jsonReporter } from './json';
import { markdownReporter } from './markdown';
import { sarifReporter, type RuleMeta } from './sarif';
import { textReporter } from './text';
import type { Reporter } from './types';

export type { Reporter, RunResult } from './types';
export type { RuleMeta } from './sarif';

/** The values `--format` accepts, for the argument parser to validate against. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'gitlab'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function reporterFor(format: ReportFormat, rules: RuleMeta[]): Reporter {
  switch (format) {
    case 'text':
      return textReporter;
    case 'json':
      return jsonReporter;
    case 'sarif':
      return sarifReporter(rules);
    case 'github':
      return githubReporter;
    case 'markdown':
      return markdownReporter;
    case 'gitlab':
      return gitlabReporter;
  }
}
