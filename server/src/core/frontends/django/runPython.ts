// The function a RunPython runs, read for what it does to rows: ORM `.delete()` (every row unless the
// queryset is filtered) and `.update(...)` (flagged when nothing filters it), and SQL sent through a
// cursor or the schema editor. Models come from `apps.get_model(...)` (the historical models a data
// migration should use) or from a model class used directly.

import type { OpDetails, Range } from '../../ops';
import type { PyNode } from '../../python/node';
import { grownNames } from '../../python/syntaxErrors';
import type { OpDraft } from '../alembic';
import type { AppState } from './state';
import { columnOf } from './fields';
import { calleeName, keywordArg, keywordNames, nameValue, positionalArgs, writtenElements, type PyString, type Scope } from '../../python/values';

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
// Further queryset methods that keep the rows of the same model.
const OTHER_QUERYSET = new Set(['distinct', 'annotate', 'alias', 'values', 'values_list', 'select_for_update', 'none', 'reverse', 'extra', 'order_by', 'union', 'intersection', 'difference']);
const SQL_RECEIVER = /\b(?:cursor|schema_editor|connection|conn)\b/;
const MAX_HELPER_DEPTH = 4;

interface Binding {
  node: PyNode;
  /** A `for x in <node>` loop variable: an instance of the queryset `node`. */
  loop: boolean;
}

/** Every binding of each local name, in source order (`qs = qs.filter(...)` rebinds a name to itself). */
type Locals = Map<string, Binding[]>;

/** What a helper inherits from its caller: the caller's names, its parameters bound to the arguments. */
interface Inherited {
  locals: Locals;
  editors: Set<string>;
}

