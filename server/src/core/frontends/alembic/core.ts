// SQLAlchemy Core and ORM statements that change rows, run from an Alembic migration: `t.delete()`,
// `sa.delete(t).where(...)`, `t.update().values(...)`, `session.query(M).filter(...).delete()`.
// Core statements only change rows when executed, so they count where they are passed to execute();
// an ORM Query's delete()/update() runs at once. Without a where clause or filter, every row is hit.

import type { PyNode } from '../../python/node';
import type { OpDraft } from './ops';
import { attributeName, calleeName, keywordArg, keywordNames, nameValue, positionalArgs, resolve, type Scope } from '../../python/values';

interface Link {
  name: string;
  call: PyNode;
  /** The object the method is called on; undefined for a plain function call (`delete(t)`). */
  object?: PyNode;
}

export interface DataChange {
  draft: OpDraft;
  /** An ORM Query's delete()/update(), which runs without being passed to execute(). */
  orm: boolean;
}

// Methods that narrow the rows a statement touches.
const FILTERS = new Set(['where', 'filter', 'filter_by']);
// Statement builders that change no rows by themselves.
const HARMLESS = new Set(['select', 'insert', 'values', 'bindparams', 'returning', 'execution_options', 'from_select', 'with_only_columns', 'order_by', 'limit', 'params', 'prefix_with', 'ordered_values', 'inline']);
const MODULES = /^(?:sa|sqlalchemy|expression|sql)$/;
// Constructors of a table a statement is built on.
const TABLES = new Set(['table', 'Table']);

/** The calls of a method chain, outermost first: `t.delete().where(c)` -> where, delete. */
function chainOf(expr: PyNode, scope: Scope): Link[] {
  const links: Link[] = [];
  let node = resolve(expr, scope);
  while (node.type === 'call' && links.length < 32) {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'identifier') {
      links.push({ name: fn.text, call: node });
      break;
    }
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    if (!fn || !object) break;
    links.push({ name: attributeName(fn) ?? '', call: node, object });
    node = resolve(object, scope);
  }
  return links;
}

/**
 * Reads a statement built with SQLAlchemy: a DataChange for a delete/update, 'harmless' for another
 * statement builder (select(), insert()), undefined when it is not a SQLAlchemy statement at all.
 */
export function coreDataChange(expr: PyNode, scope: Scope): DataChange | 'harmless' | undefined {
  const links = chainOf(expr, scope);
  const at = links.findIndex((l) => l.name === 'delete' || l.name === 'update');
  if (at < 0) {
    // `t.insert()` / `t.select()` where t is `sa.table("x", ...)`: the chain starts at the table.
    const start = links.length - (links.length > 1 && TABLES.has(links[links.length - 1].name) ? 2 : 1);
    return start >= 0 && HARMLESS.has(links[start].name) ? 'harmless' : undefined;
  }
  const link = links[at];
  const query = links.slice(at + 1).find((l) => l.name === 'query');
  const functionForm = !link.object || (link.object.type === 'identifier' && MODULES.test(link.object.text));
  const filtered = links.some((l) => FILTERS.has(l.name)) || keywordArg(link.call, 'whereclause') !== undefined;
  const draft: OpDraft = {
    kind: link.name === 'delete' ? 'delete-rows' : 'update-rows',
    range: { start: expr.startIndex, end: expr.endIndex },
    details: { hasWhere: filtered },
  };
  const predicate = filtered && !query ? wherePredicate(links, link.call, scope) : undefined;
  if (predicate) draft.details.predicate = predicate;
  const values = links.find((l) => l.name === 'values');
  if (link.name === 'update' && values) {
    // `.values(col=...)`, or `.values({"col": ...})` with string keys.
    const names = [...keywordNames(values.call), ...dictKeys(positionalArgs(values.call)[0], scope)];
    draft.details.columns = names.map((name) => ({ name }));
    const copies = filtered ? [] : names.flatMap((into) => {
      const value = keywordArg(values.call, into);
      const from = value ? copiedColumn(value, scope) : undefined;
      return from ? [{ from, into }] : [];
    });
    if (copies.length > 0) draft.details.columnCopies = copies;
  }
  const target = query ? positionalArgs(query.call)[0] : functionForm ? positionalArgs(link.call)[0] : link.object;
  const bound = target ? resolve(target, scope) : undefined;
  if (bound?.type === 'call' && ['table', 'Table'].includes(calleeName(bound) ?? '')) {
    const table = nameValue(positionalArgs(bound)[0], scope);
    if (table) draft.table = table;
  } else if (target) {
    // A mapped class or its __table__: the table name is on the model, not in this file.
    draft.details.model = target.text.replace(/\.__table__$/, '');
  }
  return { draft, orm: query !== undefined };
}

