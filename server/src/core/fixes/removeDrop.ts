// Remove the drop of a table a model still maps (or a column it still declares): there the drop is the
// mistake, not the table. In Alembic the downgrade step that re-creates it goes too when that is unambiguous
// (one create_table of that table plus its indexes, or one add_column), since re-creating what was never
// dropped fails.

import type { Fix, TextEdit } from '../findings';
import { isDownPhase, type Operation, type Range } from '../ops';
import type { FixContext } from './context';
import { stringAt, type PyStatement } from './pyLayout';

const EXECUTE_CALL = /^[A-Za-z_][\w.]*\.execute\s*\(\s*$/;
// What re-creates a dropped table (with its indexes) or a dropped column in the downgrade.
const COUNTERPARTS: Record<string, { creates: string; kinds: Set<string> }> = {
  'drop-table': { creates: 'create-table', kinds: new Set(['create-table', 'create-index']) },
  'drop-column': { creates: 'add-column', kinds: new Set(['add-column']) },
};

export function removeDropFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!op.table || (op.kind === 'drop-column' && !op.column)) return undefined;
  const what = op.kind === 'drop-column' ? `${op.table}.${op.column}` : op.table;
  if (fx.framework === 'alembic') return alembicRemoval(op, fx, what);
  const range = fx.framework === 'sql' ? sqlStatementWithSemicolon(op, fx) : op.origin === 'django-op' ? djangoOperation(op, fx) : undefined;
  const lines = range && wholeLines(fx, range);
  if (!lines) return undefined;
  return { title: `Remove this drop of ${what}`, id: 'remove-drop', edits: [{ range: lines, newText: '' }], preferred: true };
}

function alembicRemoval(op: Operation, fx: FixContext, what: string): Fix | undefined {
  const stmt = ownStatement(op, fx);
  if (!stmt) return undefined;
  const counterpart = downgradeCounterpart(op, fx);
  const edits = removeStatements(fx, [stmt, ...(counterpart ?? [])]);
  if (!edits) return undefined;
  const title = counterpart?.length
    ? `Remove this drop of ${what} and the downgrade step that re-creates it`
    : counterpart ? `Remove this drop of ${what}` : `Remove this drop of ${what} (check the downgrade: which of its steps re-create it is not clear)`;
  return { title, id: 'remove-drop', edits, preferred: true };
}

/** The Python statement that is this operation and nothing else: `op.drop_table(...)`, or `op.execute("<only this SQL>")`. */
function ownStatement(op: Operation, fx: FixContext): PyStatement | undefined {
  const stmt = fx.pythonStatementOf(op);
  if (!stmt || op.origin === 'python-call') return stmt;
  if (op.origin !== 'embedded-sql') return undefined;
  const literal = stringAt(fx.python(), op.range.start);
  if (!literal || !EXECUTE_CALL.test(fx.text.slice(stmt.start, literal.start))) return undefined;
  if (fx.text.slice(literal.end, stmt.end).trim() !== ')') return undefined;
  const quote = fx.text.startsWith(fx.text[literal.start].repeat(3), literal.start) ? 3 : 1;
  const sql = fx.text.slice(literal.start + quote, literal.end - quote).trim().replace(/;$/, '').trimEnd();
  return sql === fx.text.slice(op.range.start, op.range.end).replace(/;$/, '').trimEnd() ? stmt : undefined;
}

/**
 * The downgrade's statements that re-create the table: [] when the downgrade does not touch it, undefined
 * when which ones do is not clear (several creates, other kinds of steps, statements shared with others).
 */
function downgradeCounterpart(op: Operation, fx: FixContext): PyStatement[] | undefined {
  const { creates, kinds } = COUNTERPARTS[op.kind] ?? COUNTERPARTS['drop-table'];
  const down = fx.rule.result.ops.filter((o) => isDownPhase(o.phase) && o.table === op.table && o.schema === op.schema && (op.kind !== 'drop-column' || o.column === op.column));
  if (down.length === 0) return [];
  if (down.filter((o) => o.kind === creates).length !== 1 || down.some((o) => !kinds.has(o.kind))) return undefined;
  const stmts: PyStatement[] = [];
  for (const o of down) {
    const s = ownStatement(o, fx);
    if (!s || stmts.includes(s)) return undefined;
    stmts.push(s);
  }
  return stmts;
}

/** Whole-line removals; a block left with nothing in it gets `pass`. Undefined when a statement shares its line. */
function removeStatements(fx: FixContext, stmts: PyStatement[]): TextEdit[] | undefined {
  const removed = new Set(stmts);
  const all = fx.python().statements;
  const edits: TextEdit[] = [];
  const passed = new Set<PyStatement>();
  for (const stmt of stmts) {
    const lines = wholeLines(fx, stmt);
    if (!lines) return undefined;
    const block = blockOf(fx, all, stmt);
    const first = block.find((s) => s === stmt || removed.has(s));
    if (block.every((s) => removed.has(s)) && first === stmt && !passed.has(stmt)) {
      passed.add(stmt);
      edits.push({ range: { start: stmt.start, end: stmt.end }, newText: 'pass' });
    } else {
      edits.push({ range: lines, newText: '' });
    }
  }
  return edits;
}

/** The statements at the same indentation as `stmt` in its block (nested ones are not members). */
function blockOf(fx: FixContext, all: PyStatement[], stmt: PyStatement): PyStatement[] {
  const i = all.indexOf(stmt);
  const indent = fx.indentAt(stmt.start).length;
  const members = [stmt];
  for (const step of [-1, 1]) {
    for (let j = i + step; j >= 0 && j < all.length; j += step) {
      const d = fx.indentAt(all[j].start).length;
      if (d < indent) break;
      if (d === indent) members.push(all[j]);
    }
  }
  return members;
}

/** The lines `range` fills, with their line breaks; undefined when anything else shares them. */
function wholeLines(fx: FixContext, range: Range): Range | undefined {
  const { index } = fx.rule;
  const first = index.position(range.start).line;
  const last = index.position(range.end).line;
  if (fx.text.slice(index.lineStart(first), range.start).trim() !== '') return undefined;
  if (fx.text.slice(range.end, index.lineEnd(last)).trim() !== '') return undefined;
  const end = index.lineStart(last + 1);
  return { start: index.lineStart(first), end: end > index.lineStart(last) ? end : fx.text.length };
}

function sqlStatementWithSemicolon(op: Operation, fx: FixContext): Range | undefined {
  const stmt = fx.sqlStatementOf(op);
  if (!stmt) return undefined;
  return { start: stmt.start, end: fx.text[stmt.end] === ';' ? stmt.end + 1 : stmt.end };
}

/** `migrations.DeleteModel(...)` with the comma that separates it from the next operation. */
function djangoOperation(op: Operation, fx: FixContext): Range | undefined {
  let end = op.range.end;
  while (fx.text[end] === ' ' || fx.text[end] === '\t') end++;
  return { start: op.range.start, end: fx.text[end] === ',' ? end + 1 : op.range.end };
}
