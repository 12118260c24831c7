// The app's models as the migrations before this one leave them. Ancestors are found through each
// migration's `dependencies` within the same migrations folder (so a branch or a squash is followed the
// way Django follows it); when the current file names none, earlier file names stand in.

import * as path from 'node:path';
import type { AnalysisOptions } from '../../options';
import { directoryOf, siblingsOf } from '../../project';
import { AppState, operationCalls, readStateOps, type StateOp } from './state';
import { withPythonTree, type PyNode } from '../../python/node';
import { nameValue, type Scope } from '../../python/values';

export interface MigrationClass {
  node: PyNode;
  /** Class-level assignments: dependencies, operations, atomic, replaces, initial. */
  attributes: Map<string, PyNode>;
  /** What the class body adds to `operations` after assigning it: `+=`, `.append()`, `.extend()`, `.insert()`. */
  operationAdditions: PyNode[];
  /** Additions made inside a `for` loop of the class body, by node id: the loop that repeats them. */
  additionLoops: Map<number, PyNode>;
}

/**
 * The `class Migration(...)` of a module: the class Django loads (named `Migration`) when there is one,
 * otherwise the first class deriving from migrations.Migration. Attributes it does not set itself
 * (operations, dependencies, atomic) are inherited from base classes defined in the same module.
 */
export function migrationClass(root: PyNode): MigrationClass | undefined {
  const classes = new Map<string, PyNode>();
  const order: PyNode[] = [];
  for (const stmt of root.namedChildren) {
    const cls = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (cls?.type !== 'class_definition') continue;
    order.push(cls);
    const name = cls.childForFieldName('name')?.text;
    if (name && !classes.has(name)) classes.set(name, cls);
  }
  const localBases = (cls: PyNode): PyNode[] =>
    (cls.childForFieldName('superclasses')?.namedChildren ?? []).flatMap((b) => {
      const base = b.type === 'identifier' ? classes.get(b.text) : undefined;
      return base && base.id !== cls.id ? [base] : [];
    });
  const isMigration = (cls: PyNode, depth = 0): boolean =>
    /\bMigration\b/.test(cls.childForFieldName('superclasses')?.text ?? '') || (depth < 8 && localBases(cls).some((b) => isMigration(b, depth + 1)));
  const named = classes.get('Migration');
  // Django loads the module's `Migration` attribute, whatever it derives from.
  const chosen = named ?? order.find((c) => isMigration(c));
  if (!chosen) return undefined;
  const result = readClassBody(chosen);
  const seen = new Set<number>([chosen.id]);
  const inherit = (cls: PyNode): void => {
    for (const base of localBases(cls)) {
      if (seen.has(base.id)) continue;
      seen.add(base.id);
      const inherited = readClassBody(base);
      for (const [key, value] of inherited.attributes) {
        if (result.attributes.has(key)) continue;
        result.attributes.set(key, value);
        if (key === 'operations') result.operationAdditions.unshift(...inherited.operationAdditions);
        for (const [id, loop] of inherited.additionLoops) result.additionLoops.set(id, loop);
      }
      inherit(base);
    }
  };
  inherit(chosen);
  return result;
}

function readClassBody(cls: PyNode): MigrationClass {
  const attributes = new Map<string, PyNode>();
  const operationAdditions: PyNode[] = [];
  const additionLoops = new Map<number, PyNode>();
  // Statements under `if connection.vendor == ...:` / `try:` in the class body run too, one branch or
  // another: an `operations` assigned there is read as well, as an addition when one is already known.
  // A `for table in TABLES:` loop repeats what it adds, once per item.
  const read = (block: PyNode | null | undefined, nested: boolean, depth: number, loop?: PyNode): void => {
    const addition = (node: PyNode) => {
      operationAdditions.push(node);
      if (loop) additionLoops.set(node.id, loop);
    };
    for (const s of block?.namedChildren ?? []) {
      if (s.type === 'block' || COMPOUND.has(s.type)) {
        if (depth < 8) read(s, nested || s.type !== 'block', depth + 1, s.type === 'for_statement' || s.type === 'while_statement' ? s : loop);
        continue;
      }
      const expression = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
      const left = expression?.type === 'assignment' || expression?.type === 'augmented_assignment' ? expression.childForFieldName('left') : undefined;
      const right = expression?.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        if (expression?.type !== 'assignment') {
          if (left.text === 'operations') addition(right);
        } else if (!nested || !attributes.has(left.text)) attributes.set(left.text, right);
        else if (left.text === 'operations') addition(right);
      }
      const added = expression?.type === 'call' ? operationsMethodArgument(expression) : undefined;
      if (added) addition(added);
    }
  };
  read(cls.childForFieldName('body'), false, 0);
  return { node: cls, attributes, operationAdditions, additionLoops };
}

