// The Alembic frontend: walks upgrade() and downgrade() statement by statement and turns what they do into
// operations (op methods, SQL sent to the database, SQLAlchemy Core and ORM changes). Which of the
// migration's own code runs is followed by alembic/calls.ts; what cannot be read is in alembic/unread.ts.

import type { FrontendResult, Operation, Phase, PhaseInfo } from '../../ops';
import type { SqlDialect } from '../../options';
import { alembicMethodOps, objectDropOps, type OpDraft } from './ops';
import { dialectTest, onDatabases } from './dialect';
import { emptinessGuardTables, raisesInBody } from '../../python/guards';
import { coreDataChange, ormModelOf, ormQueryRows } from './core';
import { CallFollower, type WalkState } from './calls';
import { customDrop, HARMLESS_OPS, importsOf, INVOKED_OPS, isOrmSession, ormRowUpdates, unreadCode } from './unread';
import { autogenBlocks, bind, boundNode, dropRepeatedOps, dynamicDraft, isClause, loopBindings, phaseInfo, receiverText, withItems, withoutParameters } from './syntax';
import { withPythonTree, type PyNode } from '../../python/node';
import { grownNames, syntaxProblems } from '../../python/syntaxErrors';
import { arg, attributeName, calleeName, keywordArg, nameValue, positionalArgs, resolve, stringValue } from '../../python/values';
import { pythonSqlOps, GuardBook, SchemaBook, type History } from '../sql';
import { plainLiteralBounds } from '../../python/tokens';
import { recordDrafts, recordSqlOps } from './record';
import { withUpgrade } from './history';

const PHASE_FN = /^(upgrade|downgrade)(?:_\w+)?$/;
const SKIPPED_EXPRESSIONS = new Set(['function_definition', 'class_definition']);
// Tokens, which never have children (tree-sitter-python's node-types.json): nothing to visit below them.
const LEAF_TYPES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'comment', 'string_start', 'string_end', 'escape_sequence', 'escape_interpolation', 'line_continuation', 'type_conversion']);

class AlembicWalker extends CallFollower {
  readonly ops: Operation[] = [];

  constructor(
    private readonly root: PyNode,
    readonly dialect: SqlDialect,
    private readonly history: History,
    readonly dialectGuessed: boolean,
  ) {
    super();
  }

  run(): PhaseInfo[] {
    const phases: PhaseInfo[] = [];
    for (const stmt of this.root.namedChildren) this.indexModuleStatement(stmt);
    for (const [name, fn] of this.helpers) {
      const m = PHASE_FN.exec(name);
      if (!m) continue;
      const phase = m[1] as Phase;
      const body = fn.childForFieldName('body');
      if (!body) continue;
      phases.push(phaseInfo(phase, fn, body));
      this.walkBlock(body, {
        phase,
        scope: new Map(this.moduleScope),
        batches: new Map(),
        inTransaction: true,
        guardedTables: new Map(),
        sqlGuards: new GuardBook(),
        sqlSchema: new SchemaBook(phase === 'upgrade' ? this.history : withUpgrade(this.history, () => this.ops.filter((o) => o.phase === 'upgrade'))),
        expanding: new Set([name]),
        localFunctions: new Map(),
        grown: grownNames(body),
      });
      this.endPhase();
    }
    this.ops.sort((a, b) => a.range.start - b.range.start);
    dropRepeatedOps(this.ops);
    return phases;
  }

  protected walkBlock(block: PyNode, state: WalkState): void {
    for (const stmt of block.namedChildren) this.walkStatement(stmt, state);
  }

