// Following a name in one module to what it refers to in the project: a class, a module-level assignment
// or a module, through `from x import y` chains and package re-exports, as Python would at import time.

import { absoluteModule } from './files';
import type { ClassFacts, ModuleFacts } from './pyModule';

export interface LoadedModule {
  module: string;
  /** Relative to the project root, forward slashes. */
  file: string;
  isPackage: boolean;
  facts: ModuleFacts;
}

export type Resolved =
  | { kind: 'class'; module: LoadedModule; cls: ClassFacts }
  | { kind: 'assignment'; module: LoadedModule; name: string; text: string }
  | { kind: 'module'; module: LoadedModule };

/**
 * Resolves names across the modules the index loaded (`modules`), loading others on demand through
 * `load` when an import leads there (a package __init__ that only re-exports, say).
 */
export class Resolver {
  private readonly byName = new Map<string, { module: LoadedModule; cls: ClassFacts }[]>();

  constructor(readonly modules: readonly LoadedModule[], private readonly load: (module: string) => LoadedModule | undefined) {
    for (const m of modules) {
      for (const cls of m.facts.classes) {
        const list = this.byName.get(cls.name) ?? [];
        list.push({ module: m, cls });
        this.byName.set(cls.name, list);
      }
    }
  }

  /** `Base`, `models.Base`, `db.Model` as written in `from`; undefined when it leaves the project. */
  resolve(from: LoadedModule, dotted: string): Resolved | undefined {
    const [head, ...rest] = dotted.split('.');
    let current = this.resolveName(from, head, 0);
    for (const part of rest) {
      if (current?.kind !== 'module') return undefined;
      current = this.resolveName(current.module, part, 0);
    }
    if (current) return current;
    // A base imported from a module this index did not load (a star import, a path we cannot see):
    // a class of that name that is unique in the project is almost certainly it.
    const candidates = this.byName.get(rest.length ? rest[rest.length - 1] : head) ?? [];
    return candidates.length === 1 ? { kind: 'class', ...candidates[0] } : undefined;
  }

  private resolveName(module: LoadedModule, name: string, depth: number): Resolved | undefined {
    if (depth > 8) return undefined;
    const cls = module.facts.classes.find((c) => c.name === name);
    if (cls) return { kind: 'class', module, cls };
    const assigned = module.facts.assignments.get(name);
    if (assigned !== undefined) return { kind: 'assignment', module, name, text: assigned };
    for (const imp of module.facts.imports) {
      const alias = imp.aliases.find(([local]) => local === name);
      if (!alias) continue;
      const target = absoluteModule(alias[1], module.module, module.isPackage);
      if (!target) return undefined;
      const asModule = this.load(target);
      if (asModule) return { kind: 'module', module: asModule };
      const dot = target.lastIndexOf('.');
      const owner = dot > 0 ? this.load(target.slice(0, dot)) : undefined;
      return owner ? this.resolveName(owner, target.slice(dot + 1), depth + 1) : undefined;
    }
    return undefined;
  }
}
