// "Stop autogenerate from dropping tables without a model": Alembic's documented include_object hook,
// which leaves alone every reflected table no model maps, added to env.py and passed to every
// context.configure call (offline and online). An include_object env.py already has keeps working: the
// condition goes at the top of its function, or, when it is not a function of env.py we can edit, a new
// hook checks the condition and then asks it. A call that unpacks `**configure_args` (Flask-Migrate) may
// already carry an include_object there, so its arguments are passed through a helper that chains the
// two instead of adding a keyword Python would reject as given twice.
//
// Pure: env.py's text in, text edits (UTF-16 offsets) out.

import type { TextEdit } from '../findings';
import { readImport } from '../python/imports';
import { withPythonTree, type PyNode } from '../python/node';

export const PREVENT_UNMAPPED_DROPS_TITLE = 'Stop autogenerate from dropping tables without a model';

export type IncludeObjectEdit =
  | { kind: 'edit'; title: string; edits: TextEdit[] }
  /** env.py already leaves tables without a model alone in every configure call. */
  | { kind: 'in-place' }
  | { kind: 'error'; message: string };

const HOOK_PARAMS = ['object', 'name', 'type_', 'reflected', 'compare_to'];
const HELPER = 'with_include_object';

interface ConfigureCall {
  /** The include_object keyword's value, when the call passes one. */
  hook?: PyNode;
  /** The `**mapping` the call unpacks, when it does. */
  splat?: PyNode;
  args: PyNode;
}

interface HookFunction {
  node: PyNode;
  params: string[];
}

export function preventUnmappedDrops(text: string): IncludeObjectEdit {
  return withPythonTree(text, (root) => {
    if (!root.clean) return { kind: 'error', message: 'env.py does not parse as Python; fix it first.' };
    const functions = new Map<string, PyNode>();
    const bound = new Set<string>();
    for (const stmt of root.namedChildren) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      const name = def?.type === 'function_definition' || def?.type === 'class_definition' ? def.childForFieldName('name')?.text : undefined;
      if (name) {
        bound.add(name);
        if (def?.type === 'function_definition') functions.set(name, def);
      }
      const assign = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      if (assign?.type === 'assignment') bound.add(assign.childForFieldName('left')?.text ?? '');
      for (const imp of readImport(stmt)) for (const n of imp.names) bound.add(n.bound);
    }
    const calls = configureCalls(root);
    if (calls.length === 0) return { kind: 'error', message: 'env.py has no context.configure(...) call to pass include_object to.' };
    const passed = new Set(calls.flatMap((c) => (c.hook ? [c.hook.text] : [])));
    if (passed.size > 1) return { kind: 'error', message: `env.py passes different include_object hooks (${[...passed].join(', ')}); add the condition to each by hand.` };
    const existing = [...passed][0];
    const unit = indentUnit(text, root);
    const edits: TextEdit[] = [];
    const newDefs: string[] = [];

    // The hook every call will pass, made to leave tables without a model alone.
    let hookName: string;
    const own = functions.get(existing ?? 'include_object');
    const ownHook = own ? hookFunction(own) : undefined;
    if (ownHook) {
      hookName = ownHook.node.childForFieldName('name')?.text ?? 'include_object';
      if (!excludesUnmapped(ownHook)) {
        const edit = conditionAtTop(text, ownHook, unit);
        if (!edit) return { kind: 'error', message: `${hookName}() in env.py has its body on the def line; add the condition by hand.` };
        edits.push(edit);
      }
    } else if (existing !== undefined) {
      if (!/^[A-Za-z_][\w.]*$/.test(existing)) return { kind: 'error', message: `env.py passes include_object=${existing}; wrap it in a function by hand.` };
      hookName = freeName(bound, ['include_object', 'skip_tables_without_model']);
      newDefs.push(hookDef(hookName, unit, `${existing}(${HOOK_PARAMS.join(', ')})`));
    } else {
      hookName = freeName(bound, ['include_object', 'skip_tables_without_model']);
      newDefs.push(hookDef(hookName, unit, 'True'));
    }

    let needsHelper = false;
    for (const call of calls) {
      if (call.hook) {
        if (call.hook.text !== hookName) edits.push({ range: { start: call.hook.startIndex, end: call.hook.endIndex }, newText: hookName });
      } else if (call.splat) {
        const mapping = call.splat.namedChildren[0];
        if (!mapping || isHelperCall(mapping)) continue;
        needsHelper = true;
        edits.push({ range: { start: mapping.startIndex, end: mapping.endIndex }, newText: `${HELPER}(${mapping.text})` });
      } else edits.push(keywordEdit(text, call.args, `include_object=${hookName}`));
    }
    if (needsHelper) {
      if (bound.has(HELPER) && !functions.has(HELPER)) return { kind: 'error', message: `env.py already binds ${HELPER} to something else; add include_object by hand.` };
      if (!functions.has(HELPER)) newDefs.push(helperDef(hookName, unit));
    }
    if (newDefs.length > 0) {
      const at = insertionPoint(text, root, calls[0].args);
      edits.push({ range: { start: at, end: at }, newText: `${newDefs.join('\n\n\n')}\n\n\n` });
    }
    if (edits.length === 0) return { kind: 'in-place' };
    return { kind: 'edit', title: PREVENT_UNMAPPED_DROPS_TITLE, edits: edits.sort((a, b) => a.range.start - b.range.start) };
  });
}

