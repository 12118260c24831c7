// SQLAlchemy models, read statically: declarative classes (own `__tablename__`, one inherited from a
// mixin, or derived by a naming convention) and `Table("name", metadata, ...)`.

import type { ClassFacts } from './pyModule';
import type { LoadedModule, Resolver } from './resolve';
import type { DeclarativeBaseInfo, ModelInfo } from './types';

/**
 * How a `@declared_attr __tablename__` the index cannot read names tables; `lower` is `cls.__name__.lower()`,
 * `snake` is CamelCase -> camel_case (Flask-SQLAlchemy's rule). Set with migrationGuard.models.tableNaming.
 */
export type TableNaming = 'lower' | 'snake';

const DECLARATIVE_BASE_CLASS = /(?:^|\.)(?:DeclarativeBase|DeclarativeBaseNoMeta)$/;
const DECLARATIVE_DECORATOR = /(?:^|\.)as_declarative(?:_base)?\s*\(/;
const BASE_FACTORY = /(?:^|\.)(?:declarative_base|generate_base)\s*\(/;
// Flask-SQLAlchemy's `db.Model`; Django's `models.Model` is not SQLAlchemy.
const FLASK_MODEL = /^(?!models\.)\w+\.Model$/;

type Origin = 'declarative' | 'flask' | 'sqlmodel';

interface Lineage {
  origin?: Origin;
  /** The nearest inherited __tablename__ (own first, then bases in MRO-like order). */
  inherited?: { from: ClassFacts; tablename: NonNullable<ClassFacts['tablename']> };
  schema?: string;
  base?: DeclarativeBaseInfo;
}

export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

export function sqlalchemyModels(resolver: Resolver, naming: TableNaming | undefined, notes: string[]): { models: ModelInfo[]; bases: DeclarativeBaseInfo[] } {
  const models: ModelInfo[] = [];
  const bases = new Map<string, DeclarativeBaseInfo>();
  for (const m of resolver.modules) {
    for (const t of m.facts.tableCalls) {
      const info: ModelInfo = { kind: 'sqlalchemy-table', name: t.variable ?? t.table, table: t.table, file: m.file, module: m.module, range: t.range, reachable: false };
      if (t.schema) info.schema = t.schema;
      models.push(info);
    }
    for (const [name, text] of m.facts.assignments) {
      if (BASE_FACTORY.test(text)) bases.set(`${m.module}.${name}`, { name, module: m.module, file: m.file });
    }
    for (const cls of m.facts.classes) {
      if (isDeclarativeBase(cls)) {
        bases.set(`${m.module}.${cls.name}`, { name: cls.name, module: m.module, file: m.file });
        continue;
      }
      if (cls.abstract) continue;
      const lineage = lineageOf(resolver, m, cls, new Set());
      const ownTable = cls.tableCall ?? (cls.tablename?.kind === 'literal' ? cls.tablename.value : undefined);
      const sqlmodelTable = lineage.origin === 'sqlmodel' && cls.keywords.table === 'True';
      if (!lineage.origin && ownTable === undefined) continue;
      if (lineage.origin === 'sqlmodel' && !sqlmodelTable) continue;
      // A class with only a declared_attr __tablename__ and no declarative base is a mixin, not a model.
      if (!lineage.origin && cls.tablename?.kind === 'declared') continue;
      const table = ownTable ?? tableFor(cls, lineage, naming);
      const info: ModelInfo = { kind: 'sqlalchemy-class', name: cls.name, file: m.file, module: m.module, range: cls.range, reachable: false };
      if (table !== undefined) info.table = table;
      else notes.push(`${m.file}: the table name of ${cls.name} comes from a __tablename__ this tool cannot read; set migrationGuard.models.tableNaming (lower or snake) to name it.`);
      if (lineage.base) info.base = lineage.base;
      if (lineage.origin) info.origin = lineage.origin;
      if (cls.columns.length > 0) info.columns = cls.columns;
      const schema = cls.schema ?? lineage.schema;
      if (schema) info.schema = schema;
      models.push(info);
    }
  }
  return { models, bases: [...bases.values()] };
}

function isDeclarativeBase(cls: ClassFacts): boolean {
  return cls.bases.some((b) => DECLARATIVE_BASE_CLASS.test(b)) || cls.decorators.some((d) => DECLARATIVE_DECORATOR.test(d));
}

function tableFor(cls: ClassFacts, lineage: Lineage, naming: TableNaming | undefined): string | undefined {
  const inherited = lineage.inherited;
  if (inherited?.tablename.kind === 'literal') return inherited.tablename.value;
  const rule = inherited?.tablename.kind === 'declared' && inherited.tablename.lowerClassName ? 'lower' : undefined;
  if (rule === 'lower') return cls.name.toLowerCase();
  if (!inherited && lineage.origin === 'flask') return snakeCase(cls.name);
  if (!inherited && lineage.origin === 'sqlmodel') return cls.name.toLowerCase();
  if (naming === 'lower') return cls.name.toLowerCase();
  if (naming === 'snake') return snakeCase(cls.name);
  return undefined;
}

/** Walks the bases depth-first, left to right (close enough to Python's MRO for finding these attributes). */
function lineageOf(resolver: Resolver, module: LoadedModule, cls: ClassFacts, seen: Set<ClassFacts>): Lineage {
  seen.add(cls);
  const lineage: Lineage = {};
  if (cls.tablename && cls.tableCall === undefined) lineage.inherited = { from: cls, tablename: cls.tablename };
  if (cls.schema) lineage.schema = cls.schema;
  for (const baseText of cls.bases) {
    if (DECLARATIVE_BASE_CLASS.test(baseText)) lineage.origin ??= 'declarative';
    else if (baseText === 'SQLModel' || baseText.endsWith('.SQLModel')) lineage.origin ??= 'sqlmodel';
    else if (FLASK_MODEL.test(baseText)) lineage.origin ??= 'flask';
    const target = resolver.resolve(module, baseText);
    if (target?.kind === 'assignment' && BASE_FACTORY.test(target.text)) {
      lineage.origin ??= 'declarative';
      lineage.base ??= { name: target.name, module: target.module.module, file: target.module.file };
    } else if (target?.kind === 'class' && !seen.has(target.cls)) {
      if (isDeclarativeBase(target.cls)) {
        lineage.origin ??= 'declarative';
        lineage.base ??= { name: target.cls.name, module: target.module.module, file: target.module.file };
      }
      const parent = lineageOf(resolver, target.module, target.cls, seen);
      lineage.origin ??= parent.origin;
      lineage.base ??= parent.base;
      lineage.inherited ??= parent.inherited;
      lineage.schema ??= parent.schema;
    }
  }
  return lineage;
}