  private walkStatement(stmt: PyNode, state: WalkState): void {
    switch (stmt.type) {
      case 'expression_statement':
        for (const expr of stmt.namedChildren) {
          if (expr.type === 'assignment' || expr.type === 'augmented_assignment') {
            const right = expr.childForFieldName('right');
            // A lambda given a name is walked where it is called (or at the end of the phase).
            if (right?.type === 'lambda' && expr.type === 'assignment') this.defineLocal(right, state);
            // `drop = op.drop_table` is reported where `drop` is called or passed on.
            else if (right?.type === 'attribute' && expr.type === 'assignment' && this.receiverOf(receiverText(right), state)) bind(state.scope, expr);
            else if (right) this.visitExpression(right, state);
            if (expr.type === 'assignment') bind(state.scope, expr, state.grown);
          } else {
            this.visitExpression(expr, state);
          }
        }
        return;
      case 'with_statement':
        return this.walkWith(stmt, state);
      case 'if_statement':
        return this.walkIf(stmt, state);
      case 'for_statement':
        return this.walkFor(stmt, state);
      case 'try_statement':
        return this.walkTry(stmt, state);
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition': {
        const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        const name = def?.childForFieldName('name')?.text;
        if (!def || !name) return;
        state.localFunctions.set(name, def);
        if (def.type === 'function_definition') this.defineLocal(def, state);
        // A class's methods see the names around the class, not its own body's.
        else for (const method of this.localClass(def, state)?.methods.values() ?? []) this.enclosing.set(method.fn.startIndex, { scope: state.scope, functions: state.localFunctions, self: state.self });
        return;
      }
      case 'comment':
        return;
      default:
        for (const child of stmt.namedChildren) {
          if (child.type === 'block') this.walkBlock(child, state);
          else if (isClause(child)) this.walkStatement(child, state);
          else this.visitExpression(child, state);
        }
    }
  }

  private walkWith(stmt: PyNode, state: WalkState): void {
    let inner = state;
    for (const item of withItems(stmt)) {
      const value = item.childForFieldName('value');
      const call = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
      const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.text : undefined;
      if (call?.type !== 'call') continue;
      const method = calleeName(call);
      if (method === 'batch_alter_table' && alias) {
        const batches = new Map(inner.batches);
        batches.set(alias, {
          kind: 'batch',
          table: nameValue(arg(call, 0, 'table_name'), inner.scope),
          schema: nameValue(keywordArg(call, 'schema'), inner.scope),
        });
        inner = { ...inner, batches };
      } else if (method === 'autocommit_block') {
        inner = { ...inner, inTransaction: false };
      } else {
        this.visitExpression(call, inner);
      }
    }
    const body = stmt.childForFieldName('body');
    if (body) this.walkBlock(body, inner);
  }

  private walkIf(stmt: PyNode, state: WalkState): void {
    const condition = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    const checked = condition ? emptinessGuardTables(condition, state.scope) : [];
    if (condition) this.visitExpression(condition, state);
    const databases = condition ? dialectTest(condition, state.scope) : undefined;
    const branch = condition && databases && !databases.negated ? onDatabases(databases.names, condition, state, this) : state;
    if (consequence && checked.length > 0 && raisesInBody(consequence)) {
      // `if <table has rows>: raise ...` protects everything after it in this block.
      for (const table of checked) state.guardedTables.set(table, stmt);
      this.walkBlock(consequence, state);
      return;
    }
    if (consequence) {
      const guarded = new Map(state.guardedTables);
      for (const table of checked) guarded.set(table, stmt);
      this.walkBlock(consequence, { ...branch, guardedTables: guarded });
    }
    for (const alt of stmt.childrenForFieldName('alternative')) {
      const elif = alt.type === 'elif_clause' ? alt.childForFieldName('condition') : null;
      const body = alt.type === 'else_clause' ? alt.childForFieldName('body') : null;
      // `if name != "sqlite": ... else: <runs on SQLite>`
      if (body && condition && databases?.negated) this.walkBlock(body, onDatabases(databases.names, condition, state, this));
      else if (elif && dialectTest(elif, state.scope)) this.walkIf(alt, state);
      else this.walkStatement(alt, state);
    }
  }

  /**
   * `try: op.create_table(...) except ...: pass` is there because the table may exist already: what it
   * creates is not new, as with IF NOT EXISTS, unless every handler raises again.
   */
  private walkTry(stmt: PyNode, state: WalkState): void {
    const body = stmt.childForFieldName('body');
    const before = this.ops.length;
    if (body) this.walkBlock(body, state);
    const handlers = stmt.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
    if (handlers.some((h) => h.descendantsOfType('raise_statement').length === 0)) {
      for (const op of this.ops.slice(before)) if (op.kind === 'create-table' || op.kind === 'add-column') op.details.ifExists = true;
    }
    for (const child of stmt.namedChildren) if (isClause(child)) this.walkStatement(child, state);
  }

  private walkFor(stmt: PyNode, state: WalkState): void {
    const left = stmt.childForFieldName('left');
    const right = stmt.childForFieldName('right');
    const body = stmt.childForFieldName('body');
    if (!body) return;
    const iterations = left && right ? loopBindings(left, right, state.scope) : undefined;
    if (iterations) {
      for (const bindings of iterations) {
        const scope = new Map(state.scope);
        for (const [name, value] of bindings) scope.set(name, value);
        this.walkBlock(body, { ...state, scope });
      }
    } else {
      // What the loop runs over is evaluated: a call there runs, a function named there may be called.
      if (right) this.visitExpression(right, state);
      const scope = new Map(state.scope);
      if (left?.type === 'identifier') scope.delete(left.text);
      const rows = left?.type === 'identifier' && right ? ormQueryRows(right, state.scope) : undefined;
      let inner: WalkState = { ...state, scope };
      if (rows && left) {
        inner = { ...inner, ormRows: new Map(state.ormRows).set(left.text, rows.model) };
        if (!rows.filtered) this.addDrafts(ormRowUpdates(left.text, rows.model, body), state, 'python-call');
      }
      this.walkBlock(body, inner);
    }
    const alternative = stmt.childForFieldName('alternative');
    if (alternative) this.walkStatement(alternative, state);
  }

  protected visitExpression(node: PyNode, state: WalkState): void {
    const type = node.type;
    // A function passed by name (to map(), a loop helper, a callback) runs with arguments we cannot see.
    if (type === 'identifier') {
      const bound = boundNode(state.scope, node.text, 'attribute');
      if (bound && this.referencesDrop(bound, state)) return;
      const fn = this.callableNamed(node.text, state);
      if (fn && !state.expanding.has(node.text)) this.expandCallable(node.text, fn, undefined, state);
      // A class, or an instance of one, handed on: any of its methods may run.
      const cls = fn ? undefined : this.classNamed(node.text, state) ?? this.instanceOf(node, state);
      if (cls) this.noteClass(cls, state);
      return;
    }
    if (SKIPPED_EXPRESSIONS.has(type) || LEAF_TYPES.has(type)) return;
    // `op.drop_table` passed as a value (to map(), to a name called later) drops what we cannot see.
    if (type === 'attribute' && this.referencesDrop(node, state)) return;
    // Only the object of `a.b` and the value of `name=value` are references to something the migration defines.
    if (type === 'attribute' || type === 'keyword_argument') {
      const part = node.childForFieldName(type === 'attribute' ? 'object' : 'value');
      if (part) this.visitExpression(part, state);
      return;
    }
    // An inline lambda's body runs with arguments we cannot see.
    if (type === 'lambda') return this.walkCallableBody(node, { ...state, scope: withoutParameters(node, state.scope) });
    // A literal without f-string fields holds no code.
    if (type === 'string' && plainLiteralBounds(node)) return;
    if (type === 'call' && this.visitCall(node, state)) return;
    for (const child of node.namedChildren) this.visitExpression(child, state);
  }

  /**
   * `op.drop_*` (or a batch's) anywhere but in a call it makes: reported where it appears, with what it
   * drops unknown. Also `getattr(op, "drop_table")`.
   */
  private referencesDrop(node: PyNode, state: WalkState): boolean {
    const method = node.type === 'attribute' ? attributeName(node) : stringValue(positionalArgs(node)[1] ?? node, state.scope)?.value;
    const object = node.type === 'attribute' ? receiverText(node) : positionalArgs(node)[0]?.text;
    const receiver = method?.startsWith('drop_') ? this.receiverOf(object, state) : undefined;
    if (!method || !receiver) return false;
    const drafts = alembicMethodOps(method, node, receiver, new Map(), this.dialect);
    if (drafts) this.addDrafts(drafts, state, 'python-call');
    return drafts !== undefined;
  }

  /** Returns true when the call was understood and its arguments need no further look. */
  private visitCall(call: PyNode, state: WalkState): boolean {
    let fn = call.childForFieldName('function');
    if (!fn) return false;
    // `drop = op.drop_table` and then `drop("t")`: the call is op's.
    const bound = fn.type === 'identifier' ? boundNode(state.scope, fn.text, 'attribute') : undefined;
    if (bound && this.receiverOf(receiverText(bound), state)) fn = bound;
    // `getattr(op, "drop_table")(...)`
    if (fn.type === 'call' && calleeName(fn) === 'getattr' && this.referencesDrop(fn, state)) return true;
    if (fn.type === 'identifier') {
      const callable = this.callableNamed(fn.text, state);
      if (callable && !state.expanding.has(fn.text)) this.expandCallable(fn.text, callable, call, state);
      if (callable !== undefined) return !state.expanding.has(fn.text);
      return this.instantiate(fn.text, call, state) || this.runsUnreadCode(fn.text, call, state);
    }
    if (fn.type !== 'attribute') return false;
    const method = attributeName(fn) ?? '';
    const target = this.methodTarget(fn, method, state);
    if (target) {
      this.expandMethod(target, call, state);
      return true;
    }
    const receiver = this.receiverOf(receiverText(fn), state);
    if (receiver && method === 'execute') {
      this.addSql(arg(call, 0, 'sqltext'), call, state);
      return true;
    }
    if (receiver && method === 'invoke') return this.invoke(call, state);
    if (receiver) {
      const drafts = alembicMethodOps(method, call, receiver, state.scope, this.dialect) ?? customDrop(`${receiverText(fn)}.${method}`, call);
      if (drafts) this.addDrafts(drafts, state, 'python-call');
      // Any other method of op (run_async, get_context, ...) may be handed code of the migration's own.
      return drafts !== undefined;
    }
    if (method === 'execute' || method === 'exec_driver_sql') {
      const object = fn.childForFieldName('object');
      if (object) this.visitExpression(object, state);
      this.addSql(positionalArgs(call)[0] ?? keywordArg(call, 'statement'), call, state);
      return true;
    }
    const object = method === 'drop' ? fn.childForFieldName('object') : null;
    if (object) {
      const drafts = objectDropOps(call, resolve(object, state.scope), state.scope);
      if (drafts) {
        this.addDrafts(drafts, state, 'python-call');
        return true;
      }
    }
    if (method === 'drop_all') {
      this.addDrafts([dynamicDraft(call, 'metadata.drop_all() drops every table on the metadata')], state, 'python-call');
      return true;
    }
    if (method === 'delete' || method === 'update') {
      const change = coreDataChange(call, state.scope);
      if (typeof change === 'object' && change.orm) {
        this.addDrafts([change.draft], state, 'python-call');
        return true;
      }
      const session = fn.childForFieldName('object');
      const instance = positionalArgs(call)[0];
      if (method === 'delete' && session && instance && isOrmSession(session, state)) {
        // `session.delete(obj)` deletes the object's row (and whatever its relationships cascade to) at flush.
        const draft: OpDraft = { kind: 'delete-rows', range: { start: call.startIndex, end: call.endIndex }, details: { hasWhere: true, model: state.ormRows?.get(instance.text) ?? ormModelOf(instance, state.scope) ?? instance.text } };
        this.addDrafts([draft], state, 'python-call');
        this.visitExpression(instance, state);
        return true;
      }
    }
    return this.runsUnreadCode(`${receiverText(fn) ?? '…'}.${method}`, call, state);
  }
  /**
   * `op.invoke(ops.DropTableOp("t"))`: Alembic's operation objects take the arguments of the op method
   * they stand for. An object we cannot read is reported: it may drop anything.
   */
  private invoke(call: PyNode, state: WalkState): boolean {
    const argument = positionalArgs(call)[0];
    const object = argument ? resolve(argument, state.scope) : undefined;
    const className = object?.type === 'call' ? calleeName(object) : undefined;
    const method = className ? INVOKED_OPS.get(className) : undefined;
    if (object && method === 'execute') this.addSql(arg(object, 0, 'sqltext'), call, state);
    else if (object && method) {
      // Reported where it runs: `op.invoke(...)`, not where the object was made.
      const drafts = alembicMethodOps(method, object, { kind: 'op' }, state.scope, this.dialect) ?? [];
      this.addDrafts(drafts.map((d) => ({ ...d, range: { start: call.startIndex, end: call.endIndex } })), state, 'python-call');
    }
    else if (!className || !HARMLESS_OPS.test(className)) this.addDrafts([dynamicDraft(call, 'op.invoke() runs an operation object that cannot be read')], state, 'python-call');
    return true;
  }

  private imports?: Map<string, string>;

  /**
   * Code that cannot be read here is reported (see alembic/unread.ts). Returns false: the call's
   * arguments are still walked.
   */
  private runsUnreadCode(callee: string, call: PyNode, state: WalkState): boolean {
    const isOp = (a: PyNode | null) => a?.type === 'identifier' && this.receiverOf(a.text, state)?.kind === 'op';
    const importedFrom = (name: string) => (this.imports ??= importsOf(this.root)).get(name);
    const draft = unreadCode(callee, call, state.scope, isOp, importedFrom);
    if (draft) this.addDrafts([draft], state, 'python-call');
    return false;
  }

  private addSql(sqlNode: PyNode | undefined, call: PyNode, state: WalkState): void {
    if (!sqlNode) return;
    const change = coreDataChange(sqlNode, state.scope);
    if (change === 'harmless') return;
    if (change) return this.addDrafts([{ ...change.draft, range: { start: call.startIndex, end: call.endIndex } }], state, 'python-call');
    const sql = stringValue(sqlNode, state.scope);
    if (!sql) return;
    const result = pythonSqlOps(sql, call, {
      phase: state.phase,
      inTransaction: state.inTransaction,
      // SQL for a database not read here: what its statements' heads show (DROP TABLE, DELETE) is still found.
      dialect: state.unreadDialect !== undefined ? 'clickhouse' : state.sqlDialect ?? this.dialect,
      guards: state.sqlGuards,
      schema: state.sqlSchema,
    });
    if (state.unreadDialect === undefined) this.problems.push(...result.problems);
    this.addOps(result.ops, state);
  }

  private addDrafts(drafts: OpDraft[], state: WalkState, origin: Operation['origin']): void {
    recordDrafts(this.ops, drafts, state, origin, this.dialect);
  }

  private addOps(ops: Operation[], state: WalkState): void {
    recordSqlOps(this.ops, ops, state);
  }
}

