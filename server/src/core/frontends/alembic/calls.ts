// Which code of its own a migration runs: the Alembic walker (alembic/frontend.ts) follows calls into functions,
// lambdas and class methods the migration defines, binding their parameters to the call's arguments, and
// walks at the end of a phase whatever may run without a call it can see. This base class keeps that
// bookkeeping, and what the module defines (functions, classes, constants, the names op goes by); the
// walker says what the code it reaches does.

import type { Phase, Problem } from '../../ops';
import type { SqlDialect } from '../../options';
import type { Receiver } from './ops';
import { methodCall, selfParameter, type MethodCall } from './classes';
import { classDefinition, readClass, type ClassInfo } from '../../python/classes';
import { readImport } from '../../python/imports';
import { bind, boundNode, parameterName, parameters, withoutParameters } from './syntax';
import type { PyNode } from '../../python/node';
import { grownNames } from '../../python/syntaxErrors';
import { keywordArg, positionalArgs, resolve, stringValue, type PyString, type Scope } from '../../python/values';
import type { GuardBook, SchemaBook } from '../sql';

/** Calls followed into the migration's own functions, per file: helpers that call helpers twice each grow exponentially. */
const MAX_EXPANSIONS = 5000;

export interface WalkState {
  phase: Phase;
  scope: Map<string, PyNode | PyString>;
  batches: Map<string, Receiver>;
  inTransaction: boolean;
  /** Tables whose emptiness an earlier `if ...: raise` checked. */
  guardedTables: Map<string, PyNode>;
  /** Emptiness checks and backups taken by SQL run earlier in this phase. */
  sqlGuards: GuardBook;
  /** MySQL/SQLite: tables created, copied and dropped by SQL run earlier in this phase (a rebuild spans several op.execute calls). */
  sqlSchema: SchemaBook;
  /** Helper functions being expanded, to stop recursion. */
  expanding: Set<string>;
  /** Functions and classes defined inside the phase function or helper being walked, by name. */
  localFunctions: Map<string, PyNode>;
  /** In a method: the name its body knows its instance or class by (`self`, `cls`), and that class. */
  self?: SelfBinding;
  /** Loop variables bound to the rows of an ORM query, with the model they are rows of. */
  ormRows?: Map<string, string>;
  /** In a branch for another database (`if bind.dialect.name == "mysql":`): the dialect its SQL is read in. */
  sqlDialect?: SqlDialect;
  /** In a branch for a database whose SQL is not read here (Oracle, SQL Server): its name; the SQL is skipped. */
  unreadDialect?: string;
  /** Names the function being walked adds to later (`values.append(...)`, `sql += ...`): not read as their first value. */
  grown?: Set<string>;
}

export interface SelfBinding {
  name: string;
  cls: ClassInfo;
  /** `self` of an instance method (else `cls` of a classmethod). */
  instance: boolean;
}

export abstract class CallFollower {
  readonly problems: Problem[] = [];
  /** Functions defined at module level, by name. */
  protected readonly helpers = new Map<string, PyNode>();
  protected readonly classes = new Map<string, ClassInfo>();
  protected readonly moduleScope = new Map<string, PyNode | PyString>();
  /** Classes defined inside a phase or helper, read once, by the position of their definition. */
  private readonly localClasses = new Map<number, ClassInfo | undefined>();
  /** Classes the phase being walked refers to (by their definition's position): their methods may run. */
  private readonly classesSeen = new Set<number>();
  /**
   * Functions and lambdas defined inside a phase (or a helper it calls), with the state they were defined
   * in, until a call expands them. What no call expands may still run (passed as a callback, called
   * through a name we do not follow), so its body is walked at the end of the phase with its parameters
   * unknown: a drop inside it must not go unflagged.
   */
  private readonly unexpanded = new Map<number, { fn: PyNode; state: WalkState }>();
  /** The names and functions a function or lambda defined inside a phase sees around it (closures bind late). */
  protected readonly enclosing = new Map<number, { scope: Scope; functions: Map<string, PyNode>; self?: SelfBinding }>();
  private expansions = 0;

  /** The names `op` goes by in this module (`from alembic import op as o`, `import alembic`). */
  private readonly opNames = new Set(['op']);

  protected abstract walkBlock(block: PyNode, state: WalkState): void;
  protected abstract visitExpression(node: PyNode, state: WalkState): void;

