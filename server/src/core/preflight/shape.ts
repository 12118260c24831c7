// What a data-dependent operation demands of the rows already there, in one form for every frontend:
// Alembic and Django carry it in the operation's details; for SQL it is read from the statement's
// parse tree (the frontends keep only what the rules need, so the statement is parsed again here).

import type { Operation } from '../ops';
import { ParserNotReady } from '../parse/notReady';
import { pgParser } from '../parse/pg';

type Node = Record<string, unknown>;

/** An index or constraint key: a column name, or an expression's parse tree (`lower(email)`). */
export type KeyPart = { column: string } | { tree: unknown };

export type Shape =
  | { kind: 'not-null'; column: string }
  | { kind: 'unique'; keys: KeyPart[]; where?: unknown; whereText?: string }
  | { kind: 'foreign-key'; columns: string[]; ref: { schema?: string; table: string; columns: string[] }; notValid: boolean }
  | { kind: 'check'; tree?: unknown; text?: string; notValid: boolean }
  | { kind: 'type'; column: string; newType: string }
  | { kind: 'rows'; action: 'delete' | 'update'; where?: unknown; whereText?: string }
  | { kind: 'none'; why: string };

const FROM_SQL = new Set(['sql-file', 'embedded-sql']);

/** `nth`: which of the statement's operations of this kind the op is (an ALTER TABLE may add several constraints). */
export function shapeOf(op: Operation, text: string, nth: number): Shape | undefined {
  const d = op.details;
  if (op.kind === 'alter-column') {
    if (!op.column) return undefined;
    if (d.nullable === false && !d.fillsNulls) return { kind: 'not-null', column: op.column };
    if (d.newType && !d.lossless && !d.previousUnknown && !d.valuesConverted) return { kind: 'type', column: op.column, newType: d.newType };
    return undefined;
  }
  if (op.kind === 'delete-rows' || op.kind === 'update-rows') return rowsShape(op, text);
  const sql = FROM_SQL.has(op.origin) && (op.kind === 'create-index' || op.kind === 'add-constraint') ? fromSql(op, text, nth) : undefined;
  if (sql) return sql;
  if (op.kind === 'create-index' && d.unique) {
    const keys = d.keyColumns ?? (op.column ? [op.column] : undefined);
    if (!keys) return { kind: 'none', why: 'the index columns were not read from the migration' };
    return { kind: 'unique', keys: keys.map((column) => ({ column })), ...(d.predicate ? { whereText: d.predicate } : {}) };
  }
  if (op.kind !== 'add-constraint') return undefined;
  const keys = d.keyColumns ?? (op.column ? [op.column] : undefined);
  switch (d.constraintType) {
    case 'unique':
    case 'primary-key':
      return keys ? { kind: 'unique', keys: keys.map((column) => ({ column })) } : { kind: 'none', why: 'the constraint columns were not read from the migration' };
    case 'foreign-key':
      return keys && d.references ? { kind: 'foreign-key', columns: keys, ref: d.references, notValid: !!d.notValid } : { kind: 'none', why: 'the key columns or the referenced table were not read from the migration' };
    case 'check':
      return d.predicate ? { kind: 'check', text: d.predicate, notValid: !!d.notValid } : { kind: 'none', why: 'the condition was not read from the migration (only SQL text is)' };
    default:
      return undefined;
  }
}

/** The statement again from its text; a Shape of kind 'none' when it cannot be read. */
function statementOf(op: Operation, text: string): Node | undefined | Shape {
  try {
    return pgParser().parse(text.slice(op.range.start, op.range.end)).stmts?.[0]?.stmt as Node | undefined;
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    return { kind: 'none', why: 'the statement could not be read again' };
  }
}

/**
 * A DELETE or UPDATE with a WHERE: the rows it matches. Without one, every row goes (counted with the
 * table's rows already); a partition, a TTL or an ORM object is not a condition preflight can count.
 */