/** env.py leaves every table without a model out of autogenerate (the hint `parity` gives when not). */
export function hasUnmappedGuard(text: string): boolean {
  try {
    return preventUnmappedDrops(text).kind === 'in-place';
  } catch {
    return false;
  }
}

function configureCalls(root: PyNode): ConfigureCall[] {
  const out: ConfigureCall[] = [];
  for (const call of root.descendantsOfType('call')) {
    if (!/(?:^|\.)configure$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const args = call.childForFieldName('arguments');
    if (!args || args.type !== 'argument_list') continue;
    const entry: ConfigureCall = { args };
    for (const a of args.namedChildren) {
      if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'include_object') entry.hook = a.childForFieldName('value') ?? undefined;
      else if (a.type === 'dictionary_splat') entry.splat = a;
    }
    out.push(entry);
  }
  return out;
}

/** A function called with the hook's five positional arguments, and the names it gives them. */
function hookFunction(def: PyNode): HookFunction | undefined {
  const params = def.childForFieldName('parameters')?.namedChildren ?? [];
  const names: string[] = [];
  for (const p of params.slice(0, 5)) {
    const name = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.namedChildren[0] : p.childForFieldName('name');
    if (!name || name.type !== 'identifier') return undefined;
    names.push(name.text);
  }
  return names.length === 5 ? { node: def, params: names } : undefined;
}

/** The function already returns False for a reflected table with no model (its own parameter names). */
function excludesUnmapped(hook: HookFunction): boolean {
  const [, , , reflected, compareTo] = hook.params;
  for (const ifStmt of hook.node.descendantsOfType('if_statement')) {
    const cond = ifStmt.childForFieldName('condition')?.text ?? '';
    const ret = ifStmt.childForFieldName('consequence')?.namedChildren.find((s) => s.type === 'return_statement');
    if (ret?.namedChildren[0]?.type !== 'false') continue;
    if (new RegExp(`\\b${reflected}\\b`).test(cond) && new RegExp(`\\b${compareTo}\\s+is\\s+None\\b`).test(cond) && !new RegExp(`\\bnot\\s+${reflected}\\b`).test(cond)) return true;
  }
  return false;
}

function condition(params: string[]): string {
  const [, , type, reflected, compareTo] = params;
  return `if ${type} == "table" and ${reflected} and ${compareTo} is None:`;
}

const WHY = [
  '# A table in the database that no model maps is not the models\' to drop: without this check,',
  '# autogenerate emits op.drop_table() for it (the include_object recipe of Alembic\'s docs).',
];

