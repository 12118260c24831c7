// ALTER TABLE commands -> operation drafts: columns dropped, retyped, set NOT NULL or added (with whether
// the new column's default fills every row), and constraints added or dropped.

import type { AlterTableCmd, ColumnDef, ConstrType, Constraint, Node, TypeName } from 'libpg-query';
import type { OpDetails } from '../../ops';
import { last, strings } from './pgNodes';
import type { OpDraft, TableRef } from './pgStatements';

export const ATTRIBUTE_CHANGES = new Set<AlterTableCmd['subtype']>(['AT_DropColumn', 'AT_AlterColumnType']);

export function alterTableCmdOps(table: Partial<TableRef>, cmd: AlterTableCmd): OpDraft[] {
  const column = cmd.name;
  switch (cmd.subtype) {
    case 'AT_DropColumn':
      return [
        {
          kind: 'drop-column',
          ...table,
          column,
          details: { ifExists: !!cmd.missing_ok, cascade: cmd.behavior === 'DROP_CASCADE' },
        },
      ];
    case 'AT_AlterColumnType': {
      const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      const details: OpDetails = { newType: def?.typeName ? typeText(def.typeName) : 'unknown' };
      // USING <expression> (libpg-query keeps it as the ColumnDef's raw_default): more than a cast of the
      // column itself may turn values into something else, or into NULL.
      if (def?.raw_default && ZONED.has(details.newType ?? '') && utcOfColumn(def.raw_default, column)) details.lossless = true;
      else if (def?.raw_default && !castOfColumn(def.raw_default, column)) details.valuesConverted = true;
      return [{ kind: 'alter-column', ...table, column, details }];
    }
    case 'AT_SetNotNull':
      return [{ kind: 'alter-column', ...table, column, details: { nullable: false } }];
    case 'AT_AddColumn':
      return cmd.def && 'ColumnDef' in cmd.def ? addColumnOps(table, cmd.def.ColumnDef, !!cmd.missing_ok) : [];
    case 'AT_DropConstraint':
      return [{ kind: 'drop-constraint', ...table, details: { constraintName: cmd.name, ifExists: !!cmd.missing_ok } }];
    case 'AT_AddConstraint':
      return cmd.def && 'Constraint' in cmd.def ? [constraintOp(table, cmd.def.Constraint)] : [];
    case 'AT_DetachPartition': {
      // The partition becomes a table of its own: its rows stay, but no longer appear in the parent.
      const partition = cmd.def && 'PartitionCmd' in cmd.def ? cmd.def.PartitionCmd.name : undefined;
      const name = partition?.relname ? [partition.schemaname, partition.relname].filter(Boolean).join('.') : 'a partition';
      return [{ kind: 'delete-rows', ...table, details: { hasWhere: true, partition: name, detached: true } }];
    }
    case 'AT_DropInherit': {
      // NO INHERIT parent: the child's rows no longer appear in the parent, as a detached partition's.
      const parent = cmd.def && 'RangeVar' in cmd.def ? cmd.def.RangeVar : undefined;
      if (!parent?.relname || !table.table) return [];
      const draft: OpDraft = { kind: 'delete-rows', table: parent.relname, details: { hasWhere: true, partition: [table.schema, table.table].filter(Boolean).join('.'), detached: true } };
      if (parent.schemaname) draft.schema = parent.schemaname;
      return [draft];
    }
    default:
      return [];
  }
}

const CONSTRAINT_TYPES: Partial<Record<ConstrType, OpDetails['constraintType']>> = {
  CONSTR_FOREIGN: 'foreign-key',
  CONSTR_CHECK: 'check',
  CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primary-key',
  CONSTR_EXCLUSION: 'exclusion',
  CONSTR_NOTNULL: 'not-null',
};

function constraintOp(table: Partial<TableRef>, c: Constraint, column?: string): OpDraft {
  const details: OpDetails = {
    constraintType: CONSTRAINT_TYPES[c.contype ?? 'CONSTR_NULL'] ?? 'unknown',
    notValid: !!c.skip_validation,
  };
  if (c.conname) details.constraintName = c.conname;
  const draft: OpDraft = { kind: 'add-constraint', ...table, details };
  if (column) draft.column = column;
  return draft;
}

// Constraints declared inline on a new column that lock or scan the table like ALTER TABLE .. ADD CONSTRAINT.
const INLINE_TABLE_CONSTRAINTS = new Set<ConstrType>([
  'CONSTR_FOREIGN',
  'CONSTR_CHECK',
  'CONSTR_UNIQUE',
  'CONSTR_PRIMARY',
  'CONSTR_EXCLUSION',
]);
const IMPLIES_NOT_NULL = new Set<ConstrType>(['CONSTR_NOTNULL', 'CONSTR_PRIMARY', 'CONSTR_IDENTITY']);
const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

