// What Python's import statements bind: the one import reader, for the Alembic and Django frontends, the
// model index and the env.py fix. Statements are read as written; which file a module is, is models/resolve.ts's.

import type { PyNode } from './node';

/** One name an import statement binds in the importing module. */
export interface ImportedName {
  /** The name the module sees: `c` for `import a.b as c` and `from m import x as c`, `a` for `import a.b`. */
  bound: string;
  /** The name taken, as written: `x` for `from m import x as c`; for a plain import, the module (`a.b`). */
  name: string;
  /** What the bound name refers to in full: `m.x`, `a.b` for `import a.b as c`, `a` for `import a.b`. */
  target: string;
  /** Bound under a name of its own, with `as`. */
  aliased: boolean;
}

export interface PyImport {
  /** The module named after `from` (`.models`, `app.db`), or the one a plain import imports; without spaces. */
  module: string;
  /** `from m import ...` rather than `import m`. */
  from: boolean;
  names: ImportedName[];
}

/** The imports of a statement: one per module a plain `import a, b` names; none for any other statement. */
export function readImport(stmt: PyNode): PyImport[] {
  if (stmt.type === 'import_statement') {
    return stmt.childrenForFieldName('name').map((n) => {
      const dotted = n.type === 'aliased_import' ? n.childForFieldName('name')?.text ?? '' : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
      // `import a.b` binds `a`; `import a.b as c` binds `c` to a.b.
      const top = dotted.split('.')[0]!;
      const name = alias ? { bound: alias, name: dotted, target: dotted, aliased: true } : { bound: top, name: dotted, target: top, aliased: false };
      return { module: dotted, from: false, names: [name] };
    });
  }
  const moduleNode = stmt.type === 'import_from_statement' ? stmt.childForFieldName('module_name') : undefined;
  if (!moduleNode) return [];
  const module = moduleNode.text.replace(/\s+/g, '');
  const names = stmt.childrenForFieldName('name').map((n) => {
    const name = n.type === 'aliased_import' ? n.childForFieldName('name')?.text ?? '' : n.text;
    const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
    return { bound: alias ?? name, name, target: `${module}${module.endsWith('.') ? '' : '.'}${name}`, aliased: alias !== undefined };
  });
  return [{ module, from: true, names }];
}