export function walkRunPython(fn: PyNode, ctx: RunPythonContext, expanding: Set<string> = new Set(), inherited?: Inherited): void {
  const body = fn.childForFieldName('body');
  if (!body || expanding.size > MAX_HELPER_DEPTH) return;
  // Flow-insensitive: a data migration binds a model or a queryset once and uses it afterwards.
  const locals: Locals = new Map(inherited?.locals);
  const bind = (name: string, binding: Binding) => locals.set(name, [...(locals.get(name) ?? []), binding]);
  const scope = new Map(ctx.scope);
  // A helper's parameters hold the strings its caller passed: `run(schema_editor, "DROP TABLE ...")`.
  for (const [name, bindings] of inherited?.locals ?? []) {
    const last = bindings[bindings.length - 1];
    if (last && !last.loop) scope.set(name, last.node);
  }
  // Cursors under any name: `cur = schema_editor.connection.cursor()`, `with connection.cursor() as c`.
  const cursors = new Set<string>();
  // Parameters (of this function and of functions nested in it) hold whatever model the caller passes.
  const params = new Set<string>();
  // The schema editor under whatever name the function gives it: RunPython's `(apps, se)`,
  // an Operation's `database_forwards(self, app_label, editor, from_state, to_state)`.
  const editors = new Set<string>(['schema_editor', ...(inherited?.editors ?? [])]);
  const own = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type === 'identifier');
  const fnName = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text ?? '' : '';
  const editor = /^database_(?:forwards|backwards)$/.test(fnName) ? own[2] : expanding.size === 0 && own.length === 2 ? own[1] : undefined;
  if (editor) editors.add(editor.text);
  const isEditor = (node: PyNode): boolean => [...editors].some((e) => new RegExp(`(?:^|\\.)${e}\\b`).test(node.text));
  for (const def of [fn, ...body.descendantsOfType('function_definition'), ...body.descendantsOfType('lambda')]) {
    for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
      const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
      if (name?.type === 'identifier') params.add(name.text);
    }
  }
  for (const a of body.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) {
      bind(left.text, { node: right, loop: false });
      scope.set(left.text, right);
      if (opensCursor(right)) cursors.add(left.text);
    }
  }
  // A list filled later (`values.append(...)`) or a string extended (`sql += ...`) holds more than its first value.
  for (const name of grownNames(body)) scope.delete(name);
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
  // A function nested in this one gets its arguments bound to its parameters: `wipe(apps.get_model(...))`.
  const nested = new Map(body.descendantsOfType('function_definition').map((d) => [d.childForFieldName('name')?.text ?? '', d]));
  for (const call of body.descendantsOfType('call')) {
    const def = nested.get(call.childForFieldName('function')?.text ?? '');
    if (def) for (const [name, node] of argumentsOf(def, call)) bind(name, { node, loop: false });
  }
  // A call read once per item of a loop around it reports each table once (the loop may not vary the model).
  const reported = new Set<string>();
  const once: RunPythonContext = {
    ...ctx,
    add: (draft) => {
      const key = `${draft.range?.start}\0${draft.kind}\0${draft.table ?? ''}\0${draft.details.hasWhere}`;
      if (!reported.has(key)) ctx.add(draft);
      reported.add(key);
    },
  };
  // `for o in Order.objects.all(): o.note = ""; o.save()`: the loop rewrites the column in every row it visits.
  for (const loop of body.descendantsOfType('for_statement')) {
    for (const s of savedAssignments(loop)) ormChange('update-rows', s.assignment, s.row, locals, once, body, params, [s.column]);
  }
  for (const call of body.descendantsOfType('call')) {
    const callee = call.childForFieldName('function');
    if (callee && /^(?:(?:django\.core\.)?management\.)?call_command$/.test(callee.text)) {
      // `call_command("loaddata", ...)`: a management command's code is not in the migration.
      const command = nameValue(positionalArgs(call)[0], scope) ?? positionalArgs(call)[0]?.text ?? 'a command';
      const reason = `call_command(${JSON.stringify(command)}) runs a management command, which is not defined in this migration, so what it does to the database cannot be read`;
      ctx.add({ kind: 'dynamic-sql', range: { start: call.startIndex, end: call.endIndex }, dynamic: true, details: { reason } });
      continue;
    }
    if (callee?.type === 'identifier') {
      const helper = ctx.functions.get(callee.text);
      if (!helper || expanding.has(callee.text)) continue;
      const passed: Inherited = { locals: new Map([...locals].map(([k, v]) => [k, [...v]])), editors: new Set() };
      for (const [name, node] of argumentsOf(helper, call)) {
        passed.locals.set(name, [...(passed.locals.get(name) ?? []), { node, loop: false }]);
        if (isEditor(node)) passed.editors.add(name);
      }
      walkRunPython(helper, ctx, new Set(expanding).add(callee.text), passed);
      continue;
    }
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object') ?? undefined;
    const args = positionalArgs(call);
    if (method === 'delete' && args.length === 0 && !call.childForFieldName('arguments')?.namedChildren.length) {
      for (const each of modelLoopLocals(call, body, locals, scope)) ormChange('delete-rows', call, object, each, once, body, params);
    } else if (method === 'update' && args.length === 0 && call.childForFieldName('arguments')?.namedChildren.length) {
      for (const each of modelLoopLocals(call, body, locals, scope)) ormChange('update-rows', call, object, each, once, body, params);
    } else if (method === 'raw' && object && chainOf(object, locals, params).methods.some((m) => MANAGERS.has(m))) {
      // `Order.objects.raw("DELETE ... RETURNING id")`: raw() runs whatever SQL it is given.
      for (const each of loopScopes(call, body, scope)) ctx.sql(args[0] ?? keywordArg(call, 'raw_query'), call, each);
    } else if ((method === 'execute' || method === 'executemany') && object && (SQL_RECEIVER.test(object.text) || cursors.has(object.text) || isEditor(object))) {
      for (const each of loopScopes(call, body, scope)) ctx.sql(args[0] ?? keywordArg(call, 'sql'), call, each);
    } else if (method && SCHEMA_EDITOR_DROPS.has(method) && object && isEditor(object)) {
      schemaEditorDrop(method, call, args, locals, ctx, params);
    }
  }
}

/**
 * `for idx in INDEXES: cursor.execute(f"DROP INDEX {idx}")`: when the nearest loop around the call runs
 * over written-out strings, the SQL is read once per string, each with its own name.
 */
function loopScopes(call: PyNode, body: PyNode, scope: Map<string, PyNode | PyString>): Scope[] {
  for (let p = call.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const target = p.childForFieldName('left');
    const values = p.childForFieldName('right');
    const items = (values && writtenElements(values, scope)) ?? [];
    const literal = items.length > 0 && items.length <= 50 && items.every((i) => i.type === 'string' && !i.text.includes('{'));
    return target?.type === 'identifier' && literal ? items.map((i) => new Map([...scope, [target.text, i]])) : [scope];
  }
  return [scope];
}

/**
 * `for model in [Account, Order]: model.objects.all().delete()`: when a loop around the call runs over
 * a written-out list, the call is read once per item, with the loop's name bound to that item.
 */
function modelLoopLocals(call: PyNode, body: PyNode, locals: Locals, scope: Scope): Locals[] {
  for (let p = call.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const target = p.childForFieldName('left');
    const values = p.childForFieldName('right');
    const items = values ? writtenElements(values, scope) : undefined;
    if (target?.type !== 'identifier' || !items || items.length === 0 || items.length > 50) continue;
    return items.map((item) => new Map(locals).set(target.text, [{ node: item, loop: false }]));
  }
  return [locals];
}