/** The condition as the first statement of the function's body, after its docstring. */
function conditionAtTop(text: string, hook: HookFunction, unit: string): TextEdit | undefined {
  const body = hook.node.childForFieldName('body');
  const stmts = body?.namedChildren ?? [];
  const docstring = stmts[0]?.type === 'expression_statement' && stmts[0].namedChildren[0]?.type === 'string';
  const first = stmts[docstring ? 1 : 0];
  const anchor = first ?? stmts[0];
  if (!anchor) return undefined;
  const lineStart = text.lastIndexOf('\n', anchor.startIndex - 1) + 1;
  const indent = text.slice(lineStart, anchor.startIndex);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const lines = [...WHY.map((l) => indent + l), `${indent}${condition(hook.params)}`, `${indent}${unit}return False`];
  if (first) return { range: { start: lineStart, end: lineStart }, newText: `${lines.join('\n')}\n` };
  const end = anchor.endIndex;
  return { range: { start: end, end }, newText: `\n${lines.join('\n')}` };
}

function hookDef(name: string, unit: string, otherwise: string): string {
  return [
    `def ${name}(${HOOK_PARAMS.join(', ')}):`,
    ...WHY.map((l) => unit + l),
    `${unit}${condition(HOOK_PARAMS)}`,
    `${unit}${unit}return False`,
    `${unit}return ${otherwise}`,
  ].join('\n');
}

function helperDef(hook: string, u: string): string {
  const args = HOOK_PARAMS.join(', ');
  return [
    `def ${HELPER}(configure_args):`,
    `${u}# configure_args may hold an include_object of its own: both must agree to include an object.`,
    `${u}configured = configure_args.get("include_object")`,
    `${u}if configured is None:`,
    `${u}${u}return {**configure_args, "include_object": ${hook}}`,
    '',
    `${u}def both(${args}):`,
    `${u}${u}return ${hook}(${args}) and configured(${args})`,
    '',
    `${u}return {**configure_args, "include_object": both}`,
  ].join('\n');
}

function isHelperCall(node: PyNode): boolean {
  return node.type === 'call' && node.childForFieldName('function')?.text === HELPER;
}

function freeName(bound: Set<string>, candidates: string[]): string {
  for (const c of candidates) if (!bound.has(c)) return c;
  let i = 2;
  while (bound.has(`${candidates[0]}_${i}`)) i++;
  return `${candidates[0]}_${i}`;
}

/** `keyword` as the call's last argument, on its own line when the arguments are one per line. */
function keywordEdit(text: string, args: PyNode, keyword: string): TextEdit {
  const items = args.namedChildren.filter((n) => n.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { range: { start: args.startIndex + 1, end: args.startIndex + 1 }, newText: keyword };
  let after = last.endIndex;
  while (after < args.endIndex && (text[after] === ' ' || text[after] === '\t')) after++;
  const trailingComma = text[after] === ',';
  const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
  const multiline = lineStart > args.startIndex && /^[ \t]*$/.test(text.slice(lineStart, last.startIndex));
  if (multiline) {
    const indent = text.slice(lineStart, last.startIndex);
    return trailingComma
      ? { range: { start: after + 1, end: after + 1 }, newText: `\n${indent}${keyword},` }
      : { range: { start: last.endIndex, end: last.endIndex }, newText: `,\n${indent}${keyword}` };
  }
  return trailingComma ? { range: { start: after + 1, end: after + 1 }, newText: ` ${keyword},` } : { range: { start: last.endIndex, end: last.endIndex }, newText: `, ${keyword}` };
}

/** Before the top-level statement holding the first configure call, and above the comments leading into it. */
function insertionPoint(text: string, root: PyNode, firstCall: PyNode): number {
  const stmt = root.namedChildren.find((s) => s.startIndex <= firstCall.startIndex && firstCall.startIndex < s.endIndex) ?? firstCall;
  let at = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  while (at > 0) {
    const prev = text.lastIndexOf('\n', at - 2) + 1;
    if (!/^[ \t]*#/.test(text.slice(prev, at - 1))) break;
    at = prev;
  }
  return at;
}

/** The indentation of env.py's first indented block, else four spaces. */
function indentUnit(text: string, root: PyNode): string {
  for (const stmt of root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const first = def?.childForFieldName('body')?.namedChildren[0];
    if (!first) continue;
    const lineStart = text.lastIndexOf('\n', first.startIndex - 1) + 1;
    const indent = text.slice(lineStart, first.startIndex);
    if (/^[ \t]+$/.test(indent)) return indent;
  }
  return '    ';
}
