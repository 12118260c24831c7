// What the Alembic walker (alembic/frontend.ts) cannot read but must not skip: Alembic's operation objects run by
// op.invoke(), op methods a plugin adds, code the migration hands op to, exec/eval, imported helpers
// named like drops, and ORM sessions (rows deleted or set one object at a time).

import type { OpDraft } from './ops';
import { dynamicDraft } from './syntax';
import type { WalkState } from './calls';
import { readImport } from '../../python/imports';
import type { PyNode } from '../../python/node';
import { attributeName, calleeName, resolve, stringValue, type Scope } from '../../python/values';

/** Alembic's operation classes (alembic.operations.ops) that `op.invoke()` runs, by the op method that makes them. */
export const INVOKED_OPS = new Map([
  ['DropTableOp', 'drop_table'], ['DropColumnOp', 'drop_column'], ['DropIndexOp', 'drop_index'], ['DropConstraintOp', 'drop_constraint'], ['ExecuteSQLOp', 'execute'],
]);
/** Operation classes that only add to the schema. */
export const HARMLESS_OPS = /^(?:Create\w*Op|Add\w*Op|BulkInsertOp)$/;
// Helpers whose name says they drop or delete something.
const DESTRUCTIVE_HELPER = /^_?(?:(?:drop|remove)_(?:tables?|columns?|schemas?)(?:_\w+)?|(?:truncate|purge|delete|wipe)(?:_\w+)?)$/i;
// `drop_run_timestamps()`: a drop of something else, unless the name says it is only constraints, indexes or views.
const DROP_HELPER = /^_?(?:drop|remove)_(\w+)$/i;
const SCHEMA_ONLY = /(?:^|_)(?:fks?|foreign_keys?|constraints?|index|indexes|indices|idx|triggers?|views?|sequences?|defaults?|comments?)(?:_|$)/i;
// Methods whose name says they erase what they are called on (`instance.scheduler.wipe(instance)`).
const DESTRUCTIVE_METHOD = /\.(?:truncate|purge|wipe)(?:_\w+)?$/i;
/** Builtins that only look at op. */
const INSPECTING_BUILTINS = new Set(['hasattr', 'isinstance', 'print', 'repr', 'str', 'type', 'id', 'vars', 'dir']);

function isDestructiveName(name: string): boolean {
  const rest = DROP_HELPER.exec(name)?.[1];
  return DESTRUCTIVE_HELPER.test(name) || (rest !== undefined && !SCHEMA_ONLY.test(rest));
}

/** The module each name was imported from (`from pkg.utils import drop_columns`), anywhere in the file. */
export function importsOf(root: PyNode): Map<string, string> {
  const imports = new Map<string, string>();
  for (const stmt of root.descendantsOfType('import_from_statement')) {
    for (const imp of readImport(stmt)) for (const n of imp.names) if (n.bound) imports.set(n.bound, imp.module);
  }
  return imports;
}

/**
 * Why a call runs code that cannot be read here, if it does: code the migration hands `op` to (a helper
 * imported from elsewhere, `getattr(op, name)` with a name built at run time), Python run from a string
 * (`exec`, `eval`), and helpers defined elsewhere whose name says they drop or delete.
 */
export function unreadCode(
  callee: string,
  call: PyNode,
  scope: Scope,
  isOp: (node: PyNode | null) => boolean,
  importedFrom: (name: string) => string | undefined,
): OpDraft | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const value = (a: PyNode) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a);
  let reason: string | undefined;
  if ((callee === 'exec' || callee === 'eval') && !scope.has(callee)) reason = `${callee}() runs Python code given as a string`;
  else if (callee === 'getattr') {
    const name = args[1] ? stringValue(args[1], scope) : undefined;
    if (isOp(args[0]) && (!name || name.dynamic)) reason = 'getattr() picks the op method to call at run time';
  } else if (!INSPECTING_BUILTINS.has(callee) && args.some((a) => isOp(value(a)))) {
    reason = `op is handed to ${callee}(), which this migration does not define, so what it runs cannot be checked`;
  } else if (isDestructiveName(callee) && !scope.has(callee) && !/^sqlalchemy\b/.test(importedFrom(callee) ?? '')) {
    // A shared helper (Superset's `drop_columns(table, *columns)`): it reaches op on its own.
    const from = importedFrom(callee);
    reason = `${callee}() ${from ? `is imported from ${from}` : 'is not defined in this migration'}, so what it drops or deletes cannot be checked here`;
  } else if (DESTRUCTIVE_METHOD.test(callee)) {
    reason = `${callee}() is code this migration does not define, named like it erases data, so what it deletes cannot be checked here`;
  }
  if (!reason) return undefined;
  return dynamicDraft(call, reason, callee === 'exec' || callee === 'eval' ? stringValue(args[0], scope)?.value : undefined);
}

/** `op.drop_partition(...)`: an operation a plugin or the project registered, named like a drop. */
export function customDrop(method: string, call: PyNode): OpDraft[] | undefined {
  const name = method.slice(method.lastIndexOf('.') + 1);
  if (!name.startsWith('drop_') || name === 'drop_table_comment') return undefined;
  return [dynamicDraft(call, `${method}() is not one of Alembic's own operations (a plugin or the project adds it), so what it drops cannot be checked`)];
}

/**
 * `for obj in session.query(M).all(): obj.col = value`: the loop sets a column on every row of M, like
 * an UPDATE without a WHERE clause. Only assignments the loop reaches for every row count: those before
 * any statement that could skip the rest of the body (an if, a try, a nested loop).
 */
export function ormRowUpdates(row: string, model: string, body: PyNode): OpDraft[] {
  const drafts: OpDraft[] = [];
  for (const stmt of body.namedChildren) {
    if (stmt.type === 'comment') continue;
    if (stmt.type !== 'expression_statement') break;
    for (const expr of stmt.namedChildren) {
      const target = expr.type === 'assignment' || expr.type === 'augmented_assignment' ? expr.childForFieldName('left') : null;
      const object = target?.type === 'attribute' ? target.childForFieldName('object') : null;
      const column = target ? attributeName(target) : undefined;
      const value = expr.childForFieldName('right');
      // `obj.col = obj.col` (re-saving a value through a property) changes nothing.
      if (!target || object?.type !== 'identifier' || object.text !== row || !column || value?.text === target.text) continue;
      drafts.push({ kind: 'update-rows', range: { start: expr.startIndex, end: expr.endIndex }, details: { hasWhere: false, model, columns: [{ name: column }] } });
    }
  }
  return drafts;
}

// An ORM session: `session`, `db.session`, `Session(bind=...)`, `sessionmaker(bind=...)()`, `scoped_session(...)`.
const SESSION_NAME = /(?:^|\.)(?:session|db_session|sess)$/i;
const SESSION_FACTORY = /^(?:Session|sessionmaker|scoped_session)$/;

export function isOrmSession(object: PyNode, state: WalkState): boolean {
  if (SESSION_NAME.test(object.text)) return true;
  let value = resolve(object, state.scope);
  // sessionmaker(bind=b)() / Session = sessionmaker(); Session()
  for (let i = 0; value.type === 'call' && i < 4; i++) {
    const fn = value.childForFieldName('function');
    const name = calleeName(value) ?? '';
    if (SESSION_FACTORY.test(name)) return true;
    if (!fn) break;
    const next = resolve(fn, state.scope);
    if (next === fn && fn.type !== 'call') break;
    value = next;
  }
  return false;
}
