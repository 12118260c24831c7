// The function a RunPython runs, read for what it does to rows: ORM `.delete()` (every row unless the
// queryset is filtered) and `.update(...)` (flagged when nothing filters it), and SQL sent through a
// cursor or the schema editor. Models come from `apps.get_model(...)` (the historical models a data
// migration should use) or from a model class used directly.

import type { OpDetails, Range } from '../ops';
import type { PyNode } from './pyNode';
import type { OpDraft } from './alembicOps';
import type { AppState } from './djangoState';
import { calleeName, keywordArg, keywordNames, nameValue, positionalArgs, type Scope } from './pyValues';

export interface RunPythonContext {
  app: string;
  state: AppState;
  /** Module constants. */
  scope: Scope;
  /** Functions defined at module level, which the RunPython function may call. */
  functions: Map<string, PyNode>;
  add(draft: OpDraft): void;
  /** SQL passed to `cursor.execute(sql[, params])` / `schema_editor.execute(sql[, params])`. */
  sql(sqlNode: PyNode | undefined, call: PyNode, scope: Scope): void;
}

// Queryset methods that narrow which rows a delete/update touches.
const FILTERS = new Set(['filter', 'exclude', 'get', 'first', 'last', 'latest', 'earliest', 'in_bulk', '[]']);
const MANAGERS = new Set(['objects', '_default_manager', '_base_manager']);
// Queryset methods that show a chain is a queryset even when the manager has a custom name (all_objects).
const QUERYSET = new Set(['all', 'filter', 'exclude', 'only', 'defer', 'select_related', 'prefetch_related', 'order_by', 'using', 'iterator', 'get']);
const SQL_RECEIVER = /\b(?:cursor|schema_editor|connection|conn)\b/;
const MAX_HELPER_DEPTH = 4;

interface Binding {
  node: PyNode;
  /** A `for x in <node>` loop variable: an instance of the queryset `node`. */
  loop: boolean;
}

/** Every binding of each local name, in source order (`qs = qs.filter(...)` rebinds a name to itself). */
type Locals = Map<string, Binding[]>;

export function walkRunPython(fn: PyNode, ctx: RunPythonContext, expanding: Set<string> = new Set()): void {
  const body = fn.childForFieldName('body');
  if (!body || expanding.size > MAX_HELPER_DEPTH) return;
  // Flow-insensitive: a data migration binds a model or a queryset once and uses it afterwards.
  const locals: Locals = new Map();
  const bind = (name: string, binding: Binding) => locals.set(name, [...(locals.get(name) ?? []), binding]);
  const scope = new Map(ctx.scope);
  // Cursors under any name: `cur = schema_editor.connection.cursor()`, `with connection.cursor() as c`.
  const cursors = new Set<string>();
  for (const a of body.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) {
      bind(left.text, { node: right, loop: false });
      scope.set(left.text, right);
      if (opensCursor(right)) cursors.add(left.text);
    }
  }
  for (const item of body.descendantsOfType('with_item')) {
    const value = item.childForFieldName('value');
    const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias') : undefined;
    if (alias && opensCursor(value?.namedChildren[0])) cursors.add(alias.text);
  }
  for (const loop of body.descendantsOfType('for_statement')) {
    const left = loop.childForFieldName('left');
    const right = loop.childForFieldName('right');
    if (left?.type === 'identifier' && right) bind(left.text, { node: right, loop: true });
  }
  for (const call of body.descendantsOfType('call')) {
    const callee = call.childForFieldName('function');
    if (callee?.type === 'identifier') {
      const helper = ctx.functions.get(callee.text);
      if (helper && !expanding.has(callee.text)) walkRunPython(helper, ctx, new Set(expanding).add(callee.text));
      continue;
    }
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object') ?? undefined;
    const args = positionalArgs(call);
    if (method === 'delete' && args.length === 0 && !call.childForFieldName('arguments')?.namedChildren.length) {
      ormChange('delete-rows', call, object, locals, ctx, body);
    } else if (method === 'update' && args.length === 0 && call.childForFieldName('arguments')?.namedChildren.length) {
      ormChange('update-rows', call, object, locals, ctx, body);
    } else if ((method === 'execute' || method === 'executemany') && object && (SQL_RECEIVER.test(object.text) || cursors.has(object.text))) {
      ctx.sql(args[0] ?? keywordArg(call, 'sql'), call, scope);
    }
  }
}

