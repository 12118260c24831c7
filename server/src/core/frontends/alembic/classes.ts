// Classes a migration defines for itself (`class Ops: @staticmethod def drop(name): op.drop_table(name)`):
// their methods, how Python binds a call's arguments to them, and which class an expression names. The
// Alembic walker follows calls into these methods as it follows calls into the migration's functions.

import type { PyNode } from '../../python/node';
import { parameterName, parameters } from './syntax';

export type MethodKind = 'static' | 'class' | 'instance';

export interface Method {
  fn: PyNode;
  kind: MethodKind;
}

export interface ClassInfo {
  name: string;
  node: PyNode;
  /** Own methods over inherited ones, as Python looks them up (bases the migration defines, left to right). */
  methods: Map<string, Method>;
}

/** What a call of a method binds: a method called on an instance, or a classmethod, gets its first parameter from Python. */
export interface MethodCall {
  cls: ClassInfo;
  method: Method;
  name: string;
  /** Parameters Python fills in before the call's own arguments (self or cls): 0 or 1. */
  implicit: number;
}

/** The class `def` of a statement (through its decorators), else undefined. */
export function classDefinition(stmt: PyNode): PyNode | undefined {
  const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
  return def?.type === 'class_definition' ? def : undefined;
}

/** Reads a class definition; `known` finds the classes defined before it, for its bases. */
export function readClass(def: PyNode, known: (name: string) => ClassInfo | undefined): ClassInfo | undefined {
  const name = def.childForFieldName('name')?.text;
  if (!name) return undefined;
  const methods = new Map<string, Method>();
  const bases = def.childForFieldName('superclasses')?.namedChildren ?? [];
  for (const base of [...bases].reverse()) {
    const inherited = base.type === 'identifier' ? known(base.text) : undefined;
    if (inherited) for (const [m, method] of inherited.methods) methods.set(m, method);
  }
  for (const stmt of def.childForFieldName('body')?.namedChildren ?? []) {
    const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const methodName = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (fn && methodName) methods.set(methodName, { fn, kind: methodKind(stmt) });
  }
  return { name, node: def, methods };
}

function methodKind(stmt: PyNode): MethodKind {
  if (stmt.type !== 'decorated_definition') return 'instance';
  for (const decorator of stmt.namedChildren) {
    if (decorator.type !== 'decorator') continue;
    const text = decorator.text.replace(/^@\s*/, '').trim();
    if (text === 'staticmethod') return 'static';
    if (text === 'classmethod') return 'class';
  }
  return 'instance';
}

/**
 * How a method called through `receiver` binds its parameters: on an instance (`Ops().m`, `self.m`), the
 * first parameter is the instance; a classmethod always gets the class; a staticmethod, and a plain
 * function looked up on the class itself (`Ops.m(obj, ...)`), get only the call's arguments.
 */
export function methodCall(cls: ClassInfo, name: string, onInstance: boolean): MethodCall | undefined {
  const method = cls.methods.get(name);
  if (!method) return undefined;
  const implicit = method.kind === 'class' || (method.kind === 'instance' && onInstance) ? 1 : 0;
  return { cls, method, name, implicit };
}

/** The name the method's body knows its instance or class by (`self`, `cls`), when Python binds one. */
export function selfParameter(method: Method): string | undefined {
  if (method.kind === 'static') return undefined;
  const first = parameters(method.fn)[0];
  return first ? parameterName(first) : undefined;
}
