// What the model index needs from one Python module, read without running it: imports, classes (bases,
// __tablename__, Meta), Table(...) calls and simple module constants. Only module-level statements and
// class bodies are visited; imports anywhere are found with one descendantsOfType call, because on a
// tree-sitter tree (when the fast parser declines the file) every node access crosses into wasm.

import type { Range } from '../ops';
import { readImport } from '../python/imports';
import { withPythonTree, type PyNode } from '../python/node';

export interface ImportFacts {
  /** The module as written, dots included for relative imports ("..models"). */
  module: string;
  /** `from m import a, b`: the names (a submodule named here is imported too). Empty for `import m`. */
  names: string[];
  /** Local name -> what it refers to ("Base" -> "app.models.base.Base"), filled in by the resolver. */
  aliases: [local: string, imported: string][];
  /** Under `if TYPE_CHECKING:`: never runs. */
  typeCheckingOnly: boolean;
}

export type TablenameFacts = { kind: 'literal'; value: string } | { kind: 'declared'; lowerClassName: boolean };

export interface ClassFacts {
  name: string;
  range: Range;
  /** Base expressions as written: "Base", "db.Model", "models.Model". */
  bases: string[];
  keywords: Record<string, string>;
  decorators: string[];
  tablename?: TablenameFacts;
  abstract: boolean;
  schema?: string;
  /** `__table__ = Table("name", ...)`. */
  tableCall?: string;
  meta?: { dbTable?: string; abstract?: boolean; proxy?: boolean; appLabel?: string };
  /** Django ManyToManyField without `through=`: Django creates a join table for it. Value: its db_table=, if any. */
  m2m: [field: string, dbTable: string | undefined][];
  /**
   * Columns the class body declares itself (`sa.Column`, `mapped_column`, `db.Column`, Django fields), by
   * their name in the database. Columns from mixins or bases are not here: absence proves nothing.
   */
  columns: string[];
}

export interface TableCallFacts {
  table: string;
  schema?: string;
  variable?: string;
  metadata: string;
  range: Range;
}

export interface ModuleFacts {
  imports: ImportFacts[];
  classes: ClassFacts[];
  tableCalls: TableCallFacts[];
  /** Module-level `NAME = <expr>` as text, for declarative_base() and constant lists. */
  assignments: Map<string, string>;
}

const TABLE_CALLEE = /^(?:[\w.]+\.)?Table$/;

export function readModule(text: string): ModuleFacts {
  return withPythonTree(text, (root) => {
    const facts: ModuleFacts = { imports: [], classes: [], tableCalls: [], assignments: new Map() };
    for (const stmt of root.namedChildren) moduleStatement(stmt, facts);
    for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (node.parent?.type === 'module') continue;
      facts.imports.push(...importFacts(node, false));
    }
    return facts;
  });
}

function moduleStatement(stmt: PyNode, facts: ModuleFacts): void {
  switch (stmt.type) {
    case 'import_statement':
    case 'import_from_statement':
      facts.imports.push(...importFacts(stmt, true));
      return;
    case 'class_definition':
      facts.classes.push(classFacts(stmt, []));
      return;
    case 'decorated_definition': {
      const def = stmt.childForFieldName('definition');
      const decorators = stmt.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/^@\s*/, ''));
      if (def?.type === 'class_definition') facts.classes.push(classFacts(def, decorators));
      return;
    }
    case 'expression_statement': {
      const expr = stmt.namedChildren[0];
      if (expr?.type !== 'assignment') return;
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) return;
      facts.assignments.set(left.text, right.text);
      const call = tableCall(right);
      if (call) facts.tableCalls.push({ ...call, variable: left.text });
      return;
    }
  }
}

function importFacts(node: PyNode, topLevel: boolean): ImportFacts[] {
  const typeCheckingOnly = !topLevel && underTypeChecking(node);
  return readImport(node).map((imp) => ({
    module: imp.module,
    names: imp.from ? imp.names.map((n) => n.name) : [],
    aliases: imp.names.map((n): [string, string] => [n.bound, n.target]),
    typeCheckingOnly,
  }));
}