// The schema editor's own methods that destroy a table or a column: `schema_editor.delete_model(Order)`.
const SCHEMA_EDITOR_DROPS = new Set(['delete_model', 'remove_field']);

function schemaEditorDrop(method: string, call: PyNode, args: PyNode[], locals: Locals, ctx: RunPythonContext, params: Set<string>): void {
  const chain = chainOf(args[0] ?? keywordArg(call, 'model'), locals, params);
  if (!chain.model && !chain.getModel && !chain.param) return;
  const table = tableOf(chain, ctx);
  const range: Range = { start: call.startIndex, end: call.endIndex };
  if (method === 'delete_model') {
    ctx.add({ kind: 'drop-table', ...(table ? { table } : {}), range, details: {} });
    return;
  }
  // `schema_editor.remove_field(Order, Order._meta.get_field("note"))`: the column when it is written out.
  const field = args[1] ?? keywordArg(call, 'field');
  const getField = field?.descendantsOfType('call').concat(field.type === 'call' ? [field] : []).find((c) => calleeName(c) === 'get_field');
  const name = getField ? nameValue(positionalArgs(getField)[0], new Map()) : undefined;
  const draft: OpDraft = { kind: 'drop-column', range, details: {} };
  if (table) draft.table = table;
  if (name) draft.column = columnOf(name, chain.model && (chain.app ?? ctx.app) === ctx.app ? ctx.state.field(chain.model, name) : undefined);
  ctx.add(draft);
}

/** The table a chain's model lives in, when the model is known. */
function tableOf(chain: Chain, ctx: RunPythonContext): string | undefined {
  if (!chain.model) return undefined;
  const app = chain.app ?? ctx.app;
  return app === ctx.app ? ctx.state.tableOf(chain.model) : `${app}_${chain.model.toLowerCase()}`;
}

/** The arguments of a call to `def`, by the name of the parameter each fills. */
function argumentsOf(def: PyNode, call: PyNode): Array<[string, PyNode]> {
  const names = (def.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p) => {
    const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    return name?.type === 'identifier' && !p.type.includes('splat') ? [name.text] : [];
  });
  const bound: Array<[string, PyNode]> = [];
  positionalArgs(call).forEach((a, i) => {
    if (names[i] && a.type !== 'list_splat') bound.push([names[i], a]);
  });
  for (const name of names) {
    const value = keywordArg(call, name);
    if (value) bound.push([name, value]);
  }
  return bound;
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
  /** The model comes from `apps.get_model(...)`, even when its name is only known at run time. */
  getModel?: boolean;
  /** The model is a function parameter: whatever model the caller passes. */
  param?: boolean;
}

// Queryset methods that narrow nothing when called without arguments: `.filter()` is `.all()`.
const EMPTY_IS_ALL = new Set(['filter', 'exclude']);

