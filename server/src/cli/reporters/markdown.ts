// One pull-request comment for reviewers: per migration, what it destroys (table, rows), what was
// acknowledged and why, and whether it is signed off. A CI job posts it once and edits the same comment
// on later pushes, finding it by the marker on its first line.

import type { Finding } from '../../core/findings';
import { isDownPhase } from '../../core/ops';
import type { FileReport } from '../../core/report';
import { DATA_LOSS_RULES, destructiveOps, needsReview, type DestructiveOp } from '../../core/review/checklist';
import type { SignOffStatus } from '../../core/review/ledger';
import { LineIndex } from '../../core/text';
import { sortedErrors } from './position';
import { summaryLine } from './text';
import type { Reporter, RunResult } from './types';

/** The first line of the comment, for the CI job to find the comment it posted before. */
export const COMMENT_MARKER = '<!-- migration-guard -->';

const GUARDS: Record<NonNullable<Finding['guard']>, string> = {
  'emptiness-check': 'guarded: stops while the data is still there',
  backup: 'guarded: backed up first',
  'archive-rename': 'guarded: renamed to an archive',
};

export const markdownReporter: Reporter = (run) => {
  const reports = [...run.reports].filter((r) => r.findings.length > 0).sort((a, b) => compare(a.path, b.path));
  const sections = reports.map((r) => migrationSection(r, run.signoffs?.[r.path]));
  const errors = sortedErrors(run);
  const blocks = [COMMENT_MARKER, '### Migration Guard', headline(run, reports)];
  blocks.push(...sections);
  if (errors.length > 0) blocks.push(['**Could not be read** (not checked):', ...errors.map((e) => (e.path === undefined ? `- ${text(e.message)}` : `- ${code(e.path)}: ${text(e.message)}`))].join('\n'));
  return `${blocks.join('\n\n')}\n`;
};

/** How many migrations destroy data and how many of those lack a valid sign-off, then the tally. */
function headline(run: RunResult, reports: FileReport[]): string {
  const destroying = reports.filter(needsReview);
  if (destroying.length === 0) return summaryLine(run);
  const n = destroying.length;
  const destroy = `**${n} migration${n === 1 ? ' destroys' : 's destroy'} data**`;
  if (!run.signoffs) return `${destroy}. ${summaryLine(run)}`;
  const unsigned = destroying.filter((r) => run.signoffs?.[r.path]?.state !== 'valid').length;
  const signed = n === 1 ? (unsigned === 0 ? ' and is signed off' : ' and has no valid sign-off') : unsigned === 0 ? ', all signed off' : `, ${unsigned} without a valid sign-off`;
  return `${destroy}${signed}. ${summaryLine(run)}`;
}

function migrationSection(report: FileReport, signoff: SignOffStatus | undefined): string {
  const index = new LineIndex(report.text);
  const lineOf = (offset: number) => index.position(offset).line + 1;
  const ops = destructiveOps(report, lineOf);
  const columns = new Map(report.findings.filter((f) => f.column).map((f) => [f.range.start, f.column]));
  const lines = [`#### ${code(report.path)}`];
  if (ops.length > 0) {
    lines.push('', signOffLine(signoff), '', '| Line | Destroys | Rows | Rule | Status |', '| ---: | --- | ---: | --- | --- |');
    for (const op of ops) lines.push(opRow(op, columns.get(op.range.start)));
  }
  // Everything else: locks, renames, rollbacks, dynamic SQL. Listed, but folded, so data loss stays on top.
  const others = report.findings.filter((f) => !inTable(f)).sort((a, b) => a.range.start - b.range.start);
  if (others.length > 0) {
    const n = others.length;
    lines.push('', `<details><summary>${n} other finding${n === 1 ? '' : 's'}</summary>`, '');
    for (const f of others) lines.push(`- line ${lineOf(f.range.start)}, ${f.severity}, ${code(f.rule)}: ${text(f.message)}${f.acknowledged ? ` Acknowledged: ${text(f.acknowledged.reason)}` : ''}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

/** The table lists what destroys data when the migration is applied, as the sidebar and --require-review count it. */
function inTable(f: Finding): boolean {
  return DATA_LOSS_RULES.has(f.rule) && !(f.phase && isDownPhase(f.phase));
}

function signOffLine(status: SignOffStatus | undefined): string {
  if (!status) return 'Sign-off: not checked (the review ledger could not be read).';
  if (status.state === 'none') return '**Not signed off.** Review it in the Migration Guard sidebar in VS Code and commit the ledger.';
  const by = `${text(status.signoff.signedBy)} on ${status.signoff.signedAt.slice(0, 10)}`;
  return status.state === 'valid' ? `Signed off by ${by}.` : `**Sign-off is stale**: signed off by ${by}, but the file changed since.`;
}

function opRow(op: DestructiveOp, column: string | undefined): string {
  const target = op.table ? code(column ? `${op.table}.${column}` : op.table) : 'unknown table';
  const rows = op.rows === undefined ? '' : op.rows.toLocaleString('en-US');
  const status = op.acknowledged ? `acknowledged: ${text(op.reason ?? '')}` : op.guard ? GUARDS[op.guard] : '**not acknowledged**';
  return `| ${op.line} | ${target} | ${rows} | ${op.rules.map(code).join(', ')} | ${status} |`;
}

/** A code span that survives backticks in the name, and a pipe inside a table cell. */
function code(value: string): string {
  const longest = Math.max(0, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Prose from messages and reasons: on one line, with pipes escaped for table cells and `<`/`>` outside
 * code spans escaped, so `Ada <ada@example.com>` is not swallowed as an HTML tag.
 */
function text(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
