// How Python binds a call of a method a migration defines for itself (`class Ops: @staticmethod def
// drop(name): op.drop_table(name)`); the classes are read by python/classes.ts. The Alembic walker follows
// calls into these methods as it follows calls into the migration's functions.

import type { ClassInfo, Method } from '../../python/classes';
import { parameterName, parameters } from './syntax';

/** What a call of a method binds: a method called on an instance, or a classmethod, gets its first parameter from Python. */
export interface MethodCall {
  cls: ClassInfo;
  method: Method;
  name: string;
  /** Parameters Python fills in before the call's own arguments (self or cls): 0 or 1. */
  implicit: number;
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
