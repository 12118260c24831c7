// libpg-query AST -> operation drafts, one parsed statement at a time. Pure: no ranges, no parsing, no
// state; frontends/sql/frontend.ts places the drafts in the file and tracks transactions and guards. ALTER TABLE's
// commands are described in sql/pgAlterTable.ts.
//
// libpg-query omits fields that hold their zero value (false, 0, ""), so absent booleans mean false.

import type { CreateStmt, DropStmt, Node, RangeVar, RenameStmt, SelectStmt, TransactionStmtKind, UpdateStmt, WithClause } from 'libpg-query';
import type { ColumnInfo, OpDetails, OpKind } from '../../ops';
import { alterTableCmdOps, ATTRIBUTE_CHANGES, typeText } from './pgAlterTable';
import { enumOps } from './pgEnums';
import { last, namedTable, rangeVars, strings, tableRef, unwrapped } from './pgNodes';
import type { TableCopy } from './other';

export interface TableRef {
  schema?: string;
  table: string;
}

export interface OpDraft {
  kind: OpKind;
  schema?: string;
  table?: string;
  column?: string;
  details: OpDetails;
}

export interface StatementFacts {
  ops: OpDraft[];
  /**
   * Tables whose rows the statement copies into another table (CREATE TABLE .. AS, SELECT INTO, INSERT .. SELECT),
   * with the columns its select list names (absent for `*` or anything else that copies whole rows).
   */
  copiesFrom: CopiedTable[];
  /** All the rows of one table copied into another: the first half of a table rebuild. */
  copy?: TableCopy;
  /** `UPDATE t SET into = from` without WHERE: every value of column `from` copied into column `into`. */
  columnCopies?: ColumnCopy[];
  /** BEGIN/START TRANSACTION opens a transaction block; COMMIT/ROLLBACK/PREPARE TRANSACTION closes it. */
  transaction?: 'begin' | 'end';
}

export type CopiedTable = TableRef & { columns?: string[] };

export interface ColumnCopy {
  table: TableRef;
  from: string;
  into: string;
}

export function describeStatement(node: Node): StatementFacts {
  if ('TransactionStmt' in node) {
    const { kind, chain } = node.TransactionStmt;
    return { ops: [], copiesFrom: [], transaction: chain ? undefined : TRANSACTION_EFFECT[kind ?? 'TRANS_STMT_BEGIN'] };
  }
  if ('CreateTableAsStmt' in node) {
    const { into, query, objtype, if_not_exists } = node.CreateTableAsStmt;
    // `CREATE TABLE moved AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d` deletes from t.
    const ctes = query && 'SelectStmt' in query ? cteOps(query.SelectStmt.withClause) : [];
    if (objtype !== 'OBJECT_TABLE' || !into?.rel) return facts(ctes);
    const copied = query && !into.skipData ? copiedBy(query) : []; // WITH NO DATA copies nothing
    return withCopy(facts([...ctes, { kind: 'create-table', ...tableRef(into.rel), details: { ifExists: !!if_not_exists } }], copied), into.rel.relname);
  }
  if ('SelectStmt' in node) {
    const rel = node.SelectStmt.intoClause?.rel;
    const ops = cteOps(node.SelectStmt.withClause);
    if (!rel) return facts(ops);
    return facts([...ops, { kind: 'create-table', ...tableRef(rel), details: {} }], copiedBy(node));
  }
  if ('InsertStmt' in node) {
    const { relation, selectStmt, withClause } = node.InsertStmt;
    const target = relation?.relname;
    const sources = selectStmt ? copiedBy(selectStmt).filter((t) => t.table !== target) : [];
    return withCopy(facts(cteOps(withClause), sources), target);
  }
  // EXPLAIN ANALYZE runs its statement; PREPARE's statement runs at EXECUTE, reported where it is written.
  if ('ExplainStmt' in node) {
    const { query, options } = node.ExplainStmt;
    return query && explainRuns(options) ? describeStatement(query) : facts([]);
  }
  if ('PrepareStmt' in node) {
    const { query } = node.PrepareStmt;
    return query ? describeStatement(query) : facts([]);
  }
  const f = facts(statementOps(node));
  if ('UpdateStmt' in node) f.columnCopies = columnCopies(node.UpdateStmt);
  return f;
}

/**
 * SET targets whose value is another column of the row, as it is, cast, or wrapped whole into JSON
 * (`to_json(prompt::text)::json`): the values move, none is lost.
 */
