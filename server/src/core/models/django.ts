// Django models, read statically: classes deriving from models.Model (directly or through the project's
// own abstract bases), their table (Meta.db_table, or Django's default app_label_modelname) and the join
// tables Django creates for ManyToManyFields.

import * as path from 'node:path';
import type { ClassFacts } from './pyModule';
import type { LoadedModule, Resolver } from './resolve';
import type { ModelInfo } from './types';

const DJANGO_MODEL = /(?:^|\.)models\.Model$/;

export function djangoModels(resolver: Resolver): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const m of resolver.modules) {
    for (const cls of m.facts.classes) {
      if (cls.meta?.abstract || cls.meta?.proxy || !isDjangoModel(resolver, m, cls, new Set())) continue;
      const table = cls.meta?.dbTable ?? `${cls.meta?.appLabel ?? appLabel(m.file)}_${cls.name.toLowerCase()}`;
      out.push({ kind: 'django', name: cls.name, table, file: m.file, module: m.module, range: cls.range, reachable: true, ...(cls.columns.length > 0 ? { columns: cls.columns } : {}) });
      for (const [field, dbTable] of cls.m2m) {
        out.push({ kind: 'django', name: `${cls.name}.${field}`, table: dbTable ?? `${table}_${field.toLowerCase()}`, file: m.file, module: m.module, range: cls.range, reachable: true });
      }
    }
  }
  return out;
}

function isDjangoModel(resolver: Resolver, module: LoadedModule, cls: ClassFacts, seen: Set<ClassFacts>): boolean {
  seen.add(cls);
  return cls.bases.some((b) => {
    if (DJANGO_MODEL.test(b)) return true;
    if (b === 'Model') return module.facts.imports.some((i) => /^django\.db\.models$/.test(i.module) && i.names.includes('Model'));
    const target = resolver.resolve(module, b);
    return target?.kind === 'class' && !seen.has(target.cls) && isDjangoModel(resolver, target.module, target.cls, seen);
  });
}

/** The app's label: the folder holding models.py, or holding the models/ package. */
function appLabel(file: string): string {
  const dir = path.posix.dirname(file);
  const app = path.posix.basename(dir) === 'models' ? path.posix.dirname(dir) : dir;
  return path.posix.basename(app).toLowerCase();
}