function addColumnOps(table: Partial<TableRef>, def: ColumnDef, ifNotExists = false): OpDraft[] {
  const constraints = (def.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr ?? def.raw_default;
  // serial (a nextval() default), identity and stored generated columns fill every existing row: a rewrite.
  const filledPerRow =
    SERIAL_TYPES.has(last(strings(def.typeName?.names))) ||
    constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || (c.contype === 'CONSTR_GENERATED' && c.generated_kind !== 'v'));
  const notNull = !!def.is_not_null || constraints.some((c) => c.contype !== undefined && IMPLIES_NOT_NULL.has(c.contype));
  const column = def.colname;
  const addColumn: OpDraft = {
    kind: 'add-column',
    ...table,
    column,
    details: {
      nullable: !notNull,
      // ADD COLUMN IF NOT EXISTS may leave a column of another type in place: its type is not known then.
      ...(def.typeName && !ifNotExists ? { newType: typeText(def.typeName) } : {}),
      hasDefault: defaultExpr !== undefined || filledPerRow,
      volatileDefault: filledPerRow || (defaultExpr !== undefined && isVolatile(defaultExpr)),
      // The column may already be there, full of values: it is not new.
      ...(ifNotExists ? { ifExists: true } : {}),
    },
  };
  const inline = constraints.filter((c) => c.contype !== undefined && INLINE_TABLE_CONSTRAINTS.has(c.contype));
  return [addColumn, ...inline.map((c) => constraintOp(table, c, column))];
}

// Functions PostgreSQL evaluates once for ADD COLUMN .. DEFAULT (STABLE or IMMUTABLE), so no table rewrite.
const NON_VOLATILE_FUNCTIONS = new Set([
  'now',
  'transaction_timestamp',
  'statement_timestamp',
  'timezone',
  'to_timestamp',
  'to_date',
  'make_date',
  'make_interval',
  'current_setting',
  'lower',
  'upper',
  'jsonb_build_object',
  'json_build_object',
  'jsonb_build_array',
  'json_build_array',
]);

/** Anything that is not built from constants and known non-volatile functions counts as volatile. */
export function isVolatile(expr: Node): boolean {
  if ('A_Const' in expr || 'SQLValueFunction' in expr) return false;
  if ('TypeCast' in expr) return expr.TypeCast.arg !== undefined && isVolatile(expr.TypeCast.arg);
  if ('FuncCall' in expr) {
    const name = last(strings(expr.FuncCall.funcname));
    return !NON_VOLATILE_FUNCTIONS.has(name) || (expr.FuncCall.args ?? []).some(isVolatile);
  }
  if ('A_Expr' in expr) return [expr.A_Expr.lexpr, expr.A_Expr.rexpr].some((e) => e !== undefined && isVolatile(e));
  if ('A_ArrayExpr' in expr) return (expr.A_ArrayExpr.elements ?? []).some(isVolatile);
  if ('BoolExpr' in expr) return (expr.BoolExpr.args ?? []).some(isVolatile);
  return true;
}

// Internal names the parser substitutes for SQL-standard type syntax, mapped back to what people write.
const TYPE_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  varbit: 'bit varying',
};

export function typeText(t: TypeName): string {
  const names = strings(t.names);
  const builtin = names.length === 2 && names[0] === 'pg_catalog';
  const base = builtin ? (TYPE_NAMES[names[1]] ?? names[1]) : names.join('.');
  // interval's modifier is an internal field mask (INTERVAL DAY -> 8), not something to print.
  const mods = base === 'interval' ? [] : (t.typmods ?? []).map(constText);
  return base + (mods.length > 0 ? `(${mods.join(',')})` : '') + '[]'.repeat(t.arrayBounds?.length ?? 0);
}

function constText(n: Node): string {
  if (!('A_Const' in n)) return '?';
  const c = n.A_Const;
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval ?? '0';
  return c.sval?.sval ?? '?';
}

const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt']);
// What `AT TIME ZONE` converts between.
const ZONED = new Set(['timestamptz', 'timestamp']);

/** `col AT TIME ZONE 'UTC'` (libpg-query: pg_catalog.timezone('UTC', col)): a timestamp read as UTC. */
function utcOfColumn(node: Node, column: string | undefined): boolean {
  if (!('FuncCall' in node)) return false;
  const { funcname, args = [] } = node.FuncCall;
  const zone = args[0];
  return (
    last(strings(funcname)) === 'timezone' &&
    args.length === 2 &&
    zone !== undefined &&
    'A_Const' in zone &&
    UTC_NAMES.has((zone.A_Const.sval?.sval ?? '').toLowerCase()) &&
    castOfColumn(args[1], column)
  );
}

/** `col`, `col::type` or `CAST(col AS type)`, however many casts deep. */
function castOfColumn(node: Node, column: string | undefined): boolean {
  if ('TypeCast' in node) return node.TypeCast.arg !== undefined && castOfColumn(node.TypeCast.arg, column);
  if (!('ColumnRef' in node)) return false;
  const fields = node.ColumnRef.fields ?? [];
  const named = fields[fields.length - 1];
  return named !== undefined && 'String' in named && named.String.sval === column;
}
