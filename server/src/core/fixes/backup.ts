// Back the table up before the operation destroys its data: `CREATE TABLE <t>_backup_<yyyymmdd> AS TABLE <t>`.
// Both frontends treat that statement as a backup of <t> for the destructive operations after it.

import type { Fix } from '../findings';
import type { Operation } from '../ops';
import type { FixContext } from './context';
import { pyStr, pythonNames } from './pyText';
import { derivedName, sqlName } from './sqlText';

export function backupFix(op: Operation, fx: FixContext): Fix | undefined {
  if (!op.table || !fx.postgres) return undefined;
  const backup = derivedName('', op.table, `_backup_${fx.stamp}`);
  const sql = `CREATE TABLE ${sqlName(op.schema, backup)} AS TABLE ${sqlName(op.schema, op.table)}`;
  const comment = `Keeps a copy of ${op.table}'s rows; drop ${backup} once nobody needs them.`;
  let edits: Fix['edits'] | undefined;
  if (fx.framework === 'sql') {
    const stmt = fx.sqlStatementOf(op);
    if (stmt) edits = [fx.linesBeforeSql(stmt.start, [`-- ${comment}`, `${sql};`])];
  } else if (fx.framework === 'alembic') {
    const stmt = fx.pythonStatementOf(op);
    if (stmt) {
      const names = pythonNames(fx, {});
      const backupLines = fx.linesAbove(stmt.start, [`# ${comment}`, `${names.op}.execute(${pyStr(sql)})`]);
      edits = names.edit ? [names.edit, backupLines] : [backupLines];
    }
  }
  if (!edits) return undefined;
  return { title: `Back up ${op.table} first (${sql})`, id: 'backup-table', edits };
}