// Query methods that return one object (or a count) rather than rows to iterate.
const SINGLE = new Set(['first', 'one', 'one_or_none', 'get', 'scalar', 'count', 'exists']);

/**
 * `session.query(M).all()`, `session.query(M).options(...)`, `M.query.all()`: the rows of model M an ORM
 * query yields, and whether it narrows them (a filter, a join condition, a limit). Undefined when the
 * expression is not an ORM query over a model.
 */
export function ormQueryRows(expr: PyNode, scope: Scope): { model: string; filtered: boolean } | undefined {
  const links = chainOf(expr, scope);
  if (links.length === 0 || links.some((l) => SINGLE.has(l.name) || l.name === 'delete' || l.name === 'update')) return undefined;
  const filtered = links.some((l) => FILTERS.has(l.name) || ['join', 'limit', 'slice', 'offset', 'having', 'distinct', 'group_by'].includes(l.name));
  const query = links.find((l) => l.name === 'query' && l.object);
  const modelArg = query ? positionalArgs(query.call)[0] : undefined;
  if (query && modelArg && positionalArgs(query.call).length === 1 && ['identifier', 'attribute'].includes(modelArg.type)) {
    return { model: modelArg.text, filtered };
  }
  // Flask-SQLAlchemy: `M.query.all()`, `M.query.options(...)`.
  const last = links[links.length - 1].object;
  if (!query && last?.type === 'attribute' && attributeName(last) === 'query') {
    const model = last.childForFieldName('object');
    if (model && ['identifier', 'attribute'].includes(model.type)) return { model: model.text, filtered };
  }
  return undefined;
}

/** The model an ORM query is over, for an object it returned: `session.query(M).filter(...).first()` -> M. */
export function ormModelOf(expr: PyNode, scope: Scope): string | undefined {
  const query = chainOf(expr, scope).find((l) => l.name === 'query' && l.object);
  const model = query ? positionalArgs(query.call)[0] : undefined;
  return model && ['identifier', 'attribute'].includes(model.type) ? model.text : undefined;
}

/** `t.c.old`, `t.c["old"]`, `sa.column("old")`: the value of another column of the row. */
function copiedColumn(node: PyNode, scope: Scope): string | undefined {
  const value = resolve(node, scope);
  if (value.type === 'attribute' && attributeName(value.childForFieldName('object') ?? value) === 'c') return attributeName(value);
  if (value.type === 'subscript' && attributeName(value.childForFieldName('value') ?? value) === 'c') {
    return nameValue(value.namedChildren.find((c) => c.id !== value.childForFieldName('value')?.id), scope);
  }
  if (value.type === 'call' && calleeName(value) === 'column') return nameValue(positionalArgs(value)[0], scope);
  return undefined;
}

/** The string keys of a dict literal, `{"a": 1, "b": 2}` -> a, b; none when any key is not a plain string. */
function dictKeys(node: PyNode | undefined, scope: Scope): string[] {
  const dict = node ? resolve(node, scope) : undefined;
  if (dict?.type !== 'dictionary') return [];
  const keys: string[] = [];
  for (const pair of dict.namedChildren) {
    if (pair.type === 'comment') continue;
    const key = pair.type === 'pair' ? nameValue(pair.childForFieldName('key') ?? undefined, scope) : undefined;
    // `**other` or a computed key: the columns are not all known.
    if (!key) return [];
    keys.push(key);
  }
  return keys;
}

/**
 * A Core statement's WHERE as SQL text, for preflight to count the rows it matches: every `.where()`
 * (ANDed) and `whereclause=`, translated when each is built only of columns, constants and the operators
 * below; undefined otherwise. Preflight parses the text again and runs it only if it passes its own check.
 */
function wherePredicate(links: Link[], statement: PyNode, scope: Scope): string | undefined {
  const parts: PyNode[] = [];
  for (const l of links) {
    if (FILTERS.has(l.name) && l.name !== 'where') return undefined;
    if (l.name === 'where') parts.push(...positionalArgs(l.call));
  }
  const clause = keywordArg(statement, 'whereclause');
  if (clause) parts.push(clause);
  const sql = parts.map((p) => sqlOf(p, scope, 0));
  return sql.length > 0 && sql.every((s) => s !== undefined) ? sql.map((s) => `(${s})`).join(' AND ') : undefined;
}

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const METHODS: Record<string, string> = { like: 'LIKE', ilike: 'ILIKE', notlike: 'NOT LIKE', not_like: 'NOT LIKE', notilike: 'NOT ILIKE', not_ilike: 'NOT ILIKE' };

