// Guard a drop: refuse to run it while the table (or the column) still holds data. The frontends recognise
// exactly these shapes as emptiness checks, so the drop becomes a quieter "protected" finding.

import type { Fix } from '../findings';
import type { Operation } from '../ops';
import type { FixContext } from './context';
import { pyStr, pythonNames } from './pyText';
import { sqlIdent, sqlLiteral, sqlName } from './sqlText';

interface Target {
  /** How messages name it: `table orders` / `column orders.note`. */
  label: string;
  /** SQL that finds a row holding data. */
  probe: string;
}

function targetOf(op: Operation): Target | undefined {
  if (!op.table) return undefined;
  const table = sqlName(op.schema, op.table);
  const name = op.schema ? `${op.schema}.${op.table}` : op.table;
  if (op.kind === 'drop-table') return { label: `table ${name}`, probe: `SELECT 1 FROM ${table}` };
  if (op.kind === 'drop-column' && op.column) {
    return { label: `column ${name}.${op.column}`, probe: `SELECT 1 FROM ${table} WHERE ${sqlIdent(op.column)} IS NOT NULL` };
  }
  return undefined;
}

export function emptinessGuardFix(op: Operation, fx: FixContext): Fix | undefined {
  const target = targetOf(op);
  if (!target) return undefined;
  const fix = fx.framework === 'alembic' ? alembicGuard(op, fx, target) : fx.framework === 'sql' ? sqlGuard(op, fx, target) : undefined;
  if (!fix) return undefined;
  return { title: `Guard the drop: stop the migration while ${target.label} still has data`, id: 'emptiness-guard', preferred: true, edits: fix };
}

function alembicGuard(op: Operation, fx: FixContext, target: Target): Fix['edits'] | undefined {
  const stmt = fx.pythonStatementOf(op);
  if (!stmt) return undefined;
  const names = pythonNames(fx, { context: true, text: true });
  const inner = fx.deeper('');
  const message = `${target.label} still has data: refusing to drop it (back it up, or run alembic with -x allow_data_loss=1)`;
  const guard = fx.linesAbove(stmt.start, [
    `# Stops the migration while ${target.label} still has data.`,
    '# Skipped in --sql (offline) mode, where there is no database to ask;',
    '# `alembic -x allow_data_loss=1 upgrade ...` drops it anyway.',
    'if (',
    `${inner}not ${names.context}.is_offline_mode()`,
    `${inner}and not ${names.context}.get_x_argument(as_dictionary=True).get("allow_data_loss")`,
    `${inner}and ${names.op}.get_bind().execute(${names.text}(${pyStr(`${target.probe} LIMIT 1`)})).first() is not None`,
    '):',
    `${inner}raise RuntimeError(${pyStr(message)})`,
  ]);
  return names.edit ? [names.edit, guard] : [guard];
}

function sqlGuard(op: Operation, fx: FixContext, target: Target): Fix['edits'] | undefined {
  if (!fx.postgres) return undefined;
  const stmt = fx.sqlStatementOf(op);
  if (!stmt) return undefined;
  // RAISE treats % as a placeholder.
  const message = sqlLiteral(`${target.label} still has data: refusing to drop it`.replace(/%/g, '%%'));
  const lines = [
    `-- Stops the migration while ${target.label} still has data.`,
    'DO $$',
    'BEGIN',
    `  IF EXISTS (${target.probe}) THEN`,
    `    RAISE EXCEPTION ${message};`,
    '  END IF;',
    'END $$;',
  ];
  return [fx.linesBeforeSql(stmt.start, lines)];
}
