/**
 * The layout says what the code is (issue 14): no import cycle between folders of server/src, and no
 * file long enough to hide two subjects. Imports are read with TypeScript's own parser; `import type`
 * is left out, since it leaves nothing at run time and naming a type is not depending on a layer.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const SRC = path.resolve(import.meta.dirname, '../../server/src');
const MAX_LINES = 450;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function resolveModule(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
}

/** The relative modules a file needs at run time (value imports, re-exports, import(), require()), or names at all. */
export function runtimeImports(file: string, text: string, withTypes = false): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause !== undefined && (clause.isTypeOnly || (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
      if (withTypes || !onlyTypes) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const onlyTypes = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      if (withTypes || !onlyTypes) specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs.filter((s) => s.startsWith('.'));
}

/**
 * The folder a file belongs to. Files directly in a folder that has folders of its own (server/src/core/*.ts,
 * core/parse/*.ts, cli/*.ts) are each their own node: such a root holds both what its sub-folders share
 * (ops.ts, options.ts, parse/notReady.ts) and the entry points that use them (analyze.ts, parse/onDemand.ts),
 * so as one node it would make a cycle with every sub-folder that no file-level dependency makes.
 */
export function folderOf(src: string, file: string): string {
  const dir = path.dirname(file);
  const hasFolders = fs.readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory());
  return path.relative(src, hasFolders ? file : dir) || '.';
}

/** Strongly connected groups of more than one folder, each with the imports that make it. */
export function folderCycles(src: string): { folders: string[]; imports: string[] }[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(src, file);
    for (const spec of runtimeImports(file, fs.readFileSync(file, 'utf8'))) {
      const target = resolveModule(file, spec);
      if (!target) continue;
      const to = folderOf(src, target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from)!;
      if (!out.has(to)) out.set(to, []);
      out.get(to)!.push(`${path.relative(src, file)} -> ${path.relative(src, target)}`);
    }
  }
  // Tarjan's algorithm, over a graph of a few dozen folders.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.map((folders) => ({
    folders,
    imports: folders.flatMap((a) => folders.flatMap((b) => edges.get(a)?.get(b) ?? [])),
  }));
}

export function longFiles(src: string, max: number): string[] {
  return sourceFiles(src)
    .map((file) => ({ file: path.relative(src, file), lines: fs.readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > max)
    .map((f) => `${f.file}: ${f.lines} lines`);
}

/**
 * Folders of core that still import each other, through the facts a rule needs (the database, the review
 * ledger, the applied history, the models): untangling them is work of its own. The check keeps every other
 * folder out of that knot and lets it only shrink: a cycle with any folder not listed here fails.
 */
const KNOWN_TANGLE = new Set(['core/applied', 'core/db', 'core/enrich.ts', 'core/facts.ts', 'core/fixes', 'core/models', 'core/preflight', 'core/rehearsal', 'core/review', 'core/rules']);

test('no import cycle between folders of server/src', () => {
  const cycles = folderCycles(SRC)
    .filter((c) => c.folders.some((f) => !KNOWN_TANGLE.has(f.split(path.sep).join('/'))))
    .map((c) => `${c.folders.join(' <-> ')}\n    ${c.imports.join('\n    ')}`);
  assert.deepEqual(cycles, [], `folders that import each other:\n${cycles.join('\n')}`);
});

test(`no file in server/src over ${MAX_LINES} lines`, () => {
  assert.deepEqual(longFiles(SRC, MAX_LINES), []);
});

/** Imports of a frontend's own files from outside it: its index.ts is the only way in. */
export function frontendsEnteredBySide(src: string): string[] {
  const frontends = path.join(src, 'core', 'frontends');
  const frontendOf = (file: string) => (file.startsWith(frontends + path.sep) ? path.relative(frontends, file).split(path.sep)[0] : undefined);
  return sourceFiles(src).flatMap((file) =>
    runtimeImports(file, fs.readFileSync(file, 'utf8'), true).flatMap((spec) => {
      const target = resolveModule(file, spec);
      const frontend = target && frontendOf(target);
      if (!target || !frontend || frontendOf(file) === frontend || path.basename(target) === 'index.ts') return [];
      return [`${path.relative(src, file)} -> ${path.relative(src, target)}`];
    }),
  );
}

test('code outside a frontend uses it through its index.ts only', () => {
  assert.deepEqual(frontendsEnteredBySide(SRC), []);
});
