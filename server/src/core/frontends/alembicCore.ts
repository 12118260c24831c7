// SQLAlchemy Core and ORM statements that change rows, run from an Alembic migration: `t.delete()`,
// `sa.delete(t).where(...)`, `t.update().values(...)`, `session.query(M).filter(...).delete()`.
// Core statements only change rows when executed, so they count where they are passed to execute();
// an ORM Query's delete()/update() runs at once. Without a where clause or filter, every row is hit.

import type { PyNode } from './pyNode';
import type { OpDraft } from './alembicOps';
import { attributeName, calleeName, keywordArg, keywordNames, nameValue, positionalArgs, resolve, type Scope } from './pyValues';

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
