// The project's Python files and their module names, as Python's import system would see them from the
// sys.path entries Alembic sets up (alembic.ini's folder, prepend_sys_path, and a src/ layout).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTextFile } from '../fileRead';

/** Reads a project file; an editor passes one that prefers unsaved documents. undefined when unreadable. */
export type ReadFile = (absolute: string) => string | undefined;

export const readFromDisk: ReadFile = (absolute) => {
  try {
    return readTextFile(absolute, MAX_PY_BYTES);
  } catch {
    return undefined;
  }
};

/** The analysis's own limit (options.maxFileBytes): a larger models file is generated, not written. */
const MAX_PY_BYTES = 4 * 1024 * 1024;

const SKIPPED = new Set([
  'node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'env', '.tox', '.nox', 'site-packages',
  'dist-packages', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'build', 'dist', '.eggs',
]);
/** A bound on what one index reads, so pointing the tool at a home directory cannot hang it. */
export const MAX_PY_FILES = 20_000;

/** Every .py file under root, except virtualenvs, caches and `skip` (the migrations' versions/ folder). */
export function listPythonFiles(root: string, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_PY_FILES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name) && !e.name.startsWith('.') && !skip.has(full)) walk(full);
      } else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

/** Dotted module names for every file, from each import root: `app/models/__init__.py` -> `app.models`. */
export function moduleMap(files: readonly string[], roots: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const root of roots) {
    for (const file of files) {
      const rel = path.relative(root, file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const parts = rel.slice(0, -3).split(path.sep);
      if (parts[parts.length - 1] === '__init__') parts.pop();
      if (parts.length === 0 || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) continue;
      const name = parts.join('.');
      if (!map.has(name)) map.set(name, file);
    }
  }
  return map;
}

export function isPackageFile(file: string): boolean {
  return path.basename(file) === '__init__.py';
}

/** `from ..x import y` inside module `a.b.c` (a plain module) -> `a.x`. */
export function absoluteModule(written: string, fromModule: string, fromIsPackage: boolean): string | undefined {
  const level = /^\.*/.exec(written)?.[0].length ?? 0;
  if (level === 0) return written;
  const parts = fromModule.split('.');
  // A module's package is its parent; a package's __init__ is its own package.
  const drop = fromIsPackage ? level - 1 : level;
  if (drop > parts.length) return undefined;
  const base = parts.slice(0, parts.length - drop);
  const rest = written.slice(level);
  return [...base, ...(rest ? [rest] : [])].join('.') || undefined;
}
