// Build indexes without blocking writes: CREATE INDEX CONCURRENTLY, which PostgreSQL only runs outside a
// transaction, so the fix also takes the statement out of the migration's transaction.

import type { Fix, TextEdit } from '../findings';
import type { Operation } from '../ops';
import type { FixContext } from './context';
import { addKeywordArgument, pythonNames, wrapInAutocommitBlock } from './pyText';

const CREATE_INDEX = /^CREATE\s+(?:UNIQUE\s+)?INDEX\b/i;
const CREATE_INDEX_CALL = /^([A-Za-z_]\w*)\.create_index\s*\(/;
const DBMATE_SECTION = /^[ \t]*--[ \t]*migrate:(?:up|down)\b[^\r\n]*/gim;
const GOOSE_SECTION = /^[ \t]*--[ \t]*\+goose[ \t]+(?:up|down)\b/im;

export function concurrentlyFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!fx.postgres) return undefined;
  const edits = fx.framework === 'sql' ? sqlEdits(op, fx, true) : fx.framework === 'alembic' ? alembicEdits(op, fx, true) : undefined;
  if (!edits) return undefined;
  const outside = op.details.inTransaction ? ', outside the migration transaction' : '';
  return { title: `Build the index CONCURRENTLY${outside}, so writes to ${op.table ?? 'the table'} are not blocked`, id: 'create-index-concurrently', preferred: true, edits };
}

/** concurrently-in-transaction: the statement already says CONCURRENTLY; only the transaction has to go. */
export function outsideTransactionFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!op.details.inTransaction) return undefined;
  const edits = fx.framework === 'sql' ? sqlEdits(op, fx, false) : fx.framework === 'alembic' ? alembicEdits(op, fx, false) : undefined;
  if (!edits) return undefined;
  return { title: 'Run this statement outside the migration transaction', id: 'outside-transaction', preferred: true, edits };
}

function sqlEdits(op: Operation, fx: FixContext, addKeyword: boolean): TextEdit[] | undefined {
  const stmt = fx.sqlStatementOf(op);
  if (!stmt) return undefined;
  const edits: TextEdit[] = [];
  if (addKeyword) {
    const keyword = keywordEdit(op, fx, stmt.start);
    if (!keyword) return undefined;
    edits.push(keyword);
  }
  if (op.details.inTransaction) {
    const transaction = leaveTransaction(op, fx);
    if (!transaction) return undefined;
    edits.push(transaction);
  }
  return edits;
}

function keywordEdit(op: Operation, fx: FixContext, start: number): TextEdit | undefined {
  const m = CREATE_INDEX.exec(fx.text.slice(start, op.range.end));
  if (!m) return undefined;
  const at = start + m[0].length;
  return { range: { start: at, end: at }, newText: ' CONCURRENTLY' };
}

/** dbmate: `-- migrate:up transaction:false` for the section; goose: `-- +goose NO TRANSACTION` for the file. */
function leaveTransaction(op: Operation, fx: FixContext): TextEdit | undefined {
  const dbmate = [...fx.text.matchAll(DBMATE_SECTION)].filter((m) => m.index < op.range.start).pop();
  if (dbmate) {
    const end = dbmate.index + dbmate[0].length;
    return { range: { start: end, end }, newText: ' transaction:false' };
  }
  if (GOOSE_SECTION.test(fx.text)) return { range: { start: 0, end: 0 }, newText: `-- +goose NO TRANSACTION${fx.eol}` };
  return undefined;
}

function alembicEdits(op: Operation, fx: FixContext, addKeyword: boolean): TextEdit[] | undefined {
  const stmt = fx.pythonStatementOf(op);
  if (!stmt) return undefined;
  const inner: TextEdit[] = [];
  if (addKeyword) {
    const edit = op.origin === 'python-call' ? kwargEdit(op, fx) : fx.sqlStatementOf(op) && keywordEdit(op, fx, op.range.start);
    if (!edit) return undefined;
    inner.push(edit);
  }
  if (!op.details.inTransaction) return inner;
  const names = pythonNames(fx, {});
  const wrap = wrapInAutocommitBlock(fx, stmt, names.op, inner);
  return names.edit ? [names.edit, wrap] : [wrap];
}

function kwargEdit(op: Operation, fx: FixContext): TextEdit | undefined {
  if (!CREATE_INDEX_CALL.test(fx.text.slice(op.range.start, op.range.end))) return undefined;
  return addKeywordArgument(fx, op.range, 'postgresql_concurrently=True');
}