function columnCopies(update: UpdateStmt): ColumnCopy[] {
  const { relation, whereClause, targetList, fromClause } = update;
  if (!relation || restricts(whereClause) || (fromClause ?? []).length > 0) return [];
  return (targetList ?? []).flatMap((t) => {
    if (!('ResTarget' in t) || !t.ResTarget.name || !t.ResTarget.val) return [];
    let value: Node | undefined = t.ResTarget.val;
    for (let inner = unwrapped(value); inner; inner = unwrapped(value)) value = inner;
    const last = 'ColumnRef' in value ? (value.ColumnRef.fields ?? []).at(-1) : undefined;
    const from = last && 'String' in last ? last.String.sval : undefined;
    return from ? namedTable(relation).map((table) => ({ table, from, into: t.ResTarget.name as string })) : [];
  });
}

const FALSE_WORDS = new Set(['false', 'off', 'no', '0']);

function explainRuns(options: Node[] | undefined): boolean {
  return (options ?? []).some((o) => {
    if (!('DefElem' in o) || o.DefElem.defname !== 'analyze') return false;
    const arg = o.DefElem.arg;
    if (!arg) return true;
    if ('String' in arg) return !FALSE_WORDS.has((arg.String.sval ?? '').toLowerCase());
    if ('Integer' in arg) return (arg.Integer.ival ?? 0) !== 0;
    if ('Boolean' in arg) return !!arg.Boolean.boolval;
    return true;
  });
}

function facts(ops: OpDraft[], copiesFrom: CopiedTable[] = []): StatementFacts {
  return { ops, copiesFrom };
}

/** Rows read from exactly one table into `into`: what a rebuild's copy does. A join mixes rows, so it is no copy. */
function withCopy(f: StatementFacts, into: string | undefined): StatementFacts {
  if (into && f.copiesFrom.length === 1) f.copy = { into, from: f.copiesFrom[0].table, sourceColumns: f.copiesFrom[0].columns ?? '*' };
  return f;
}

const TRANSACTION_EFFECT: Partial<Record<TransactionStmtKind, 'begin' | 'end'>> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'end',
  TRANS_STMT_ROLLBACK: 'end',
  TRANS_STMT_PREPARE: 'end',
};

