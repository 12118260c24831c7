// The Django frontend: a migration module -> operations. Schema operations are judged against the app's
// models as the earlier migrations leave them (django/history.ts); RunSQL goes through the SQL frontend;
// RunPython's function is read for ORM deletes and updates. Everything runs forward ('up'); RunSQL's
// reverse_sql and RunPython's reverse_code are what a rollback ('down') runs. State-only operations
// (SeparateDatabaseAndState's state_operations, AlterModelOptions) change nothing in the database.

import { isDownPhase, type FrontendResult, type Operation, type Phase, type PhaseInfo, type Problem } from '../../ops';
import type { AnalysisOptions } from '../../options';
import type { OpDraft } from '../alembic';
import { appLabel, dependenciesOn, dependencyNames, migrationClass, otherAppState, priorState } from './history';
import { schemaDrafts } from './ops';
import { walkRunPython } from './runPython';
import { operationCalls, operationName, readStateOps, type AppState } from './state';
import { classDefinition, readClass, type ClassInfo } from '../../python/classes';
import { readImport } from '../../python/imports';
import { withPythonTree, type PyNode } from '../../python/node';
import { pythonSqlOps, GUARDABLE, GuardBook, SchemaBook } from '../sql';
import { syntaxProblems } from '../../python/syntaxErrors';
import { arg, calleeName, isFalse, isPyString, positionalArgs, stringValue, writtenElements, type Scope } from '../../python/values';

interface Module {
  scope: Map<string, PyNode>;
  functions: Map<string, PyNode>;
  /** Classes defined at module level: custom operations, holders of RunPython functions. */
  classes: Map<string, ClassInfo>;
  /** `from django.db.migrations.operations import RemoveField as RF`: RF -> RemoveField. */
  aliases: Map<string, string>;
}

function readModule(root: PyNode): Module {
  const module: Module = { scope: new Map(), functions: new Map(), classes: new Map(), aliases: new Map() };
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'import_from_statement') {
      for (const n of readImport(stmt).flatMap((imp) => imp.names)) {
        const original = n.name.split('.').pop();
        if (original && n.aliased && n.bound) module.aliases.set(n.bound, original);
      }
    }
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const classDef = classDefinition(stmt);
    if (classDef) {
      const cls = readClass(classDef, (base) => module.classes.get(base));
      if (cls) module.classes.set(cls.name, cls);
    } else if (def?.type === 'function_definition') {
      const name = def.childForFieldName('name')?.text;
      if (name) module.functions.set(name, def);
    } else if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'assignment') {
      const left = stmt.namedChildren[0].childForFieldName('left');
      const right = stmt.namedChildren[0].childForFieldName('right');
      if (left?.type === 'identifier' && right) module.scope.set(left.text, right);
    }
  }
  return module;
}

/** The operations of django.db.migrations this frontend reads. */
const DJANGO_OPERATIONS = new Set([
  'AddConstraint', 'AddField', 'AddIndex', 'AddIndexConcurrently', 'AlterField', 'AlterIndexTogether', 'AlterModelOptions',
  'AlterModelTable', 'AlterModelTableComment', 'AlterOrderWithRespectTo', 'AlterUniqueTogether', 'CreateModel', 'DeleteModel',
  'RemoveConstraint', 'RemoveField', 'RemoveIndex', 'RemoveIndexConcurrently', 'RenameField', 'RenameIndex', 'RenameModel',
  'RunPython', 'RunSQL', 'SeparateDatabaseAndState', 'AlterModelManagers', 'CreateExtension', 'TrigramExtension', 'HStoreExtension',
  'AlterConstraint', 'BloomExtension', 'BtreeGinExtension', 'BtreeGistExtension', 'CITextExtension', 'CryptoExtension', 'UnaccentExtension',
  'CreateCollation', 'RemoveCollation', 'AddConstraintNotValid', 'ValidateConstraint',
]);

/**
 * Operations of widely used packages whose effect is known and loses no data: django-migration-linter's
 * IgnoreMigration (does nothing), django-pgtrigger's triggers. Any other operation from outside Django
 * is reported as dynamic-sql.
 */
const HARMLESS_THIRD_PARTY = new Set(['IgnoreMigration', 'AddTrigger', 'CompileTrigger', 'RemoveTrigger']);

class DjangoWalker {
  readonly ops: Operation[] = [];
  readonly problems: Problem[] = [];
  private readonly guards: Record<'up' | 'down', GuardBook> = { up: new GuardBook(), down: new GuardBook() };
  private readonly schemas: Record<'up' | 'down', SchemaBook> = { up: new SchemaBook(), down: new SchemaBook() };

