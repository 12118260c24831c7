// Writing Python that fixes insert: string literals, keyword arguments, and the imports the new code needs.

import type { TextEdit } from '../findings';
import type { Range } from '../ops';
import type { FixContext } from './context';
import { inComment, inString, type PyStatement } from './pyLayout';

/** A Python string literal for `value`, double-quoted unless the value holds double quotes only. */
export function pyStr(value: string): string {
  const quote = value.includes('"') && !value.includes("'") ? "'" : '"';
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** `name=value` added as the last argument of the call spanning `call`, keeping a trailing comma style. */
export function addKeywordArgument(fx: FixContext, call: Range, argument: string): TextEdit | undefined {
  const close = call.end - 1;
  if (fx.text[close] !== ')') return undefined;
  const layout = fx.python();
  let last = close - 1;
  while (last > call.start && (/\s/.test(fx.text[last]) || inComment(layout, last))) last--;
  const at = last + 1;
  const c = fx.text[last];
  const newText = c === '(' ? argument : c === ',' ? ` ${argument},` : `, ${argument}`;
  return { range: { start: at, end: at }, newText };
}

export interface ImportFacts {
  /** Names bound by `from alembic import ...` (after `as`). */
  alembic: Map<string, string>;
  /** How to call sqlalchemy's text(): `sa.text`, `sqlalchemy.text` or `text`. */
  text?: string;
  /** Where a new import line goes: after the last top-level import that precedes the first definition. */
  insertAt: number;
}

const FROM_ALEMBIC = /^from\s+alembic\s+import\s+/;
const IMPORT_SQLALCHEMY = /^import\s+sqlalchemy(?:\s+as\s+(\w+))?\s*(?:#.*)?$/;
const FROM_SQLALCHEMY = /^from\s+sqlalchemy\s+import\s+/;

/**
 * The names after `from <module> import`, without the parentheses and a comment ending the last line.
 * Cut by hand: a lazy list followed by /\)?\s*$/ backtracks quadratically on a long run of spaces.
 */
function importList(head: RegExp, code: string): string | undefined {
  const m = head.exec(code);
  if (!m) return undefined;
  let list = code.slice(m[0].length);
  const comment = list.indexOf('#', list.lastIndexOf('\n') + 1);
  if (comment >= 0) list = list.slice(0, comment);
  list = list.trimEnd();
  if (list.startsWith('(')) list = list.slice(1);
  return list.endsWith(')') ? list.slice(0, -1) : list;
}

function importedNames(list: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const part of list.split(',')) {
    const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part.replace(/#[^\n]*/g, ''));
    if (m) names.set(m[1], m[2] ?? m[1]);
  }
  return names;
}

/** What the module imports at its top, read once per file (FixContext caches it). */
export function readImports(fx: FixContext): ImportFacts {
  const facts: ImportFacts = { alembic: new Map(), insertAt: -1 };
  for (const stmt of fx.python().statements) {
    const topLevel = stmt.start === 0 || fx.text[stmt.start - 1] === '\n' || fx.text[stmt.start - 1] === '\r';
    if (!topLevel) continue;
    const code = fx.text.slice(stmt.start, stmt.end);
    if (/^(?:async\s+def|def|class|@)\b/.test(code) || code.startsWith('@')) break;
    if (!/^(?:import|from)\s/.test(code)) continue;
    facts.insertAt = stmt.end;
    const alembic = importList(FROM_ALEMBIC, code);
    if (alembic !== undefined) for (const [name, bound] of importedNames(alembic)) facts.alembic.set(name, bound);
    const sa = IMPORT_SQLALCHEMY.exec(code);
    if (sa) facts.text ??= `${sa[1] ?? 'sqlalchemy'}.text`;
    const fromSa = importList(FROM_SQLALCHEMY, code);
    if (fromSa !== undefined && importedNames(fromSa).has('text')) facts.text ??= importedNames(fromSa).get('text');
  }
  return facts;
}

export interface PythonNames {
  op: string;
  context: string;
  text: string;
  /** Adds the imports the names need; undefined when nothing is missing. */
  edit?: TextEdit;
}

/** The names inserted code uses for alembic's op and context and sqlalchemy's text(), importing what is missing. */
export function pythonNames(fx: FixContext, needs: { context?: boolean; text?: boolean }): PythonNames {
  const facts = fx.imports();
  const lines: string[] = [];
  const op = facts.alembic.get('op') ?? 'op';
  if (!facts.alembic.has('op')) lines.push('from alembic import op');
  const context = facts.alembic.get('context') ?? 'context';
  if (needs.context && !facts.alembic.has('context')) lines.push('from alembic import context');
  const text = facts.text ?? 'sa.text';
  if (needs.text && !facts.text) lines.push('import sqlalchemy as sa');
  const names: PythonNames = { op, context, text };
  if (lines.length === 0) return names;
  if (facts.insertAt >= 0) {
    names.edit = { range: { start: facts.insertAt, end: facts.insertAt }, newText: lines.map((l) => fx.eol + l).join('') };
  } else {
    const first = fx.python().statements.find((s) => !/^[rRbBuU]*["']/.test(fx.text.slice(s.start, s.start + 4)))?.start ?? 0;
    names.edit = { range: { start: first, end: first }, newText: lines.map((l) => l + fx.eol).join('') };
  }
  return names;
}

/**
 * Replaces `stmt` with `with <op>.get_context().autocommit_block():` and the statement one level deeper, so
 * it runs outside Alembic's transaction. `inner` edits inside the statement are applied to the moved text.
 * Lines that start inside a string literal keep their indentation, so the string's value does not change.
 */
export function wrapInAutocommitBlock(fx: FixContext, stmt: PyStatement, opName: string, inner: TextEdit[]): TextEdit {
  const indent = fx.indentAt(stmt.start);
  const lineStart = stmt.start - indent.length;
  const step = fx.deeper(indent).slice(indent.length);
  const original = fx.text.slice(lineStart, stmt.end);
  const layout = fx.python();
  const inLiteral: boolean[] = [];
  let offset = lineStart;
  for (const line of original.split(/(?<=\n)/)) {
    inLiteral.push(offset !== lineStart && inString(layout, offset));
    offset += line.length;
  }
  let body = original;
  for (const e of [...inner].sort((a, b) => b.range.start - a.range.start)) {
    body = body.slice(0, e.range.start - lineStart) + e.newText + body.slice(e.range.end - lineStart);
  }
  // Inner edits add no line breaks, so the lines still pair up with what was read from the original.
  const moved = body.split(/(?<=\n)/).map((line, i) => (inLiteral[i] ? line : step + line));
  return { range: { start: lineStart, end: stmt.end }, newText: `${indent}with ${opName}.get_context().autocommit_block():${fx.eol}${moved.join('')}` };
}
