// Which modules run when env.py runs. Autogenerate only sees a model whose module was imported by then
// (the class registers itself on the metadata as it is defined), so a model file nothing imports is
// invisible to it, and its table looks like an orphan to drop.

import { absoluteModule } from './files';
import type { LoadedModule } from './resolve';

/** Modules imported, directly or transitively, from `start`, in the order they are first reached. */
export function reachableFrom(start: LoadedModule, load: (module: string) => LoadedModule | undefined): LoadedModule[] {
  const seen = new Set<string>([start.module]);
  const order: LoadedModule[] = [];
  const queue: LoadedModule[] = [start];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const m = load(name);
    if (!m) return;
    seen.add(name);
    order.push(m);
    queue.push(m);
  };
  while (queue.length > 0) {
    const m = queue.shift() as LoadedModule;
    for (const imp of m.facts.imports) {
      if (imp.typeCheckingOnly) continue;
      const target = absoluteModule(imp.module, m.module, m.isPackage);
      if (!target) continue;
      // Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
      const parts = target.split('.');
      for (let i = 1; i <= parts.length; i++) visit(parts.slice(0, i).join('.'));
      // `from a.b import c` also imports the submodule a.b.c when there is one.
      for (const name of imp.names) if (name !== '*') visit(`${target}.${name}`);
    }
  }
  return order;
}