  constructor(
    private readonly module: Module,
    private readonly app: string,
    private readonly atomic: boolean,
    private readonly options: AnalysisOptions,
  ) {}

  walk(node: PyNode | undefined, state: AppState): void {
    const list = node?.type === 'identifier' ? this.module.scope.get(node.text) ?? node : node;
    if (!list) return;
    // `[...] + [...]` and `*OTHER_OPS` are read part by part.
    if (list.type === 'binary_operator' && list.text.includes('+')) {
      this.walk(list.childForFieldName('left') ?? undefined, state);
      this.walk(list.childForFieldName('right') ?? undefined, state);
      return;
    }
    const items = list.type === 'list' || list.type === 'tuple' ? list.namedChildren : [list];
    for (const item of items) {
      // An operation made by a function of the migration (`remove("Legacy")`) is only known at run time.
      if (item.type === 'call' && this.module.functions.has(calleeName(item) ?? '')) this.unreadable(item, state);
      else if (item.type === 'call') this.operation(item, state);
      else if (item.type === 'list_splat') this.walk(item.namedChildren[0], state);
      else if (item.type !== 'comment') this.unreadable(item, state);
    }
  }

  /**
   * What a `for` loop of the class body adds, once per item when the loop runs over written-out values
   * (`for table in TABLES:`), so `f"DROP TABLE {table}_old"` names each table; otherwise built at run time.
   */
  walkLoop(added: PyNode, loop: PyNode, state: AppState, attributes: Map<string, PyNode>): void {
    const target = loop.type === 'for_statement' ? loop.childForFieldName('left') : undefined;
    let values = loop.type === 'for_statement' ? loop.childForFieldName('right') ?? undefined : undefined;
    if (values?.type === 'identifier') values = attributes.get(values.text) ?? this.module.scope.get(values.text) ?? values;
    const items = values ? writtenElements(values, this.module.scope) : undefined;
    if (target?.type !== 'identifier' || !items || items.length > 50) {
      this.unreadable(added, state);
      return;
    }
    const saved = this.module.scope;
    try {
      for (const item of items) {
        this.module.scope = new Map([...saved, [target.text, item]]);
        this.walk(added, state);
      }
    } finally {
      this.module.scope = saved;
    }
  }

  /**
   * An operation list built at run time (a comprehension, a function's result) cannot be fully checked,
   * and says so; the operations written inside it are still read, with what they name unknown where it
   * is only known at run time.
   */
  private unreadable(node: PyNode, state: AppState): void {
    const reason = `the operations "${node.text.slice(0, 60)}" are built at run time, so what they do to the database cannot be read`;
    this.add({ kind: 'dynamic-sql', range: rangeOf(node), dynamic: true, details: { reason } }, 'up', 'django-op');
    const helper = node.type === 'call' ? this.module.functions.get(calleeName(node) ?? '') : undefined;
    const calls = [...node.descendantsOfType('call'), ...(helper?.descendantsOfType('call') ?? [])];
    for (const call of calls) {
      const name = operationName(call) ?? '';
      if (DJANGO_OPERATIONS.has(this.module.aliases.get(name) ?? name)) this.operation(call, state);
    }
  }

  private operation(call: PyNode, state: AppState): void {
    const called = operationName(call) ?? '';
    const written = this.module.aliases.get(called) ?? called;
    const custom = DJANGO_OPERATIONS.has(written) ? undefined : this.module.classes.get(written);
    if (custom && this.customOperation(custom, call, state)) return;
    // A subclass of a Django operation that keeps its database behaviour: judged as that operation.
    const name = custom ? djangoBase(custom.node, this.module.classes) ?? written : written;
    if (!DJANGO_OPERATIONS.has(name)) {
      if (!custom && HARMLESS_THIRD_PARTY.has(name)) return;
      // A third-party or imported custom operation: it may run any SQL.
      const where = custom ? 'defines no database_forwards in this migration' : 'is not defined in this migration';
      const reason = `"${written}" is not a Django operation and ${where}, so what it does to the database cannot be read`;
      this.add({ kind: 'dynamic-sql', range: rangeOf(call), dynamic: true, details: { reason } }, 'up', 'django-op');
      return;
    }
    const stateOps = readStateOps(call, this.module.scope, name);
    if (name === 'SeparateDatabaseAndState') {
      // The database operations run against their own view of the models; the state operations replace it.
      this.walk(arg(call, 0, 'database_operations'), state.clone());
    } else if (name === 'RunSQL') {
      this.runSql(call);
    } else if (name === 'RunPython') {
      this.runPython(call, state);
    } else {
      for (const draft of schemaDrafts(name, call, stateOps, state, this.module.scope)) this.add(draft, 'up', 'django-op');
    }
    for (const op of stateOps) state.apply(op);
  }

