import type { Suppression } from './ops';
import { LineIndex } from './text';

// `# migration-guard: allow drop-table, truncate -- the table was moved to the archive DB in #412`
// `-- migration-guard: allow drop-table -- reason` in SQL (and inside SQL strings embedded in Python).
const ALLOW = /(?:#|--)\s*migration-guard:\s*allow\b([^\n\r]*)$/;
const RULE_LIST = /^\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)?\s*(?:--\s*(.*))?$/;
const CODE_LINE = /^\s*(?:$|#|--)/;

export function findSuppressions(index: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const text = index.text;
  if (!text.includes('migration-guard')) return out;
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const m = ALLOW.exec(lineText);
    if (!m) continue;
    const parsed = RULE_LIST.exec(m[1]);
    const rules = parsed?.[1] ? parsed[1].split(',').map((r) => r.trim()).filter(Boolean) : [];
    const reason = (parsed ? parsed[2] ?? '' : m[1]).trim().replace(/\s*(?:"""|'''|["'])\)*[,;]?\s*$/, '');
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