/** Follows `Order.objects.filter(...)`, names bound to querysets and loop variables back to the model. */
function chainOf(start: PyNode | undefined, locals: Locals, params: Set<string>): Chain {
  const chain: Chain = { methods: [], instance: false };
  const followed = new Set<number>();
  let node = start;
  for (let steps = 0; node && steps < 40; steps++) {
    if (node.type === 'call') {
      if (calleeName(node) === 'get_model') return { ...chain, ...modelOf(node), getModel: true };
      const callee = node.childForFieldName('function') ?? undefined;
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      const empty = !node.childForFieldName('arguments')?.namedChildren.some((c) => c.type !== 'comment');
      if (callee && method && EMPTY_IS_ALL.has(method) && empty) {
        chain.methods.push('all');
        node = callee.childForFieldName('object') ?? undefined;
      } else {
        node = callee;
      }
    } else if (node.type === 'attribute') {
      chain.methods.push(node.childForFieldName('attribute')?.text ?? '');
      node = node.childForFieldName('object') ?? undefined;
    } else if (node.type === 'subscript') {
      chain.methods.push('[]');
      node = node.childForFieldName('value') ?? undefined;
    } else if (node.type === 'identifier') {
      const bound = [...(locals.get(node.text) ?? [])].reverse().find((b) => !followed.has(b.node.id));
      if (!bound) return params.has(node.text) ? { ...chain, param: true } : { ...chain, model: node.text };
      followed.add(bound.node.id);
      if (bound.loop) chain.instance = true;
      node = bound.node;
    } else {
      // `{"o": apps.get_model("shop", "Order")}["o"]`: some model from get_model, which one unknown.
      const fromGetModel = node.descendantsOfType('call').some((c) => calleeName(c) === 'get_model');
      return fromGetModel ? { ...chain, getModel: true } : chain;
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
  // `apps.get_model(app_label, "Order")` in a custom operation: the migration's own app.
  if (second) return { model: second };
  if (first?.includes('.')) {
    const [app, model] = first.split('.');
    return { app, model };
  }
  return {};
}

/** `row.col = value` statements of a loop's body that also calls `row.save()` (a plain assignment writes nothing). */
function savedAssignments(loop: PyNode): Array<{ assignment: PyNode; row: PyNode; column: string }> {
  const left = loop.childForFieldName('left');
  const body = loop.childForFieldName('body');
  if (left?.type !== 'identifier' || !body) return [];
  if (!body.descendantsOfType('call').some((c) => c.childForFieldName('function')?.text === `${left.text}.save`)) return [];
  return body.namedChildren.flatMap((stmt) => {
    const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    const target = expr?.type === 'assignment' || expr?.type === 'augmented_assignment' ? expr.childForFieldName('left') : undefined;
    const row = target?.type === 'attribute' ? target.childForFieldName('object') : undefined;
    const column = target?.childForFieldName('attribute')?.text;
    // `o.col = o.col` changes nothing.
    if (!expr || !row || row.text !== left.text || !column || expr.childForFieldName('right')?.text === target?.text) return [];
    return [{ assignment: expr, row, column }];
  });
}

function ormChange(
  kind: 'delete-rows' | 'update-rows',
  call: PyNode,
  object: PyNode | undefined,
  locals: Locals,
  ctx: RunPythonContext,
  body: PyNode,
  params: Set<string>,
  columns: string[] = keywordNames(call),
): void {
  const chain = chainOf(object, locals, params);
  const viaManager = chain.methods.some((m) => MANAGERS.has(m)) || (/^[A-Z]/.test(chain.model ?? '') && chain.methods.some((m) => QUERYSET.has(m)));
  // A model from get_model (named or not), a manager on a model passed in as a parameter, or a manager or
  // queryset method on a model class; otherwise `.delete()` is some other object's method.
  if (!chain.getModel && !(chain.param && chain.methods.some((m) => MANAGERS.has(m))) && !(chain.model && viaManager)) return;
  // Only what follows the manager narrows the rows: `models_["o"].objects.all()` indexes a dict, not a queryset.
  const managerAt = chain.methods.findIndex((m) => MANAGERS.has(m));
  const narrowing = managerAt >= 0 ? chain.methods.slice(0, managerAt) : chain.methods;
  const filtered = narrowing.some((m) => FILTERS.has(m)) || (chain.instance && insideIf(call, body));
  // `customer.orders.all().delete()`: a related manager's rows live in another model's table.
  // `Tag.articles.through.objects`: the manager of a join table or of a related model, not of Tag's table.
  const related = managerAt >= 0 && (narrowing.some((m) => !QUERYSET.has(m) && !FILTERS.has(m) && !OTHER_QUERYSET.has(m)) || chain.methods.length > managerAt + 1);
  const table = related ? undefined : tableOf(chain, ctx);
  const range: Range = { start: call.startIndex, end: call.endIndex };
  const details: OpDetails = { hasWhere: filtered };
  if (kind === 'update-rows') details.columns = columns.map((name) => ({ name }));
  // `update(new=F("old"))` or `o.new = o.old; o.save()` on every row copies old into new.
  const copies = kind === 'update-rows' && !filtered ? columns.flatMap((into) => copiedField(call, into)) : [];
  if (copies.length > 0) details.columnCopies = copies;
  ctx.add({ kind, ...(table ? { table } : {}), range, details });
}

/** `update(into=F("old"))`, or the assignment `o.into = o.old`: the value of another field of the same row. */
function copiedField(change: PyNode, into: string): Array<{ from: string; into: string }> {
  if (change.type === 'assignment') {
    const value = change.childForFieldName('right');
    const row = change.childForFieldName('left')?.childForFieldName('object')?.text;
    const from = value?.type === 'attribute' && value.childForFieldName('object')?.text === row ? value.childForFieldName('attribute')?.text : undefined;
    return from ? [{ from, into }] : [];
  }
  const value = change.type === 'call' ? keywordArg(change, into) : undefined;
  if (value?.type !== 'call' || calleeName(value) !== 'F') return [];
  const from = nameValue(positionalArgs(value)[0], new Map());
  return from && !from.includes('__') ? [{ from, into }] : [];
}

/** Deleting instances one by one under an `if` picks rows in Python, like a WHERE clause. */
function insideIf(node: PyNode, body: PyNode): boolean {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'if_statement') return true;
  return false;
}