function rowsShape(op: Operation, text: string): Shape | undefined {
  const d = op.details;
  if (!d.hasWhere || d.partition !== undefined || d.ttl || d.model !== undefined) return undefined;
  const action = op.kind === 'delete-rows' ? 'delete' : 'update';
  if (op.origin === 'python-call') return d.predicate ? { kind: 'rows', action, whereText: d.predicate } : { kind: 'none', why: 'the WHERE was not read from the migration (only columns, constants and comparisons are)' };
  if (!FROM_SQL.has(op.origin)) return { kind: 'none', why: 'ORM filters are not translated to SQL' };
  const stmt = statementOf(op, text);
  if (stmt && 'kind' in stmt) return stmt as Shape;
  const body = ((stmt as Node | undefined)?.[action === 'delete' ? 'DeleteStmt' : 'UpdateStmt']) as Node | undefined;
  if (!body) return { kind: 'none', why: 'the statement could not be read again' };
  if (body.withClause) return { kind: 'none', why: 'the statement has a WITH clause' };
  if ((body.usingClause as unknown[] | undefined)?.length || (body.fromClause as unknown[] | undefined)?.length) return { kind: 'none', why: 'the statement joins another table' };
  return body.whereClause ? { kind: 'rows', action, where: body.whereClause } : undefined;
}

function fromSql(op: Operation, text: string, nth: number): Shape | undefined {
  const read = statementOf(op, text);
  if (read && 'kind' in read) return read as Shape;
  const stmt = read as Node | undefined;
  const index = stmt?.IndexStmt as Node | undefined;
  if (index) {
    if (!index.unique) return undefined;
    const keys = (index.indexParams as Node[]).map((p): KeyPart => {
      const elem = p.IndexElem as Node;
      return typeof elem.name === 'string' ? { column: elem.name } : { tree: elem.expr };
    });
    return { kind: 'unique', keys, ...(index.whereClause ? { where: index.whereClause } : {}) };
  }
  const cmds = ((stmt?.AlterTableStmt as Node | undefined)?.cmds as Node[] | undefined) ?? [];
  const wanted = op.details.constraintType;
  const constraints = cmds
    .map((c) => c.AlterTableCmd as Node)
    .filter((c) => c.subtype === 'AT_AddConstraint')
    .map((c) => (c.def as Node).Constraint as Node)
    .filter((c) => c && CONTYPES[String(c.contype)] === wanted);
  const c = constraints.find((k) => op.details.constraintName !== undefined && k.conname === op.details.constraintName) ?? constraints[nth];
  if (!c) return undefined;
  const names = (list: unknown) => ((list as Node[] | undefined) ?? []).map((s) => String((s.String as Node).sval));
  const notValid = !!c.skip_validation;
  switch (wanted) {
    case 'unique':
    case 'primary-key':
      // USING INDEX names an existing index: it was built, so its rows already fit.
      return c.indexname ? undefined : { kind: 'unique', keys: names(c.keys).map((column) => ({ column })) };
    case 'foreign-key': {
      const pk = c.pktable as Node;
      const ref = { table: String(pk.relname), columns: names(c.pk_attrs), ...(pk.schemaname ? { schema: String(pk.schemaname) } : {}) };
      if (ref.columns.length === 0) return { kind: 'none', why: 'it references the primary key without naming its columns' };
      return { kind: 'foreign-key', columns: names(c.fk_attrs), ref, notValid };
    }
    case 'check':
      return { kind: 'check', tree: c.raw_expr, notValid };
    default:
      return undefined;
  }
}

const CONTYPES: Record<string, Operation['details']['constraintType']> = {
  CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primary-key',
  CONSTR_FOREIGN: 'foreign-key',
  CONSTR_CHECK: 'check',
};

/** Parses a WHERE or CHECK condition written as text (Alembic's postgresql_where, create_check_constraint). */
export function parseCondition(text: string): { tree: unknown } | { why: string } {
  try {
    const stmts = pgParser().parse(`SELECT 1 WHERE ${text}`).stmts ?? [];
    const select = stmts.length === 1 ? ((stmts[0].stmt as Node | undefined)?.SelectStmt as Node | undefined) : undefined;
    const keys = select ? Object.keys(select).filter((k) => !['targetList', 'whereClause', 'limitOption', 'op'].includes(k)) : ['?'];
    if (!select?.whereClause || keys.length > 0) return { why: 'the condition is more than one expression' };
    return { tree: select.whereClause };
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    return { why: 'the condition could not be parsed' };
  }
}