/** `history` holds the operations of the revisions before this one (only asked for when the file needs them). */
export function alembicFrontend(text: string, dialect: SqlDialect = 'postgres', history: History = () => [], dialectGuessed = false): FrontendResult {
  // The walk reads nearly every statement of the upgrade and downgrade functions.
  return withPythonTree(text, (root) => readMigration(root, text, dialect, history, dialectGuessed), true);
}

const HAND_WRITTEN_KINDS = new Set<string>(['delete-rows', 'update-rows', 'truncate', 'dynamic-sql']);

function readMigration(root: PyNode, text: string, dialect: SqlDialect, history: History, dialectGuessed: boolean): FrontendResult {
  const walker = new AlembicWalker(root, dialect, history, dialectGuessed);
  const phases = walker.run();
  const blocks = autogenBlocks(text, phases);
  for (const op of walker.ops) {
    // Autogenerate writes schema operations only: SQL strings and row changes between its markers were
    // written by hand.
    const handWritten = op.origin === 'embedded-sql' || HAND_WRITTEN_KINDS.has(op.kind);
    op.autogenerated = !handWritten && blocks.some((b) => b.range.start <= op.range.start && op.range.end <= b.range.end);
  }
  return {
    framework: 'alembic',
    ops: walker.ops,
    problems: [...syntaxProblems(root), ...walker.problems],
    suppressions: [],
    autogenBlocks: blocks,
    phases,
  };
}