  /**
   * An Operation subclass written in the migration: its database_forwards runs forward and its
   * database_backwards on rollback, read like a RunPython function. False when it defines neither.
   */
  private customOperation(cls: ClassInfo, call: PyNode, state: AppState): boolean {
    const forwards = cls.methods.get('database_forwards')?.fn;
    const backwards = cls.methods.get('database_backwards')?.fn;
    if (!forwards && !backwards) return false;
    if (forwards) this.walkFunction(forwards, call, state, 'up');
    if (backwards) this.walkFunction(backwards, call, state, 'down');
    return true;
  }

  private runSql(call: PyNode): void {
    const reverse = arg(call, 1, 'reverse_sql');
    const noReverse = !reverse || reverse.type === 'none';
    for (const sql of sqlItems(arg(call, 0, 'sql'), this.module.scope)) this.sql(sql, call, this.module.scope, 'up', noReverse ? 'RunSQL' : undefined);
    for (const sql of sqlItems(reverse, this.module.scope)) this.sql(sql, call, this.module.scope, 'down');
  }

  private runPython(call: PyNode, state: AppState): void {
    const reverse = arg(call, 1, 'reverse_code');
    const noReverse = !reverse || reverse.type === 'none';
    this.runFunction(arg(call, 0, 'code'), call, state, 'up', noReverse ? 'RunPython' : undefined);
    if (reverse) this.runFunction(reverse, call, state, 'down');
  }

  private runFunction(code: PyNode | undefined, call: PyNode, state: AppState, phase: 'up' | 'down', noReverse?: 'RunPython'): void {
    if (!code || code.type === 'none' || /\.noop$/.test(code.text)) return;
    const fn = this.functionOf(code);
    if (!fn) {
      const reason = `RunPython runs "${code.text}", which is not defined in this migration, so what it does to the database cannot be read`;
      this.add({ kind: 'dynamic-sql', range: rangeOf(call), dynamic: true, details: { reason } }, phase, 'django-op');
      return;
    }
    this.walkFunction(fn, call, state, phase, noReverse);
  }

  /** The function RunPython is given: a function or lambda, `Holder.method`, `functools.partial(fn, ...)`. */
  private functionOf(code: PyNode, depth = 0): PyNode | undefined {
    if (code.type === 'lambda') return code;
    if (code.type === 'identifier') {
      // `forwards = purge` at module level names the same function.
      const bound = this.module.scope.get(code.text);
      return this.module.functions.get(code.text) ?? (bound && depth < 4 ? this.functionOf(bound, depth + 1) : undefined);
    }
    if (code.type === 'attribute') {
      const holder = this.module.classes.get(code.childForFieldName('object')?.text ?? '');
      return holder?.methods.get(code.childForFieldName('attribute')?.text ?? '')?.fn;
    }
    const first = code.type === 'call' && /^(?:functools\.)?partial$/.test(code.childForFieldName('function')?.text ?? '') ? positionalArgs(code)[0] : undefined;
    return first && depth < 4 ? this.functionOf(first, depth + 1) : undefined;
  }

  private walkFunction(fn: PyNode, call: PyNode, state: AppState, phase: 'up' | 'down', noReverse?: 'RunPython'): void {
    walkRunPython(fn, {
      app: this.app,
      state,
      scope: this.module.scope,
      functions: this.module.functions,
      // The function is defined above `operations`, but runs where its RunPython stands in the list.
      add: (draft) => this.add({ ...draft, details: { ...draft.details, ranAt: call.startIndex } }, phase, 'django-op', noReverse),
      sql: (node, at, scope) => this.sql(node, at, scope, phase, noReverse, call.startIndex),
    });
  }

  private sql(node: PyNode | undefined, call: PyNode, scope: Scope, phase: 'up' | 'down', noReverse?: 'RunSQL' | 'RunPython', ranAt?: number): void {
    const sql = node ? stringValue(node, scope) : undefined;
    if (!sql) return;
    const result = pythonSqlOps(sql, call, {
      phase,
      inTransaction: this.atomic,
      dialect: this.options.dialect,
      guards: this.guards[phase],
      schema: this.schemas[phase],
    });
    this.problems.push(...result.problems);
    for (const op of result.ops) {
      if (noReverse) op.details.noReverse = noReverse;
      if (ranAt !== undefined) op.details.ranAt = ranAt;
      this.ops.push(op);
    }
  }