const COMPOUND = new Set([
  'if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'for_statement', 'while_statement',
]);

/** `operations.append(x)`, `operations.extend(x)`, `operations.insert(i, x)`: x. */
function operationsMethodArgument(call: PyNode): PyNode | undefined {
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (fn?.childForFieldName('object')?.text !== 'operations' || !method) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  if (method === 'append' || method === 'extend') return args[0];
  return method === 'insert' ? args[1] : undefined;
}

/** Names of the migrations `dependencies` lists, whatever app they belong to: `("shop", "0003_x")` -> 0003_x. */
export function dependencyNames(cls: MigrationClass | undefined, scope: Scope): string[] {
  const list = cls?.attributes.get('dependencies');
  if (!list || (list.type !== 'list' && list.type !== 'tuple')) return [];
  return list.namedChildren.flatMap((dep) => {
    if (dep.type !== 'tuple') return [];
    const name = nameValue(dep.namedChildren[1], scope);
    return name ? [name] : [];
  });
}

/** The migrations `dependencies` names in `app` (`("accounts", "0003_x")` -> 0003_x). */
export function dependenciesOn(cls: MigrationClass | undefined, app: string, scope: Scope): string[] {
  const list = cls?.attributes.get('dependencies');
  if (!list || (list.type !== 'list' && list.type !== 'tuple')) return [];
  return list.namedChildren.flatMap((dep) => {
    const [label, name] = dep.type === 'tuple' ? dep.namedChildren.map((n) => nameValue(n, scope)) : [];
    return label?.toLowerCase() === app && name ? [name] : [];
  });
}

/**
 * Another app's models as the migrations this one depends on leave them, read from the app's
 * migrations folder next to this app's (`<project>/<label>/migrations`, Django's default layout).
 */
export function otherAppState(filePath: string, app: string, dependencies: string[], options: AnalysisOptions): AppState | undefined {
  if (dependencies.length === 0) return undefined;
  const migrations = path.dirname(path.resolve(options.baseDir ?? process.cwd(), filePath));
  const other = path.join(path.dirname(path.dirname(migrations)), app, 'migrations', '__dependent__.py');
  const history = priorState(other, app, dependencies, { ...options, baseDir: undefined });
  return history.replayed > 0 ? history.state : undefined;
}

interface Summary {
  text: string;
  dependencies: string[];
  stateOps: StateOp[];
}

// Each earlier migration is parsed once per process, however many later ones replay it.
const summaries = new Map<string, Summary>();

function summarise(file: string, text: string): Summary {
  const cached = summaries.get(file);
  if (cached?.text === text) return cached;
  return withPythonTree(text, (root) => {
    const cls = migrationClass(root);
    const scope: Scope = new Map();
    const summary: Summary = {
      text,
      dependencies: dependencyNames(cls, scope),
      stateOps: operationCalls(cls?.attributes.get('operations')).flatMap((call) => readStateOps(call, scope)),
    };
    summaries.set(file, summary);
    return summary;
  });
}

export interface History {
  state: AppState;
  /** How many earlier migrations were replayed. */
  replayed: number;
}

/** The app's models before the migration at `filePath` runs. */
export function priorState(filePath: string, app: string, dependencies: string[], options: AnalysisOptions): History {
  const current = path.basename(filePath, '.py');
  const files = new Map<string, { path: string; text: string }>();
  for (const sibling of siblingsOf(directoryOf(filePath, options), options)) {
    const name = path.basename(sibling.path, '.py');
    if (sibling.path.endsWith('.py') && name !== current && name !== '__init__') files.set(name, sibling);
  }
  const known = dependencies.filter((d) => files.has(d));
  const roots = known.length > 0 ? known : [...files.keys()].filter((n) => n.localeCompare(current, 'en', { numeric: true }) < 0);
  const order: string[] = [];
  const seen = new Set<string>([current]);
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const file = files.get(name);
    if (!file) return;
    for (const dep of [...summarise(file.path, file.text).dependencies].sort()) visit(dep);
    order.push(name);
  };
  for (const root of [...roots].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) visit(root);
  const state = new AppState(app);
  for (const name of order) {
    const file = files.get(name);
    if (file) for (const op of summarise(file.path, file.text).stateOps) state.apply(op);
  }
  return { state, replayed: order.length };
}

/** The app label: the folder holding `migrations/` (Django's default label for an app). */
export function appLabel(filePath: string): string {
  const parts = filePath.split(/[\\/]/);
  const at = parts.lastIndexOf('migrations');
  if (at > 0) return parts[at - 1];
  return parts.length > 1 ? parts[parts.length - 2] : 'app';
}
