// MySQL and SQLite statements -> operation drafts, through node-sql-parser, one statement at a time (the
// splitter in parse/sqlSplit.ts has already cut the file). node-sql-parser does not know every
// statement these databases accept (PRAGMA, DROP INDEX in SQLite, some ALTER TABLE clauses), so what it
// rejects goes through sql/otherFallback.ts before it is reported as unreadable.

import type { Parser as MySqlParser } from 'node-sql-parser/build/mysql';
import type { Parser as SqliteParser } from 'node-sql-parser/build/sqlite';
import type { ColumnInfo, OpDetails } from '../../ops';
import type { ColumnCopy, OpDraft, StatementFacts, TableRef } from './pgStatements';
import { fallbackFacts } from './otherFallback';
import { arr, columnName, obj, str, type Ast } from './otherAst';
import { prepareFacts, setFacts, unparsedSetFacts, type Assignment } from './otherPrepared';
import { checkSqlParentheses, MAX_NESTING } from '../../parse/nesting';

export type OtherDialect = 'mysql' | 'sqlite';

// Words PostgreSQL has no use for, that MySQL's or SQLite's SQL is written with: backquoted names,
// ENGINE=InnoDB, MODIFY/CHANGE COLUMN, DROP PRIMARY KEY, `UPDATE a LEFT JOIN b ... SET`, PRAGMA. A line's
// start is `^[ \t]*`, not `^\s*`: under /m that would run across every blank line from each one.
export const OTHER_ENGINE =
  /`|\bENGINE\s*=|\bCHARACTER\s+SET\b|\bCONVERT\s+TO\b|\bMODIFY\s+(?:COLUMN\b|\w)|\bCHANGE\s+(?:COLUMN\b|\w+\s+\w+\s+\w)|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bDROP\s+PRIMARY\s+KEY\b|^[ \t]*UPDATE\s+[\w.]+(?:\s+(?:AS\s+)?\w+)?\s+(?:(?:LEFT|RIGHT|INNER|CROSS)\s+(?:OUTER\s+)?)?JOIN\b|^[ \t]*PRAGMA\b/im;

/** `INSERT INTO into [(columns)] SELECT <sourceColumns> FROM from`: the first half of a table rebuild. */
export interface TableCopy {
  into: string;
  from: string;
  /** Columns of `from` the SELECT list reads; '*' for SELECT *. */
  sourceColumns: string[] | '*';
}

/** A MySQL MODIFY/CHANGE re-declares the whole column: whether its type or nullability changes depends on the old definition. */
export interface Redefinition {
  table: string;
  column: ColumnInfo;
}

export interface OtherFacts extends StatementFacts {
  problem?: string;
  redefinitions?: Redefinition[];
  /** User variables a SET assigns (MySQL), and whether their text is known. */
  assigned?: Assignment[];
  /** `PREPARE p FROM @v`: the variable whose text runs. */
  prepares?: string;
  /** What the literal parts of SQL built at run time show. */
  dynamicOps?: OpDraft[];
}

const DATABASE = { mysql: 'MySQL', sqlite: 'Sqlite' } as const;
let mysqlParser: MySqlParser | undefined;
let sqliteParser: SqliteParser | undefined;

// Each grammar is about 1 MB of JavaScript: loaded on first use, so PostgreSQL-only runs never pay for them.
function loadMySql(): MySqlParser {
  const { Parser } = require('node-sql-parser/build/mysql') as typeof import('node-sql-parser/build/mysql');
  return new Parser();
}

function loadSqlite(): SqliteParser {
  const { Parser } = require('node-sql-parser/build/sqlite') as typeof import('node-sql-parser/build/sqlite');
  return new Parser();
}

function astify(sql: string, dialect: OtherDialect): Ast[] {
  // The same fixed limit as the PostgreSQL path (parse/nesting.ts): node-sql-parser took a quarter of a
  // second on a few thousand nested parentheses. Past it the statement is read by its head (fallbackFacts).
  if (sql.length > MAX_NESTING) checkSqlParentheses(sql);
  const parser = dialect === 'mysql' ? (mysqlParser ??= loadMySql()) : (sqliteParser ??= loadSqlite());
  const ast: unknown = parser.astify(sql, { database: DATABASE[dialect] });
  return (Array.isArray(ast) ? ast : [ast]).map(obj);
}

// node-sql-parser takes 0.2 to 1.5 ms a statement, hundreds of times the PostgreSQL path, and a file that
// repeats statements paid that for every copy: 2,000 repeated SQLite table rebuilds (1.3 MB, the fuzz
// run's slowest input) took 16 s. Identical statements are described once; each caller gets its own copy,
// since callers complete the drafts. Long statements are left out, so the memo stays small.
const described = new Map<string, OtherFacts>();
const MEMO_ENTRIES = 2000;
const MEMO_STATEMENT_CHARS = 4000;

export function describeOtherStatement(sql: string, dialect: OtherDialect): OtherFacts {
  if (sql.length > MEMO_STATEMENT_CHARS) return describeUncached(sql, dialect);
  const key = `${dialect}:${sql}`;
  let facts = described.get(key);
  if (!facts) {
    facts = describeUncached(sql, dialect);
    if (described.size >= MEMO_ENTRIES) described.clear();
    described.set(key, facts);
  }
  return structuredClone(facts);
}

function describeUncached(sql: string, dialect: OtherDialect): OtherFacts {
  const text = sql.trim().replace(/;\s*$/, '');
  try {
    return parsedFacts(text, dialect);
  } catch (err) {
    const retry = (rewritten: string) => {
      try {
        return parsedFacts(rewritten, dialect);
      } catch {
        return undefined;
      }
    };
    const prepared = prepareFacts(text, dialect, describeOtherStatement) ?? unparsedSetFacts(text, dialect, describeOtherStatement);
    return prepared ?? fallbackFacts(text, dialect, err instanceof Error ? err.message : String(err), retry);
  }
}

function parsedFacts(sql: string, dialect: OtherDialect): OtherFacts {
  const facts: OtherFacts = { ops: [], copiesFrom: [] };
  for (const ast of astify(sql, dialect)) mergeFacts(facts, astFacts(ast, dialect));
  return facts;
}

function mergeFacts(into: OtherFacts, more: OtherFacts): void {
  into.ops.push(...more.ops);
  into.copiesFrom.push(...more.copiesFrom);
  if (more.transaction) into.transaction = more.transaction;
  if (more.copy) into.copy = more.copy;
  if (more.columnCopies) (into.columnCopies ??= []).push(...more.columnCopies);
  if (more.problem) into.problem = more.problem;
  if (more.redefinitions) (into.redefinitions ??= []).push(...more.redefinitions);
  if (more.assigned) (into.assigned ??= []).push(...more.assigned);
  if (more.dynamicOps) (into.dynamicOps ??= []).push(...more.dynamicOps);
  if (more.prepares) into.prepares = more.prepares;
}

function astFacts(ast: Ast, dialect: OtherDialect): OtherFacts {
  switch (ast.type) {
    case 'drop':
      return { ops: dropOps(ast, dialect), copiesFrom: [] };
    case 'truncate':
      return { ops: arr(ast.name).map((t) => ({ kind: 'truncate', ...ref(obj(t)), details: {} })), copiesFrom: [] };
    case 'delete':
      return { ops: deleteOps(ast), copiesFrom: [] };
    case 'update': {
      // `UPDATE a JOIN b ON ... SET` changes only the joined rows, like a WHERE clause.
      const tables = arr(ast.table).map(obj);
      const hasWhere = restricts(ast.where) || tables.some((t) => t.join !== undefined);
      const columns = arr(ast.set).flatMap((s) => (str(obj(s).column) ? [{ name: str(obj(s).column) ?? '' }] : []));
      const target = ref(tables[0] ?? {});
      const facts: OtherFacts = { ops: [{ kind: 'update-rows', ...target, details: { hasWhere, columns } }], copiesFrom: [] };
      if (!hasWhere && tables.length === 1 && target.table) facts.columnCopies = columnCopies(arr(ast.set), { ...target, table: target.table }, dialect);
      return facts;
    }
    case 'alter':
      return alterFacts(ast, dialect);
    case 'rename':
      return {
        ops: arr(ast.table).map((pair) => {
          const [from, to] = arr(pair).map(obj);
          return { kind: 'rename-table', ...ref(from ?? {}), details: { newName: str(to?.table) ?? '' } };
        }),
        copiesFrom: [],
      };
    case 'create':
      return createFacts(ast);
    case 'insert':
    case 'replace':
      return insertFacts(ast);
    case 'call':
      return {
        ops: [{ kind: 'dynamic-sql', details: { reason: 'CALL runs a procedure whose body is not part of the statement, so what it does cannot be checked' } }],
        copiesFrom: [],
      };
    case 'set':
      return setFacts(ast, dialect, describeOtherStatement);
    case 'transaction': {
      const action = (str(obj(obj(ast.expr).action).value) ?? '').toLowerCase();
      return { ops: [], copiesFrom: [], transaction: action === 'begin' || action === 'start' ? 'begin' : 'end' };
    }
    default:
      return { ops: [], copiesFrom: [] };
  }
}

function ref(t: Ast): Partial<TableRef> {
  const out: Partial<TableRef> = {};
  const table = str(t.table);
  const schema = str(t.db) ?? str(t.schema);
  if (table !== undefined) out.table = table;
  if (schema) out.schema = schema;
  return out;
}

function dropOps(ast: Ast, dialect: OtherDialect): OpDraft[] {
  const details: OpDetails = { ifExists: /if exists/i.test(str(ast.prefix) ?? '') };
  switch (str(ast.keyword)?.toLowerCase()) {
    case 'table':
      return arr(ast.name).map((t) => ({ kind: 'drop-table', ...ref(obj(t)), details }));
    case 'database':
    case 'schema':
      // In MySQL a schema is a database; either way every table in it goes.
      return [{ kind: dialect === 'mysql' ? 'drop-database' : 'drop-schema', schema: columnName(ast.name) ?? str(ast.name) ?? '', details }];
    case 'index': {
      const name = columnName(ast.name) ?? str(obj(ast.name).name) ?? str(ast.name);
      return [{ kind: 'drop-index', ...ref(obj(ast.table)), details: { ...details, ...(name ? { indexName: name } : {}) } }];
    }
    default:
      return [];
  }
}

/** MySQL's multi-table `DELETE a, b FROM a JOIN b ...` deletes from every table it names before FROM. */
function deleteOps(ast: Ast): OpDraft[] {
  const from = arr(ast.from).map(obj);
  const joined = from.some((f) => f.join !== undefined);
  return arr(ast.table).map((t) => {
    const target = obj(t);
    // `DELETE o FROM orders o JOIN ...` names the alias; the table is in FROM.
    const aliased = from.find((f) => f.as !== null && f.as !== undefined && f.as === target.table);
    return { kind: 'delete-rows', ...ref(aliased ?? target), details: { hasWhere: restricts(ast.where) || joined } };
  });
}

/** A WHERE clause that can leave rows out: not absent, and not a constant truth (`WHERE true`, `WHERE 1 = 1`). */
function restricts(where: unknown): boolean {
  if (where === null || where === undefined) return false;
  const w = obj(where);
  if (w.type === 'bool') return w.value !== true;
  if (w.type === 'number') return Number(w.value) === 0; // MySQL and SQLite take any non-zero number as true
  if (w.type === 'binary_expr' && w.operator === '=') {
    const [l, r] = [obj(w.left), obj(w.right)];
    const constant = (x: Ast) => x.type === 'number' || x.type === 'single_quote_string' || x.type === 'string';
    return !(constant(l) && constant(r) && l.type === r.type && l.value === r.value);
  }
  return true;
}

const CONSTRAINT_TYPES: Record<string, OpDetails['constraintType']> = {
  'foreign key': 'foreign-key',
  check: 'check',
  unique: 'unique',
  'unique key': 'unique',
  'unique index': 'unique',
  'primary key': 'primary-key',
};

function alterFacts(ast: Ast, dialect: OtherDialect): OtherFacts {
  const table = ref(obj(arr(ast.table)[0]));
  const facts: OtherFacts = { ops: [], copiesFrom: [] };
  for (const e of arr(ast.expr).map(obj)) mergeFacts(facts, alterClause(table, e, dialect));
  return facts;
}

function alterClause(table: Partial<TableRef>, e: Ast, dialect: OtherDialect): OtherFacts {
  const action = str(e.action)?.toLowerCase();
  const resource = str(e.resource)?.toLowerCase();
  const facts: OtherFacts = { ops: [], copiesFrom: [] };
  const op = (kind: OpDraft['kind'], details: OpDetails, column?: string) => {
    const draft: OpDraft = { kind, ...table, details };
    if (column !== undefined) draft.column = column;
    facts.ops.push(draft);
  };
  if (action === 'drop' && resource === 'column') op('drop-column', {}, columnName(e.column));
  else if (action === 'drop' && resource === 'index') op('drop-index', { indexName: str(e.index) ?? '' });
  else if (action === 'drop' && (resource === 'key' || resource === 'constraint')) {
    const keyword = str(e.keyword)?.toLowerCase() ?? '';
    const constraintType = keyword === 'foreign key' ? 'foreign-key' : keyword === 'primary key' ? 'primary-key' : keyword === 'check' ? 'check' : 'unknown';
    const name = str(e.key) || str(e.constraint);
    op('drop-constraint', { constraintType, ...(name ? { constraintName: name } : {}) });
  } else if (action === 'add' && resource === 'column') {
    const column = columnInfo(e);
    // MySQL fills a new NOT NULL column of existing rows with the type's implicit default (0, '');
    // SQLite refuses a NOT NULL column without a default outright.
    const hasDefault = e.default_val != null || e.auto_increment != null || dialect === 'mysql';
    op('add-column', { nullable: column.nullable ?? true, hasDefault, ...(column.type ? { newType: column.type } : {}) }, column.name);
  } else if (action === 'add' && resource === 'index') op('create-index', { indexName: str(e.index) ?? '', unique: /unique/i.test(str(e.keyword) ?? '') });
  else if (action === 'add' && resource === 'constraint') {
    const def = obj(e.create_definitions);
    const type = (str(def.constraint_type) ?? '').toLowerCase();
    const name = str(def.constraint) ?? str(def.index);
    op('add-constraint', { constraintType: CONSTRAINT_TYPES[type] ?? 'unknown', notValid: false, ...(name ? { constraintName: name } : {}) });
  } else if ((action === 'modify' || action === 'change') && resource === 'column') {
    const column = columnInfo(e);
    const old = action === 'change' ? columnName(e.old_column) : column.name;
    if (old !== undefined && column.name !== undefined && old.toLowerCase() !== column.name.toLowerCase()) op('rename-column', { newName: column.name }, old);
    if (table.table !== undefined && column.name !== undefined) (facts.redefinitions ??= []).push({ table: table.table, column });
  } else if (action === 'rename' && resource === 'table') {
    facts.ops.push({ kind: 'rename-table', ...table, details: { newName: str(e.table) ?? columnName(e.table) ?? '' } });
  } else if (action === 'rename' && resource === 'column') op('rename-column', { newName: columnName(e.column) ?? '' }, columnName(e.old_column));
  else if ((action === 'drop' || action === 'truncate') && resource === 'partition') {
    // MySQL's DROP PARTITION and TRUNCATE PARTITION delete every row the partition holds.
    for (const p of arr(e.partitions).map(obj)) {
      const name = columnName(p.expr) ?? str(obj(p.expr).value) ?? '?';
      op('truncate', { reason: `partition ${name} of ${table.table ?? 'the table'}` });
    }
  }
  return facts;
}

/** A column definition: `name TYPE [NOT NULL] [PRIMARY KEY]`. */
function columnInfo(def: Ast): ColumnInfo {
  const info: ColumnInfo = { name: columnName(def.column) ?? '' };
  const type = typeText(obj(def.definition));
  if (type) info.type = type;
  const nullable = str(obj(def.nullable).type)?.toLowerCase();
  info.nullable = def.primary_key != null ? false : nullable !== 'not null';
  return info;
}

function typeText(def: Ast): string | undefined {
  const base = str(def.dataType);
  if (!base) return undefined;
  const values = arr(obj(def.expr).value).map((v) => `'${String(obj(v).value)}'`);
  const args = values.length > 0 ? values : def.length != null ? [String(def.length), ...(def.scale != null ? [String(def.scale)] : [])] : [];
  const suffix = arr(def.suffix).filter((s): s is string => typeof s === 'string' && /unsigned/i.test(s));
  return `${base}${args.length > 0 ? `(${args.join(',')})` : ''}${suffix.length > 0 ? ' UNSIGNED' : ''}`;
}

function createFacts(ast: Ast): OtherFacts {
  const keyword = str(ast.keyword)?.toLowerCase();
  if (keyword === 'index') {
    const index = obj(ast.index);
    const name = str(ast.index) ?? str(index.name);
    const details: OpDetails = { concurrently: false, unique: /unique/i.test(str(ast.index_type) ?? '') };
    if (name) details.indexName = name;
    return { ops: [{ kind: 'create-index', ...ref(obj(ast.table)), details }], copiesFrom: [] };
  }
  if (keyword !== 'table') return { ops: [], copiesFrom: [] };
  const table = ref(obj(arr(ast.table)[0]));
  const definitions = arr(ast.create_definitions).map(obj);
  const details: OpDetails = { ifExists: ast.if_not_exists != null };
  // CREATE TABLE x LIKE y / AS SELECT: the columns come from elsewhere and are not listed.
  if (ast.like == null && ast.query_expr == null) details.columns = definitions.filter((d) => d.resource === 'column').map(columnInfo);
  const copied = ast.query_expr != null ? selectSources(obj(ast.query_expr)) : [];
  return { ops: [{ kind: 'create-table', ...table, details }], copiesFrom: copied };
}

function insertFacts(ast: Ast): OtherFacts {
  const into = str(obj(arr(ast.table)[0]).table);
  const select = obj(ast.values);
  if (select.type !== 'select') return { ops: [], copiesFrom: [] };
  const sources = selectSources(select).filter((t) => t.table !== into);
  const facts: OtherFacts = { ops: [], copiesFrom: sources };
  const from = arr(select.from).map(obj);
  if (into && from.length === 1 && sources.length === 1) facts.copy = { into, from: sources[0].table, sourceColumns: selectedColumns(select) };
  return facts;
}

function selectSources(select: Ast): TableRef[] {
  return arr(select.from).map(obj).flatMap((f) => {
    const table = str(f.table);
    return table ? [{ table, ...(str(f.db) ? { schema: str(f.db) } : {}) } as TableRef] : [];
  });
}

/** Column names the SELECT list reads, including inside expressions (`upper(name)`, `coalesce(a, b)`). */
function selectedColumns(select: Ast): string[] | '*' {
  const names: string[] = [];
  for (const c of arr(select.columns).map(obj)) {
    const expr = obj(c.expr);
    if (expr.type === 'column_ref' && expr.column === '*') return '*';
    collectColumns(expr, names);
  }
  return names;
}

function collectColumns(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectColumns(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Ast;
  // SQLite reads a double-quoted name in a SELECT list as a string unless it names a column; Prisma quotes every column.
  if (o.type === 'column_ref' || o.type === 'double_quote_string') {
    const name = o.type === 'column_ref' ? columnName(o) : str(o.value);
    if (name) out.push(name);
    return;
  }
  for (const value of Object.values(o)) collectColumns(value, out);
}

/** `SET into = from` copies a column's values (SQLite reads a double-quoted name as a column when one has it). */
function columnCopies(set: unknown[], table: TableRef, dialect: OtherDialect): ColumnCopy[] {
  return set.flatMap((item) => {
    const { column, value } = obj(item);
    const v = obj(value);
    const from = v.type === 'column_ref' ? columnName(v.column) ?? str(v.column) : dialect === 'sqlite' && v.type === 'double_quote_string' ? str(v.value) : undefined;
    const into = str(column);
    return from && into ? [{ table, from, into }] : [];
  });
}