function statementOps(node: Node): OpDraft[] {
  const enums = enumOps(node);
  if (enums) return enums;
  if ('DropStmt' in node) return dropOps(node.DropStmt);
  if ('DropdbStmt' in node) return [{ kind: 'drop-database', details: { ifExists: !!node.DropdbStmt.missing_ok } }];
  if ('TruncateStmt' in node) {
    const cascade = node.TruncateStmt.behavior === 'DROP_CASCADE';
    return rangeVars(node.TruncateStmt.relations).map((r) => ({ kind: 'truncate', ...tableRef(r), details: { cascade } }));
  }
  if ('DeleteStmt' in node) {
    const { relation, whereClause, withClause } = node.DeleteStmt;
    if (relation && isPgEnum(relation)) return [...cteOps(withClause), { kind: 'drop-enum-value', details: {} }];
    return [...cteOps(withClause), { kind: 'delete-rows', ...tableRef(relation), details: { hasWhere: restricts(whereClause) } }];
  }
  if ('UpdateStmt' in node) {
    const { relation, whereClause, withClause, targetList } = node.UpdateStmt;
    const columns = (targetList ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [{ name: t.ResTarget.name }] : []));
    return [...cteOps(withClause), { kind: 'update-rows', ...tableRef(relation), details: { hasWhere: restricts(whereClause), columns } }];
  }
  if ('MergeStmt' in node) {
    // WHEN MATCHED THEN DELETE deletes the rows the join matches, as a DELETE with a WHERE would.
    const { relation, mergeWhenClauses, withClause } = node.MergeStmt;
    const deletes = (mergeWhenClauses ?? []).some((c) => 'MergeWhenClause' in c && c.MergeWhenClause.commandType === 'CMD_DELETE');
    return [...cteOps(withClause), ...(deletes ? [{ kind: 'delete-rows' as const, ...tableRef(relation), details: { hasWhere: true } }] : [])];
  }
  // What these drop or run is decided in the database, not in the migration's text.
  if ('DropOwnedStmt' in node) return [{ kind: 'dynamic-sql', details: { reason: 'DROP OWNED drops every object the role owns, and which objects those are cannot be read from the migration' } }];
  if ('CallStmt' in node) return [{ kind: 'dynamic-sql', details: { reason: 'CALL runs a procedure whose body is not part of the migration, so what it does cannot be checked' } }];
  if ('AlterTableStmt' in node) {
    const { relation, cmds, objtype } = node.AlterTableStmt;
    if (!relation) return [];
    const table = tableRef(relation);
    if (objtype === 'OBJECT_TYPE') {
      // ALTER TYPE composite DROP ATTRIBUTE / ALTER ATTRIBUTE .. TYPE fails while a column uses the type, but with
      // CASCADE it changes the tables created OF the type: their column goes, or is rewritten, in every row.
      const attrs = (cmds ?? []).flatMap((c) =>
        'AlterTableCmd' in c && c.AlterTableCmd.behavior === 'DROP_CASCADE' && ATTRIBUTE_CHANGES.has(c.AlterTableCmd.subtype ?? 'AT_AddColumn') ? [c.AlterTableCmd] : [],
      );
      return attrs.flatMap((cmd) => alterTableCmdOps(table, cmd));
    }
    if (objtype !== 'OBJECT_TABLE') return [];
    return (cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? alterTableCmdOps(table, c.AlterTableCmd) : []));
  }
  if ('RenameStmt' in node) return renameOps(node.RenameStmt);
  if ('AlterObjectSchemaStmt' in node) {
    // ALTER TABLE t SET SCHEMA archive moves the table: code that names it (or finds it on search_path) fails.
    const { objectType, relation, newschema } = node.AlterObjectSchemaStmt;
    if (objectType !== 'OBJECT_TABLE' || !relation?.relname || !newschema) return [];
    return [{ kind: 'rename-table', ...tableRef(relation), details: { newName: `${newschema}.${relation.relname}` } }];
  }
  if ('IndexStmt' in node) {
    const { relation, concurrent, unique, idxname } = node.IndexStmt;
    const details: OpDetails = { concurrently: !!concurrent, unique: !!unique };
    if (idxname) details.indexName = idxname;
    return [{ kind: 'create-index', ...tableRef(relation), details }];
  }
  // The tables an extension owns come with it: a downgrade that creates the extension again recreates them.
  if ('CreateExtensionStmt' in node) {
    const { extname, if_not_exists } = node.CreateExtensionStmt;
    return (EXTENSION_TABLES[(extname ?? '').toLowerCase()]?.tables ?? []).map((name) => ({ kind: 'create-table', ...qualified(name.split('.')), details: { ifExists: !!if_not_exists } }));
  }
  if ('CreateStmt' in node) {
    const details: OpDetails = { ifExists: !!node.CreateStmt.if_not_exists };
    // CREATE TABLE IF NOT EXISTS may leave an older table in place: its columns are not known then.
    if (!node.CreateStmt.if_not_exists) details.columns = declaredColumns(node.CreateStmt);
    return [{ kind: 'create-table', ...tableRef(node.CreateStmt.relation), details }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------- DROP

function dropOps(stmt: DropStmt): OpDraft[] {
  const details: OpDetails = { ifExists: !!stmt.missing_ok, cascade: stmt.behavior === 'DROP_CASCADE' };
  const objects = (stmt.objects ?? []).map(objectName);
  switch (stmt.removeType) {
    case 'OBJECT_TABLE':
      return objects.map((name) => ({ kind: 'drop-table', ...qualified(name), details }));
    case 'OBJECT_SCHEMA':
      return objects.map((name) => ({ kind: 'drop-schema', schema: name[name.length - 1], details }));
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN':
      return objects.map((name) => withSchema(name, { kind: 'drop-type', details: { ...details, typeName: last(name) } }));
    case 'OBJECT_EXTENSION':
      return objects.flatMap((name) => extensionDropOps(last(name), details));
    case 'OBJECT_FUNCTION':
    case 'OBJECT_ROUTINE':
    case 'OBJECT_AGGREGATE':
      // CASCADE drops whatever uses the function: triggers, defaults, constraints, indexes, views, and
      // columns generated from it. Which ones is decided in the database.
      if (!details.cascade) return [];
      return (stmt.objects ?? []).map((obj) => ({
        kind: 'drop-constraint',
        details: { ...details, cascadeFrom: `${stmt.removeType === 'OBJECT_AGGREGATE' ? 'aggregate' : 'function'} ${functionName(obj)}` },
      }));
    case 'OBJECT_INDEX': {
      const concurrently = !!stmt.concurrent;
      return objects.map((name) =>
        withSchema(name, { kind: 'drop-index', details: { ...details, indexName: last(name), concurrently } }),
      );
    }
    default:
      return [];
  }
}

// Tables an extension creates and owns: DROP EXTENSION drops them with the extension, CASCADE or not.
const EXTENSION_TABLES: Record<string, { tables: string[]; also?: string }> = {
  postgis: { tables: ['spatial_ref_sys'] },
  postgis_topology: { tables: ['topology.topology', 'topology.layer'] },
  timescaledb: { tables: ['_timescaledb_catalog.hypertable'], also: "with it the chunks of every hypertable, which hold all of their rows" },
  pg_cron: { tables: ['cron.job', 'cron.job_run_details'] },
  pg_partman: { tables: ['part_config', 'part_config_sub'] },
};

function extensionDropOps(extension: string, details: OpDetails): OpDraft[] {
  const owned = EXTENSION_TABLES[extension.toLowerCase()];
  const ops: OpDraft[] = (owned?.tables ?? []).map((name) => ({
    kind: 'drop-table',
    ...qualified(name.split('.')),
    details: { ...details, droppedBy: `DROP EXTENSION ${extension}`, ...(owned?.also ? { droppedAlso: owned.also } : {}) },
  }));
  // CASCADE drops every column whose type the extension provides (hstore, geometry, citext...).
  if (details.cascade) {
    const reason = `DROP EXTENSION ${extension} CASCADE also drops every column of a type the extension provides, and which columns those are cannot be read from the migration`;
    ops.push({ kind: 'dynamic-sql', details: { reason } });
  }
  return ops;
}

function functionName(obj: Node): string {
  const name = 'ObjectWithArgs' in obj ? strings(obj.ObjectWithArgs.objname) : objectName(obj);
  return name.join('.');
}

/** DROP lists name tables and indexes as List[String], schemas as String, types as TypeName. */
function objectName(obj: Node): string[] {
  if ('List' in obj) return strings(obj.List.items);
  if ('String' in obj) return [obj.String.sval ?? ''];
  if ('TypeName' in obj) return strings(obj.TypeName.names);
  return [];
}

function qualified(name: string[]): TableRef {
  const ref: TableRef = { table: last(name) };
  if (name.length > 1) ref.schema = name[name.length - 2];
  return ref;
}

function withSchema(name: string[], draft: OpDraft): OpDraft {
  if (name.length > 1) draft.schema = name[name.length - 2];
  return draft;
}

// ------------------------------------------------------------------------------------------- RENAME

function renameOps(stmt: RenameStmt): OpDraft[] {
  const newName = stmt.newname ?? '';
  if (stmt.renameType === 'OBJECT_TABLE') return [{ kind: 'rename-table', ...tableRef(stmt.relation), details: { newName } }];
  if (stmt.renameType === 'OBJECT_COLUMN' && stmt.relationType === 'OBJECT_TABLE') {
    return [{ kind: 'rename-column', ...tableRef(stmt.relation), column: stmt.subname, details: { newName } }];
  }
  return [];
}

// ------------------------------------------------------------------------------------------ helpers

/** `WITH d AS (DELETE FROM t RETURNING *) INSERT ...` deletes rows even though the statement is an INSERT. */
function cteOps(withClause: WithClause | undefined): OpDraft[] {
  return (withClause?.ctes ?? []).flatMap((cte) =>
    'CommonTableExpr' in cte && cte.CommonTableExpr.ctequery ? statementOps(cte.CommonTableExpr.ctequery) : [],
  );
}

/** A WHERE clause that can leave rows out: not absent, and not a constant truth (`WHERE true`, `WHERE 1 = 1`). */
function restricts(where: Node | undefined): boolean {
  if (!where) return false;
  if ('A_Const' in where) return !where.A_Const.boolval?.boolval;
  if ('A_Expr' in where) {
    const { kind, name, lexpr, rexpr } = where.A_Expr;
    const op = strings(name);
    if (kind === 'AEXPR_OP' && op.length === 1 && op[0] === '=' && lexpr && rexpr && 'A_Const' in lexpr && 'A_Const' in rexpr) {
      return JSON.stringify({ ...lexpr.A_Const, location: 0 }) !== JSON.stringify({ ...rexpr.A_Const, location: 0 });
    }
  }
  return true;
}

function isPgEnum(r: RangeVar): boolean {
  return r.relname === 'pg_enum' && (r.schemaname === undefined || r.schemaname === 'pg_catalog');
}

/** The tables a query copies rows from, each with the columns its select list names (none for `*`). */
function copiedBy(query: Node): CopiedTable[] {
  const tables = tablesSelectedFrom(query);
  if (tables.length === 0 || !('SelectStmt' in query)) return tables;
  const columns = selectedColumns(query.SelectStmt, []);
  return columns ? tables.map((t) => ({ ...t, columns })) : tables;
}

/** Every column name the select lists mention, or undefined when one of them copies whole rows (`*`, `t.*`). */
function selectedColumns(s: SelectStmt, into: string[]): string[] | undefined {
  for (const side of [s.larg, s.rarg]) if (side && !selectedColumns(side, into)) return undefined;
  let whole = false;
  const visit = (value: unknown): void => {
    if (whole || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'A_Star') whole = true;
      else if (key === 'ColumnRef') {
        const last = ((child as { fields?: Node[] }).fields ?? []).at(-1);
        if (last && 'A_Star' in last) whole = true;
        else if (last && 'String' in last) into.push((last.String.sval ?? '').toLowerCase());
      } else visit(child);
    }
  };
  if (s.larg || s.rarg) return into;
  visit(s.targetList);
  return whole || !s.targetList ? undefined : into;
}

/**
 * The tables a query reads every row of, so that its copy is a backup of them: its FROM list, through
 * outer joins and UNION. A WHERE, LIMIT, DISTINCT or GROUP BY, an inner join, a second FROM item or
 * EXCEPT/INTERSECT leaves rows out ("rows without a project are not copied"), so none of those counts.
 */
function tablesSelectedFrom(query: Node): TableRef[] {
  return 'SelectStmt' in query ? selectSources(query.SelectStmt) : [];
}

function selectSources(s: SelectStmt): TableRef[] {
  if (s.op !== undefined && s.op !== 'SETOP_NONE') return s.op === 'SETOP_UNION' ? [s.larg, s.rarg].flatMap((side) => (side ? selectSources(side) : [])) : [];
  if (restricts(s.whereClause) || s.limitCount || s.distinctClause || s.groupClause || s.havingClause) return [];
  const from = s.fromClause ?? [];
  return from.length === 1 ? fromItemTables(from[0]) : [];
}

function fromItemTables(item: Node): TableRef[] {
  if ('RangeVar' in item) return namedTable(item.RangeVar);
  if ('JoinExpr' in item) {
    const { jointype, larg, rarg } = item.JoinExpr;
    // A LEFT JOIN keeps every row of its left side (a FULL JOIN of both); an inner join only the matches.
    const kept = [jointype === 'JOIN_LEFT' || jointype === 'JOIN_FULL' ? larg : undefined, jointype === 'JOIN_RIGHT' || jointype === 'JOIN_FULL' ? rarg : undefined];
    return kept.flatMap((side) => (side ? fromItemTables(side) : []));
  }
  return [];
}

/** Every table named anywhere in a parsed expression (used to read what a guard's IF condition checks). */
export function tablesMentioned(tree: unknown): TableRef[] {
  const found: TableRef[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'RangeVar') found.push(...namedTable(child as RangeVar));
        else visit(child);
      }
    }
  };
  visit(tree);
  return found;
}

/** The value of a lone string literal (`'DROP TABLE x'`), or undefined for any other expression. */
export function constantString(select: Node | undefined): string | undefined {
  if (!select || !('SelectStmt' in select)) return undefined;
  const { targetList, fromClause } = select.SelectStmt;
  if (targetList?.length !== 1 || fromClause) return undefined;
  const target = targetList[0];
  const value = 'ResTarget' in target ? target.ResTarget.val : undefined;
  if (!value || !('A_Const' in value) || !value.A_Const.sval) return undefined;
  return value.A_Const.sval.sval ?? '';
}

/** The columns CREATE TABLE declares with their types, so a later ALTER COLUMN TYPE can be judged against them. */
function declaredColumns(stmt: CreateStmt): ColumnInfo[] {
  return (stmt.tableElts ?? []).flatMap((e) =>
    'ColumnDef' in e && e.ColumnDef.colname ? [{ name: e.ColumnDef.colname, ...(e.ColumnDef.typeName ? { type: typeText(e.ColumnDef.typeName) } : {}) }] : [],
  );
}
