// Archive instead of drop: rename the table to `_archived_<table>_<yyyymmdd>`, so its rows survive and the
// name is free. Dropping the archive later is a decision of its own.

import type { Fix } from '../findings';
import type { Operation } from '../ops';
import type { FixContext } from './context';
import { pyStr } from './pyText';
import { derivedName, needsQuoting, sqlIdent, sqlName } from './sqlText';

const DROP_TABLE_CALL = /^([A-Za-z_]\w*)\.drop_table\s*\(/;

export function archiveFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!op.table) return undefined;
  const archived = derivedName('_archived_', op.table, `_${fx.stamp}`);
  const edit = op.origin === 'python-call' ? renameCall(op, fx, archived) : renameStatement(op, fx, archived);
  if (!edit) return undefined;
  return { title: `Archive ${op.table} instead of dropping it (rename it to ${archived})`, id: 'archive-table', edits: [edit] };
}

function renameCall(op: Operation, fx: FixContext, archived: string): Fix['edits'][number] | undefined {
  const receiver = DROP_TABLE_CALL.exec(fx.text.slice(op.range.start, op.range.end))?.[1];
  if (!receiver || !op.table || fx.unrolled(op)) return undefined;
  const schema = op.schema ? `, schema=${pyStr(op.schema)}` : '';
  return { range: op.range, newText: `${receiver}.rename_table(${pyStr(op.table)}, ${pyStr(archived)}${schema})` };
}

function renameStatement(op: Operation, fx: FixContext, archived: string): Fix['edits'][number] | undefined {
  if (!fx.postgres || !op.table) return undefined;
  const stmt = fx.sqlStatementOf(op);
  if (!stmt) return undefined;
  // Inside a Python string a quoted identifier's `"` could end the literal; plain names are always safe there.
  const names = [op.schema ?? '', op.table, archived].filter(Boolean);
  if (fx.framework !== 'sql' && names.some(needsQuoting)) return undefined;
  const ifExists = op.details.ifExists ? 'IF EXISTS ' : '';
  return { range: stmt, newText: `ALTER TABLE ${ifExists}${sqlName(op.schema, op.table)} RENAME TO ${sqlIdent(archived)}` };
}