/** `x.cursor()`. */
function opensCursor(node: PyNode | null | undefined): boolean {
  const callee = node?.type === 'call' ? node.childForFieldName('function') : undefined;
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'cursor';
}

interface Chain {
  methods: string[];
  model?: string;
  app?: string;
  instance: boolean;
}

/** Follows `Order.objects.filter(...)`, names bound to querysets and loop variables back to the model. */
function chainOf(start: PyNode | undefined, locals: Locals): Chain {
  const chain: Chain = { methods: [], instance: false };
  const followed = new Set<number>();
  let node = start;
  for (let steps = 0; node && steps < 40; steps++) {
    if (node.type === 'call') {
      if (calleeName(node) === 'get_model') return { ...chain, ...modelOf(node) };
      node = node.childForFieldName('function') ?? undefined;
    } else if (node.type === 'attribute') {
      chain.methods.push(node.childForFieldName('attribute')?.text ?? '');
      node = node.childForFieldName('object') ?? undefined;
    } else if (node.type === 'subscript') {
      chain.methods.push('[]');
      node = node.childForFieldName('value') ?? undefined;
    } else if (node.type === 'identifier') {
      const bound = [...(locals.get(node.text) ?? [])].reverse().find((b) => !followed.has(b.node.id));
      if (!bound) return { ...chain, model: node.text };
      followed.add(bound.node.id);
      if (bound.loop) chain.instance = true;
      node = bound.node;
    } else {
      return chain;
    }
  }
  return chain;
}

/** `apps.get_model("shop", "Order")` / `apps.get_model("shop.Order")` / keyword forms. */
function modelOf(call: PyNode): { model?: string; app?: string } {
  const args = positionalArgs(call);
  const first = nameValue(args[0] ?? keywordArg(call, 'app_label'), new Map());
  const second = nameValue(args[1] ?? keywordArg(call, 'model_name'), new Map());
  if (first && second) return { app: first, model: second };
  if (first?.includes('.')) {
    const [app, model] = first.split('.');
    return { app, model };
  }
  return {};
}

function ormChange(kind: 'delete-rows' | 'update-rows', call: PyNode, object: PyNode | undefined, locals: Locals, ctx: RunPythonContext, body: PyNode): void {
  const chain = chainOf(object, locals);
  const fromGetModel = chain.app !== undefined;
  const viaManager = chain.methods.some((m) => MANAGERS.has(m)) || (/^[A-Z]/.test(chain.model ?? '') && chain.methods.some((m) => QUERYSET.has(m)));
  // Without a model from get_model, or a manager or queryset method on a model class, `.delete()` is some other object's method.
  if (!chain.model || (!fromGetModel && !viaManager)) return;
  const filtered = chain.methods.some((m) => FILTERS.has(m)) || (chain.instance && insideIf(call, body));
  const app = chain.app ?? ctx.app;
  const table = app === ctx.app ? ctx.state.tableOf(chain.model) : `${app}_${chain.model.toLowerCase()}`;
  const range: Range = { start: call.startIndex, end: call.endIndex };
  const details: OpDetails = { hasWhere: filtered };
  if (kind === 'update-rows') details.columns = keywordNames(call).map((name) => ({ name }));
  ctx.add({ kind, table, range, details });
}

/** Deleting instances one by one under an `if` picks rows in Python, like a WHERE clause. */
function insideIf(node: PyNode, body: PyNode): boolean {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'if_statement') return true;
  return false;
}