/** `if TYPE_CHECKING:` imports exist for type checkers only; Python never runs them. */
function underTypeChecking(node: PyNode): boolean {
  for (let p = node.parent; p && p.type !== 'module'; p = p.parent) {
    if (p.type === 'if_statement' && /\bTYPE_CHECKING\b/.test(p.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

function classFacts(def: PyNode, decorators: string[]): ClassFacts {
  const nameNode = def.childForFieldName('name');
  const facts: ClassFacts = {
    name: nameNode?.text ?? '',
    range: nameNode ? { start: nameNode.startIndex, end: nameNode.endIndex } : { start: def.startIndex, end: def.startIndex },
    bases: [],
    keywords: {},
    decorators,
    abstract: false,
    m2m: [],
    columns: [],
  };
  for (const a of def.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text;
      if (k) facts.keywords[k] = a.childForFieldName('value')?.text ?? '';
    } else if (a.type !== 'comment') facts.bases.push(a.text.replace(/\s+/g, ''));
  }
  for (const stmt of def.childForFieldName('body')?.namedChildren ?? []) classStatement(stmt, facts);
  return facts;
}

function classStatement(stmt: PyNode, facts: ClassFacts): void {
  if (stmt.type === 'expression_statement') {
    const expr = stmt.namedChildren[0];
    if (expr?.type !== 'assignment') return;
    const name = expr.childForFieldName('left')?.text;
    const right = expr.childForFieldName('right');
    if (!right) return;
    if (name === '__tablename__') {
      const value = literal(right);
      if (value !== undefined) facts.tablename = { kind: 'literal', value };
    } else if (name === '__abstract__') {
      facts.abstract = right.type === 'true';
    } else if (name === '__table_args__') {
      facts.schema = schemaIn(right);
    } else if (name && right.type === 'call' && /(?:^|\.)ManyToManyField$/.test(right.childForFieldName('function')?.text ?? '')) {
      const kw = keywords(right);
      if (!kw.has('through')) facts.m2m.push([name, kw.get('db_table')]);
    } else if (name && /^\w+$/.test(name) && right.type === 'call') {
      const column = declaredColumn(name, right);
      if (column) facts.columns.push(column);
    } else if (name === '__table__') {
      const call = tableCall(right);
      if (call) {
        facts.tableCall = call.table;
        if (call.schema) facts.schema = call.schema;
      }
    }
    return;
  }
  const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
  if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === '__tablename__') {
    // `@declared_attr def __tablename__(cls): return cls.__name__.lower()` is the one convention readable as is.
    const body = def.childForFieldName('body')?.text ?? '';
    facts.tablename = { kind: 'declared', lowerClassName: /return\s+cls\.__name__\.lower\(\)\s*$/.test(body.trim()) };
  } else if (def?.type === 'class_definition' && def.childForFieldName('name')?.text === 'Meta') {
    facts.meta = djangoMeta(def);
  }
}

function djangoMeta(def: PyNode): ClassFacts['meta'] {
  const meta: NonNullable<ClassFacts['meta']> = {};
  for (const stmt of def.childForFieldName('body')?.namedChildren ?? []) {
    const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (expr?.type !== 'assignment') continue;
    const name = expr.childForFieldName('left')?.text;
    const right = expr.childForFieldName('right');
    if (!right) continue;
    if (name === 'db_table') meta.dbTable = literal(right);
    else if (name === 'app_label') meta.appLabel = literal(right);
    else if (name === 'abstract') meta.abstract = right.type === 'true';
    else if (name === 'proxy') meta.proxy = right.type === 'true';
  }
  return meta;
}

function tableCall(node: PyNode): Omit<TableCallFacts, 'variable'> | undefined {
  if (node.type !== 'call' || !TABLE_CALLEE.test(node.childForFieldName('function')?.text ?? '')) return undefined;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  const table = args[0] ? literal(args[0]) : undefined;
  if (table === undefined) return undefined;
  const schemaArg = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'schema');
  const schemaValue = schemaArg?.childForFieldName('value');
  const call: Omit<TableCallFacts, 'variable'> = { table, metadata: args[1]?.text ?? '', range: { start: node.startIndex, end: node.endIndex } };
  const schema = schemaValue ? literal(schemaValue) : undefined;
  if (schema) call.schema = schema;
  return call;
}

const SQLALCHEMY_COLUMN = /(?:^|\.)(?:Column|mapped_column)$/;
// Django fields that hold a column (ManyToManyField makes a table instead; it is read above).
const DJANGO_FIELD = /(?:^|\.)(?:\w+Field|ForeignKey|OneToOneField)$/;
const DJANGO_RELATION = /(?:^|\.)(?:ForeignKey|OneToOneField)$/;

/** The database name of the column `attr = <call>` declares: a name given as the first argument or db_column=, else the attribute's own. */
function declaredColumn(attr: string, call: PyNode): string | undefined {
  const callee = call.childForFieldName('function')?.text ?? '';
  if (SQLALCHEMY_COLUMN.test(callee)) {
    const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'comment');
    const named = first && first.type === 'string' ? literal(first) : undefined;
    return named ?? attr;
  }
  if (DJANGO_FIELD.test(callee) && !/ManyToManyField$/.test(callee)) {
    return keywords(call).get('db_column') ?? (DJANGO_RELATION.test(callee) ? `${attr}_id` : attr);
  }
  return undefined;
}

function keywords(call: PyNode): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const value = a.childForFieldName('value');
    if (a.type === 'keyword_argument' && value) out.set(a.childForFieldName('name')?.text ?? '', literal(value));
  }
  return out;
}

/** `{"schema": "x"}` or `(Index(...), {"schema": "x"})`. */
function schemaIn(node: PyNode): string | undefined {
  const dict = node.type === 'dictionary' ? node : node.type === 'tuple' ? node.namedChildren.filter((c) => c.type === 'dictionary').pop() : undefined;
  for (const pair of dict?.namedChildren ?? []) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (key && value && literal(key) === 'schema') return literal(value);
  }
  return undefined;
}

/** A plain string literal's value (no f-string fields); undefined for anything else. */
export function literal(node: PyNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const parts = node.namedChildren;
  if (parts.some((p) => p.type === 'interpolation')) return undefined;
  return parts.filter((p) => p.type === 'string_content').map((p) => p.text).join('');
}
