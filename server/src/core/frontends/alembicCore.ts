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
  if (at < 0) return links.length > 0 && HARMLESS.has(links[links.length - 1].name) ? 'harmless' : undefined;
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
  if (link.name === 'update' && values) draft.details.columns = keywordNames(values.call).map((name) => ({ name }));
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
