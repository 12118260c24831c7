import type { Suppression } from './ops';
import { LineIndex } from './text';

// `# migration-guard: allow drop-table, truncate -- the table was moved to the archive DB in #412`
// `-- migration-guard: allow drop-table -- reason` in SQL (and inside SQL strings embedded in Python).
const ALLOW = /(?:#|--)\s*migration-guard:\s*allow\b([^\n\r]*)$/;
const RULE_NAME = /^[a-z0-9-]+$/;
const CODE_LINE = /^\s*(?:$|#|--)/;

export function findSuppressions(index: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const text = index.text;
  if (!text.includes('migration-guard')) return out;
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const m = ALLOW.exec(lineText);
    if (!m) continue;
    const parsed = ruleList(m[1]);
    const rules = parsed?.rules ?? [];
    const reason = withoutClosingQuote((parsed ? parsed.reason : m[1]).trim());
    const commentStart = index.lineStart(line) + m.index;
    const standalone = lineText.slice(0, m.index).trim() === '' || /^\s*(?:[rRbBuUfF]{0,2}("""|'''|"|'))\s*$/.test(lineText.slice(0, m.index));
    let targetLine = line;
    if (standalone) {
      targetLine = line + 1;
      while (targetLine < index.lineCount && CODE_LINE.test(index.lineText(targetLine))) targetLine++;
    }
    out.push({
      rules,
      reason,
      range: { start: commentStart, end: index.lineEnd(line) },
      line,
      targetLine,
    });
  }
  return out;
}

// The two readers below are loops, not regular expressions: the comment's text is the user's, and a
// pattern like /\s*(.*)\s*$/ backtracks quadratically on a long run of spaces (80,000 took seconds).

/** `drop-table, truncate -- reason`: the rules named before `--` and the reason after it. */
function ruleList(text: string): { rules: string[]; reason: string } | undefined {
  const dashes = text.indexOf('--');
  const list = dashes < 0 ? text : text.slice(0, dashes);
  const reason = dashes < 0 ? '' : text.slice(dashes + 2);
  if (list.trim() === '') return { rules: [], reason };
  const rules = list.split(',').map((r) => r.trim());
  return rules.every((r) => RULE_NAME.test(r)) ? { rules, reason } : undefined;
}

/** An allow comment inside a SQL string ends where the string does: its closing quote, `)`s and `,`/`;` are not part of the reason. */
function withoutClosingQuote(reason: string): string {
  let end = reason.length;
  if (reason[end - 1] === ',' || reason[end - 1] === ';') end--;
  while (end > 0 && reason[end - 1] === ')') end--;
  const quote = reason[end - 1];
  if (quote !== '"' && quote !== "'") return reason;
  end -= end >= 3 && reason.startsWith(quote.repeat(3), end - 3) ? 3 : 1;
  return reason.slice(0, end).trimEnd();
}