  private add(draft: OpDraft, phase: Phase, origin: Operation['origin'], noReverse?: 'RunSQL' | 'RunPython'): void {
    const details = { ...draft.details, inTransaction: this.atomic };
    if (noReverse) details.noReverse = noReverse;
    const op: Operation = { ...draft, phase, origin, autogenerated: false, details };
    // A backup or a column copy run earlier (RunSQL, RunPython) protects a RemoveField or DeleteModel as it does raw SQL.
    const guards = this.guards[isDownPhase(phase) ? 'down' : 'up'];
    const guard = op.table && GUARDABLE.has(op.kind) ? guards.find(op.schema, op.table, op.kind === 'drop-column' ? op.column : undefined) : undefined;
    if (guard) op.guard = guard;
    for (const c of op.kind === 'update-rows' && op.table ? details.columnCopies ?? [] : []) {
      guards.add({ table: op.table as string }, { kind: 'backup', range: op.range, copiedInto: c.into }, [c.from]);
    }
    this.ops.push(op);
  }
}

/** The Django operation a class of the module derives from (`class Drop(migrations.RemoveField)`), if any. */
function djangoBase(cls: PyNode, classes: Map<string, ClassInfo>, depth = 0): string | undefined {
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    const last = base.text.split('.').pop() ?? '';
    if (DJANGO_OPERATIONS.has(last)) return last;
    const local = base.type === 'identifier' ? classes.get(base.text)?.node : undefined;
    const found = local && local.id !== cls.id && depth < 4 ? djangoBase(local, classes, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** RunSQL's sql: a string, or a list of strings and `(sql, params)` pairs. */
function sqlItems(written: PyNode | undefined, scope: Scope): PyNode[] {
  // A module constant holding the list: `RunSQL(STATEMENTS)`.
  const found = written?.type === 'identifier' ? scope.get(written.text) : undefined;
  const bound = found && !isPyString(found) ? found : undefined;
  const node = bound?.type === 'list' || bound?.type === 'tuple' ? bound : written;
  if (!node || node.type === 'none' || /\.noop$/.test(node.text)) return [];
  if (node.type !== 'list' && node.type !== 'tuple') return [node];
  return node.namedChildren.flatMap((item) => (item.type === 'tuple' ? item.namedChildren.slice(0, 1) : item.type === 'comment' ? [] : [item]));
}

function rangeOf(node: PyNode) {
  return { start: node.startIndex, end: node.endIndex };
}

export function djangoFrontend(text: string, path: string, options: AnalysisOptions): FrontendResult {
  return withPythonTree(text, (root) => {
    const module = readModule(root);
    const cls = migrationClass(root);
    const problems = syntaxProblems(root);
    if (!cls) {
      problems.push({ message: 'No "class Migration(migrations.Migration)" was found, so no operation in this file was checked.', range: { start: 0, end: Math.min(text.length, 1) } });
      return { framework: 'django', ops: [], problems, suppressions: [], autogenBlocks: [], phases: [] };
    }
    const app = appLabel(path);
    const history = priorState(path, app, dependencyNames(cls, module.scope), options);
    const others = new Map<string, AppState | undefined>();
    history.state.otherApps = (label) => {
      if (!others.has(label)) others.set(label, otherAppState(path, label, dependenciesOn(cls, label, module.scope), options));
      return others.get(label);
    };
    const walker = new DjangoWalker(module, app, !isFalse(cls.attributes.get('atomic')), options);
    const operations = cls.attributes.get('operations');
    walker.walk(operations, history.state);
    for (const added of cls.operationAdditions) {
      const loop = cls.additionLoops.get(added.id);
      if (loop) walker.walkLoop(added, loop, history.state, cls.attributes);
      else walker.walk(added, history.state);
    }
    const range = operations ? rangeOf(operations) : rangeOf(cls.node);
    const phases: PhaseInfo[] = [{ phase: 'up', range, empty: operationCalls(operations).length === 0, raises: false }];
    walker.ops.sort((a, b) => a.range.start - b.range.start);
    const replaces = cls.attributes.get('replaces');
    const squashOf = replaces?.type === 'list' || replaces?.type === 'tuple' ? replaces.namedChildren.filter((n) => n.type !== 'comment').length : 0;
    const result: FrontendResult = { framework: 'django', ops: walker.ops, problems: [...problems, ...walker.problems], suppressions: [], autogenBlocks: [], phases };
    if (squashOf > 0) result.squashOf = squashOf;
    return result;
  });
}
