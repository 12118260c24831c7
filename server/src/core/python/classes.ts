// The classes a Python module defines: their methods, own over inherited ones as Python looks them up.
// The one class reader: the Alembic walker follows calls into these methods, and the Django frontend reads
// a custom operation's database_forwards and a RunPython function held by a class through it.

import type { PyNode } from './node';

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
