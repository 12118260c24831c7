// Add foreign keys and CHECK constraints NOT VALID: PostgreSQL then skips the scan of existing rows, and a
// later VALIDATE CONSTRAINT checks them without blocking writes.

import type { Fix, TextEdit } from '../findings';
import type { Operation } from '../ops';
import type { FixContext } from './context';
import { addKeywordArgument } from './pyText';

const CONSTRAINT_CALL = /^[A-Za-z_]\w*\.create_(?:foreign_key|check_constraint)\s*\(/;
// One ADD CONSTRAINT per statement: NOT VALID at the end of the statement belongs to it.
const ALTER_ADD_CONSTRAINT = /^ALTER\s+TABLE\b(?:(?!\bADD\b)[\s\S])*\bADD\s+(?:CONSTRAINT\s+\S+\s+)?(?:FOREIGN\s+KEY|CHECK)\b(?:(?!\bADD\b)[\s\S])*$/i;

export function notValidFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!fx.postgres) return undefined;
  const edit = op.origin === 'python-call' ? kwargEdit(op, fx) : sqlEdit(op, fx);
  if (!edit) return undefined;
  const what = op.details.constraintType === 'check' ? 'check constraint' : 'foreign key';
  return { title: `Add the ${what} NOT VALID (validate it in a later migration)`, id: 'add-constraint-not-valid', preferred: true, edits: [edit] };
}

function kwargEdit(op: Operation, fx: FixContext): TextEdit | undefined {
  if (fx.framework !== 'alembic' || !CONSTRAINT_CALL.test(fx.text.slice(op.range.start, op.range.end))) return undefined;
  return addKeywordArgument(fx, op.range, 'postgresql_not_valid=True');
}

function sqlEdit(op: Operation, fx: FixContext): TextEdit | undefined {
  const stmt = fx.sqlStatementOf(op);
  if (!stmt || !ALTER_ADD_CONSTRAINT.test(fx.text.slice(stmt.start, stmt.end))) return undefined;
  let at = stmt.end;
  while (at > stmt.start && /\s/.test(fx.text[at - 1])) at--;
  return { range: { start: at, end: at }, newText: ' NOT VALID' };
}