  protected indexModuleStatement(stmt: PyNode): void {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition') {
      const name = def.childForFieldName('name')?.text;
      if (name) this.helpers.set(name, def);
      return;
    }
    const classDef = classDefinition(stmt);
    const cls = classDef ? readClass(classDef, (base) => this.classes.get(base)) : undefined;
    if (cls) this.classes.set(cls.name, cls);
    const imports = readImport(stmt);
    if (stmt.type === 'import_from_statement' && imports[0]?.module === 'alembic') {
      for (const n of imports[0].names) if (n.aliased && n.name === 'op' && n.bound) this.opNames.add(n.bound);
      return;
    }
    // `import alembic` (or `import alembic as a`): `alembic.op.drop_table(...)` calls op too.
    if (stmt.type === 'import_statement') {
      for (const { name, bound, aliased } of imports.flatMap((imp) => imp.names)) {
        const as = aliased ? bound : name;
        if (as && (name === 'alembic' || name === 'alembic.op')) this.opNames.add(`${as}${name === 'alembic' && as !== 'alembic.op' ? '.op' : ''}`);
      }
      return;
    }
    if (stmt.type === 'expression_statement') {
      const assign = stmt.namedChildren[0];
      if (assign?.type === 'assignment') bind(this.moduleScope, assign);
    }
  }

  /** `name` is the called object's name, undefined when the object is not a plain name. */
  protected receiverOf(name: string | undefined, state: WalkState): Receiver | undefined {
    if (name === undefined) return undefined;
    if (this.opNames.has(name) && !state.scope.has(name)) return { kind: 'op' };
    return state.batches.get(name);
  }

  /**
   * What a name calls, when the migration defines it: a function defined in the phase being walked, a
   * lambda bound to the name, or a function defined at module level.
   */
  protected callableNamed(name: string, state: WalkState, depth = 0): PyNode | undefined {
    const local = state.localFunctions.get(name);
    if (local) return local.type === 'class_definition' ? undefined : local;
    if (!state.scope.has(name)) return this.helpers.get(name);
    // `for fn in [_a, _b]: fn()`, `f = _a; f()`: the name stands for a function named elsewhere.
    const alias = boundNode(state.scope, name, 'identifier');
    if (alias && alias.text !== name && depth < 8) return this.callableNamed(alias.text, state, depth + 1);
    return boundNode(state.scope, name, 'lambda');
  }

  /**
   * Calls to functions and lambdas defined in the migration are followed, with their parameters bound to
   * the arguments; without a call (a function passed by name), the parameters are unknown.
   */
  protected expandCallable(name: string, fn: PyNode, call: PyNode | undefined, state: WalkState, method?: { implicit: number; self?: SelfBinding }): void {
    this.unexpanded.delete(fn.startIndex);
    if (++this.expansions > MAX_EXPANSIONS) {
      if (this.expansions === MAX_EXPANSIONS + 1) {
        const at = call ?? fn;
        this.problems.push({
          message: `This migration calls its own functions more than ${MAX_EXPANSIONS} times; the calls after that were not followed, so operations in them may be missed.`,
          range: { start: at.startIndex, end: at.endIndex },
        });
      }
      return;
    }
    const around = this.enclosing.get(fn.startIndex);
    const enclosing = around?.scope ?? this.moduleScope;
    const scope = call ? new Map(enclosing) : withoutParameters(fn, enclosing);
    const self = method ? method.self : around?.self;
    if (method?.self) scope.delete(method.self.name);
    const batches = new Map(state.batches);
    if (call) {
      const positional = positionalArgs(call);
      // After `*args` or `*` parameters take keywords only; after a `*xs` argument positions are unknown.
      const splat = positional.findIndex((p) => p.type === 'list_splat');
      let keywordOnly = false;
      parameters(fn).slice(method?.implicit ?? 0).forEach((param, i) => {
        const paramName = parameterName(param);
        const packs = param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern';
        keywordOnly ||= packs || param.type === 'keyword_separator';
        if (!paramName) return;
        scope.delete(paramName);
        batches.delete(paramName);
        if (packs) return;
        const byPosition = keywordOnly || (splat >= 0 && i >= splat) ? undefined : positional[i];
        const value = keywordArg(call, paramName) ?? byPosition ?? param.childForFieldName('value') ?? undefined;
        const resolved = value ? stringValue(value, state.scope) : undefined;
        if (resolved && !resolved.dynamic) scope.set(paramName, resolved);
        else if (value) scope.set(paramName, resolve(value, state.scope));
        // `op` or a batch handed to the function: its methods are called on the parameter.
        const receiver = value?.type === 'identifier' ? this.receiverOf(value.text, state) : undefined;
        if (receiver) batches.set(paramName, receiver);
      });
      for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) this.visitExpression(argument, state);
    }
    const expanding = new Set(state.expanding).add(name);
    const localFunctions = new Map(around?.functions);
    this.walkCallableBody(fn, { ...state, scope, batches, guardedTables: new Map(state.guardedTables), expanding, localFunctions, self });
  }

  protected defineLocal(fn: PyNode, state: WalkState): void {
    this.unexpanded.set(fn.startIndex, { fn, state });
    this.enclosing.set(fn.startIndex, { scope: state.scope, functions: state.localFunctions, self: state.self });
  }

  /** A function's block, or a lambda's expression. */
  protected walkCallableBody(fn: PyNode, state: WalkState): void {
    const body = fn.childForFieldName('body');
    if (!body) return;
    if (fn.type === 'lambda') this.visitExpression(body, state);
    else this.walkBlock(body, { ...state, grown: grownNames(body) });
  }

  /** Walks, with their parameters unknown, the functions and lambdas of the phase that no call expanded. */
  /** Ends a phase: what may run in it without a call we followed is walked now. */
  protected endPhase(): void {
    this.walkUnexpanded();
    this.classesSeen.clear();
  }

  private walkUnexpanded(): void {
    for (let next = this.unexpanded.values().next(); !next.done; next = this.unexpanded.values().next()) {
      const { fn, state } = next.value;
      this.unexpanded.delete(fn.startIndex);
      const name = fn.childForFieldName('name')?.text ?? '<lambda>';
      this.walkCallableBody(fn, { ...state, scope: withoutParameters(fn, state.scope), expanding: new Set(state.expanding).add(name), localFunctions: new Map(state.localFunctions) });
    }
  }

  /** The class a name refers to: one defined in the phase (or a helper), else at module level. */
  protected classNamed(name: string, state: WalkState): ClassInfo | undefined {
    if (!this.hasClasses()) return undefined;
    const local = state.localFunctions.get(name);
    if (local) return local.type === 'class_definition' ? this.localClass(local, state) : undefined;
    return state.scope.has(name) ? undefined : this.classes.get(name);
  }

  /** Most migrations define no class: every class lookup then ends here. */
  private hasClasses(): boolean {
    return this.classes.size > 0 || this.localClasses.size > 0;
  }

  protected localClass(def: PyNode, state: WalkState): ClassInfo | undefined {
    if (this.localClasses.has(def.startIndex)) return this.localClasses.get(def.startIndex);
    // Marked first: `class A(A)` must not read itself forever.
    this.localClasses.set(def.startIndex, undefined);
    const cls = readClass(def, (base) => this.classNamed(base, state));
    this.localClasses.set(def.startIndex, cls);
    return cls;
  }

  /** The class of an instance: `Ops()`, or a name bound to it. */
  protected instanceOf(node: PyNode, state: WalkState): ClassInfo | undefined {
    if (!this.hasClasses()) return undefined;
    const made = node.type === 'identifier' ? boundNode(state.scope, node.text, 'call') : node;
    const fn = made?.type === 'call' ? made.childForFieldName('function') : undefined;
    return fn?.type === 'identifier' ? this.classNamed(fn.text, state) : undefined;
  }

  /** `Ops.m(...)`, `Ops().m(...)`, `ops.m(...)`, `self.m(...)`, `cls.m(...)`, when the class defines m. */
  protected methodTarget(fn: PyNode, method: string, state: WalkState): MethodCall | undefined {
    if (!state.self && !this.hasClasses()) return undefined;
    const object = fn.childForFieldName('object');
    if (!object) return undefined;
    const self = object.type === 'identifier' && state.self?.name === object.text && !state.scope.has(object.text) ? state.self : undefined;
    const cls = self?.cls ?? (object.type === 'identifier' ? this.classNamed(object.text, state) : undefined);
    const instance = cls ? undefined : this.instanceOf(object, state);
    const target = cls ?? instance;
    if (!target) return undefined;
    this.noteClass(target, state);
    // The instance made by `Ops()` runs its __init__ before the method.
    if (object.type === 'call') this.visitExpression(object, state);
    return methodCall(target, method, instance !== undefined || self?.instance === true);
  }

  protected expandMethod(target: MethodCall, call: PyNode, state: WalkState): void {
    const name = `${target.cls.name}.${target.name}`;
    if (state.expanding.has(name)) return;
    const selfName = selfParameter(target.method);
    const self = selfName ? { name: selfName, cls: target.cls, instance: target.method.kind === 'instance' } : undefined;
    this.expandCallable(name, target.method.fn, call, state, { implicit: target.implicit, self });
  }

  /** `Ops(...)`: runs the class's __init__; false when the name is not a class the migration defines. */
  protected instantiate(name: string, call: PyNode, state: WalkState): boolean {
    const cls = this.classNamed(name, state);
    if (!cls) return false;
    this.noteClass(cls, state);
    const init = methodCall(cls, '__init__', true);
    if (init) this.expandMethod(init, call, state);
    else for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) this.visitExpression(argument, state);
    return true;
  }

  /**
   * A class the phase refers to may have any of its methods run (through a name we do not follow, as a
   * callback, by a framework): those no call expands are walked at the end of the phase, like unexpanded
   * local functions, with their parameters unknown.
   */
  protected noteClass(cls: ClassInfo, state: WalkState): void {
    if (this.classesSeen.has(cls.node.startIndex)) return;
    this.classesSeen.add(cls.node.startIndex);
    for (const method of cls.methods.values()) {
      const around = this.enclosing.get(method.fn.startIndex);
      const selfName = selfParameter(method);
      const self = selfName ? { name: selfName, cls, instance: method.kind === 'instance' } : undefined;
      const scope = new Map(around?.scope ?? this.moduleScope);
      this.unexpanded.set(method.fn.startIndex, { fn: method.fn, state: { ...state, scope, localFunctions: around?.functions ?? new Map(), self } });
    }
  }
}