function sqlOf(node: PyNode, scope: Scope, depth: number): string | undefined {
  if (depth > 32) return undefined;
  const sub = (n: PyNode | null | undefined) => (n ? sqlOf(n, scope, depth + 1) : undefined);
  const all = (ns: readonly PyNode[]) => {
    const out = ns.map(sub);
    return out.every((s) => s !== undefined) ? (out as string[]) : undefined;
  };
  const n = resolve(node, scope);
  switch (n.type) {
    case 'integer':
    case 'float':
      return /^[0-9.eE+-]+$/.test(n.text) ? n.text : undefined;
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'none':
      return 'NULL';
    case 'string': {
      const v = nameValue(n, scope);
      return v === undefined ? undefined : `'${v.replace(/'/g, "''")}'`;
    }
    case 'parenthesized_expression':
      return n.namedChildren.length === 1 ? sub(n.namedChildren[0]) : undefined;
    case 'unary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const arg = sub(n.childForFieldName('argument'));
      return arg === undefined ? undefined : op === '~' ? `NOT (${arg})` : op === '-' ? `-${arg}` : undefined;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const [l, r] = [sub(n.childForFieldName('left')), sub(n.childForFieldName('right'))];
      if (l === undefined || r === undefined) return undefined;
      return op === '&' ? `(${l}) AND (${r})` : op === '|' ? `(${l}) OR (${r})` : undefined;
    }
    case 'comparison_operator': {
      if (n.namedChildren.length !== 2) return undefined;
      const [left, right] = n.namedChildren;
      const op = n.text.slice(left.endIndex - n.startIndex, right.startIndex - n.startIndex).trim();
      const [l, r] = [sub(left), sub(right)];
      if (!COMPARISONS.has(op) || l === undefined || r === undefined) return undefined;
      // SQLAlchemy writes `== None` as IS NULL.
      if (r === 'NULL') return op === '==' ? `${l} IS NULL` : op === '!=' ? `${l} IS NOT NULL` : undefined;
      return `${l} ${op === '==' ? '=' : op === '!=' ? '<>' : op} ${r}`;
    }
    case 'attribute': {
      // `t.c.name`: a column of the statement's table.
      const object = n.childForFieldName('object');
      return object?.type === 'attribute' && attributeName(object) === 'c' ? column(attributeName(n)) : undefined;
    }
    case 'subscript': {
      const value = n.childForFieldName('value');
      const key = n.namedChildren.find((c) => c.id !== value?.id);
      return value?.type === 'attribute' && attributeName(value) === 'c' && key ? column(nameValue(key, scope)) : undefined;
    }
    case 'call':
      return callSql(n, scope, sub, all);
    default:
      return undefined;
  }
}

function callSql(n: PyNode, scope: Scope, sub: (n: PyNode | undefined) => string | undefined, all: (ns: readonly PyNode[]) => string[] | undefined): string | undefined {
  const name = calleeName(n) ?? '';
  const args = positionalArgs(n);
  const fn = n.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') ?? undefined : undefined;
  const onModule = !receiver || (receiver.type === 'identifier' && MODULES.test(receiver.text));
  if (onModule) {
    if (name === 'and_' || name === 'or_') {
      const parts = all(args);
      return parts && parts.length > 0 ? parts.map((p) => `(${p})`).join(name === 'and_' ? ' AND ' : ' OR ') : undefined;
    }
    if (name === 'not_' && args.length === 1) return sub(args[0]) === undefined ? undefined : `NOT (${sub(args[0])})`;
    if (name === 'column' && args.length === 1) return column(nameValue(args[0], scope));
    // `sa.text("qty < 0")`: preflight reads the SQL itself.
    if (name === 'text' && args.length === 1) return nameValue(args[0], scope);
    if (name === 'literal' && args.length >= 1) return sub(args[0]);
    return undefined;
  }
  const self = sub(receiver);
  if (self === undefined) return undefined;
  if ((name === 'is_' || name === 'isnot' || name === 'is_not') && args.length === 1 && sub(args[0]) === 'NULL') return `${self} IS ${name === 'is_' ? '' : 'NOT '}NULL`;
  if (name === 'in_' || name === 'notin_' || name === 'not_in') {
    const list = args.length === 1 ? resolve(args[0], scope) : undefined;
    const items = list && (list.type === 'list' || list.type === 'tuple') ? all(list.namedChildren) : undefined;
    return items && items.length > 0 ? `${self} ${name === 'in_' ? 'IN' : 'NOT IN'} (${items.join(', ')})` : undefined;
  }
  if (METHODS[name] && args.length === 1) return sub(args[0]) === undefined ? undefined : `${self} ${METHODS[name]} ${sub(args[0])}`;
  if (name === 'between' && args.length === 2) {
    const [a, b] = [sub(args[0]), sub(args[1])];
    return a === undefined || b === undefined ? undefined : `${self} BETWEEN ${a} AND ${b}`;
  }
  return undefined;
}

function column(name: string | undefined): string | undefined {
  return name === undefined ? undefined : `"${name.replace(/"/g, '""')}"`;
}
