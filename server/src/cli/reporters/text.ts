// Human output: one header per finding, then the source it points at with carets, as rustc and squawk do,
// because a reviewer recognises the operation faster from the code than from a line number.

import type { Severity } from '../../core/findings';
import { locateFindings, sortedErrors, type LocatedFinding } from './position';
import type { Reporter, RunResult } from './types';

/** A long statement is recognisable from its first lines; quoting all of it would bury the next finding. */
const MAX_EXCERPT_LINES = 3;
/** Likewise a generated one-line migration: a quoted line stops after this many characters. */
const MAX_LINE_CHARS = 160;
const LEAD_CHARS = 40;

const STYLE = { red: '31', yellow: '33', cyan: '36', dim: '2', boldRed: '1;31' } as const;
const SEVERITY_STYLE: Record<Severity, string> = {
  error: STYLE.red,
  warning: STYLE.yellow,
  info: STYLE.cyan,
  hint: STYLE.dim,
};

type Paint = (style: string, text: string) => string;

export const textReporter: Reporter = (run, opts) => {
  const paint: Paint = opts.color ? (style, text) => `\x1b[${style}m${text}\x1b[0m` : (_style, text) => text;
  const blocks = locateFindings(run).map((loc) => renderFinding(loc, paint));
  const errors = sortedErrors(run).map((e) => `${paint(STYLE.boldRed, 'error:')} ${e.path === undefined ? '' : `${e.path}: `}${e.message}`);
  if (errors.length > 0) blocks.push(errors.join('\n'));
  blocks.push(summaryLine(run));
  return `${blocks.join('\n\n')}\n`;
};

/** `3 errors, 1 warning, 2 acknowledged in 5 files.`; shared with the GitHub reporter. */
export function summaryLine(run: RunResult): string {
  const tally = countFindings(run);
  const parts = TALLY_LABELS.filter(([key]) => tally[key] > 0).map(([key, one, many]) => quantity(tally[key], one, many));
  const files = quantity(run.filesChecked, 'file', 'files');
  const found = parts.length > 0 ? `${parts.join(', ')} in ${files}` : `No findings in ${files}`;
  const unreadable = run.errors.filter((e) => e.path !== undefined).length;
  const unread = unreadable > 0 ? `; ${quantity(unreadable, 'file', 'files')} could not be read` : '';
  const failed = unreadable < run.errors.length ? '; the run failed' : '';
  return `${found}${unread}${failed}.`;
}

function renderFinding(loc: LocatedFinding, paint: Paint): string {
  const { finding, span } = loc;
  const style = SEVERITY_STYLE[finding.severity];
  const header = `${loc.path}:${span.line}:${span.column}  ${paint(style, finding.severity)}  ${finding.rule}  ${finding.message}`;
  const history = finding.applied && finding.severity !== finding.applied.severity;
  const body = finding.acknowledged
    ? [paint(STYLE.dim, `  acknowledged: ${finding.acknowledged.reason}`)]
    : history && finding.applied
      ? [paint(STYLE.dim, `  ${appliedLine(finding.applied)}`)]
      : excerpt(loc, (carets) => paint(style, carets));
  // With --include-applied the finding keeps its severity and its excerpt, and still says it has run.
  if (finding.applied && !history && !finding.acknowledged) body.push(paint(STYLE.dim, `  already run${finding.applied.at ? ` on ${finding.applied.at}` : ''} (${finding.applied.source})`));
  return [header, ...body].join('\n');
}

/** The flagged lines under a line-number gutter, with carets under the flagged part of the first line. */
function excerpt(loc: LocatedFinding, paintCarets: (carets: string) => string): string[] {
  const { index, span } = loc;
  // Nothing to quote when the file could not be decoded.
  if (index.text === '') return [];
  const [first, startChar, end, endChar] = [span.line - 1, span.column - 1, span.endLine - 1, span.endColumn - 1];
  // A range that stops just after a line break does not reach into the next line.
  const last = endChar === 0 && end > first ? end - 1 : end;
  const shownLast = Math.min(last, first + MAX_EXCERPT_LINES - 1);
  const width = String(shownLast + 1).length;
  const gutter = (label: string) => `${label.padStart(width)} | `;

  const firstText = index.lineText(first);
  // A long line is shown from a little before the flagged part, so the carets still point at it.
  const from = firstText.length > MAX_LINE_CHARS ? Math.max(0, startChar - LEAD_CHARS) : 0;
  const lead = from > 0 ? '…' : '';
  const flagged = firstText.slice(startChar, Math.min(end === first ? endChar : firstText.length, from + MAX_LINE_CHARS));
  const lines = [
    gutter(String(first + 1)) + clipLine(firstText, from),
    gutter('') + caretPadding(lead + firstText.slice(from, startChar)) + paintCarets(carets(flagged)),
  ];
  for (let line = first + 1; line <= shownLast; line++) lines.push(gutter(String(line + 1)) + clipLine(index.lineText(line), 0));
  if (last > shownLast) lines.push(`${gutter('')}...`);
  return lines;
}

/** `from` characters in, at most MAX_LINE_CHARS of the line, with an ellipsis where it was cut. */
function clipLine(text: string, from: number): string {
  const shown = text.slice(from, from + MAX_LINE_CHARS);
  return `${from > 0 ? '…' : ''}${shown}${from + MAX_LINE_CHARS < text.length ? '…' : ''}`;
}

/** Keeps tabs as tabs so the carets line up however wide the terminal draws them. */
function caretPadding(prefix: string): string {
  return Array.from(prefix, (ch) => (ch === '\t' ? '\t' : ' '.repeat(displayWidth(ch)))).join('');
}

/** At least one caret, so an empty range (an insertion point) is still visible. */
function carets(flagged: string): string {
  return '^'.repeat(Math.max(1, displayWidth(flagged)));
}

// Terminals draw East Asian wide characters and emoji in two cells and combining marks in none; counting
// UTF-16 code units instead would push the carets off the flagged words on lines that contain them.
const WIDE =
  /[\p{Emoji_Presentation}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\uFE0F]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return width;
}

/** A finding in a migration that has already run: history, so one line says where it stood instead of the code. */
function appliedLine(applied: { source: string; at?: string; severity: Severity }): string {
  return `already run${applied.at ? ` on ${applied.at}` : ''} (${applied.source}); ${applied.severity} if it had not`;
}

type TallyKey = Severity | 'acknowledged';

/** Summary order: most severe first; acknowledged findings are counted apart from their severity. */
const TALLY_LABELS: [TallyKey, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['info', 'info', 'info'],
  ['hint', 'hint', 'hints'],
  ['acknowledged', 'acknowledged', 'acknowledged'],
];

function countFindings(run: RunResult): Record<TallyKey, number> {
  const tally: Record<TallyKey, number> = { error: 0, warning: 0, info: 0, hint: 0, acknowledged: 0 };
  for (const report of run.reports) {
    for (const finding of report.findings) tally[finding.acknowledged ? 'acknowledged' : finding.severity]++;
  }
  return tally;
}

function quantity(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
