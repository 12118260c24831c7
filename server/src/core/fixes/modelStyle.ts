// Which declarative style the project's models use, so a generated model looks like its neighbours:
// SQLAlchemy 2.0's typed `name: Mapped[int] = mapped_column(...)`, or the classic `name = sa.Column(...)`;
// Flask-SQLAlchemy's `db.Model` with `db` imported as the other models import it.

import type { DeclarativeBaseInfo, ModelIndex } from '../models/types';

export type ModelStyle = 'typed' | 'classic';

const TYPED = /\bmapped_column\s*\(/;
// A project keeps to one style; a few model files say which.
const FILES_READ = 8;

export function modelStyle(index: ModelIndex, read: (relativePath: string) => string | undefined): ModelStyle {
  const files = [...new Set(index.models.filter((m) => m.reachable && m.kind === 'sqlalchemy-class').map((m) => m.file))].slice(0, FILES_READ);
  return files.some((f) => TYPED.test(read(f) ?? '')) ? 'typed' : 'classic';
}

/** The Python type of a PostgreSQL column type, for `Mapped[...]`, with the module it needs. */
export function pythonType(pgType: string): { name: string; module?: string } {
  const t = pgType.trim();
  if (t.endsWith('[]')) {
    const item = pythonType(t.slice(0, -2));
    return { name: `list[${item.name}]`, ...(item.module ? { module: item.module } : {}) };
  }
  if (/^(?:integer|bigint|smallint|oid)$/.test(t)) return { name: 'int' };
  if (/^(?:text|character varying|character|bpchar|inet|cidr|macaddr|tsvector)\b/.test(t)) return { name: 'str' };
  if (t === 'boolean') return { name: 'bool' };
  if (/^(?:double precision|real)$/.test(t)) return { name: 'float' };
  if (/^numeric\b|^money$/.test(t)) return { name: 'decimal.Decimal', module: 'decimal' };
  if (t === 'date') return { name: 'datetime.date', module: 'datetime' };
  if (/^timestamp\b/.test(t)) return { name: 'datetime.datetime', module: 'datetime' };
  if (/^time\b/.test(t)) return { name: 'datetime.time', module: 'datetime' };
  if (t === 'interval') return { name: 'datetime.timedelta', module: 'datetime' };
  if (t === 'bytea') return { name: 'bytes' };
  if (t === 'uuid') return { name: 'uuid.UUID', module: 'uuid' };
  return { name: 'Any', module: 'typing' };
}

/** `Mapped[...]` for a column: Optional when it is nullable. */
export function mappedAnnotation(pgType: string, nullable: boolean): string {
  const { name } = pythonType(pgType);
  return `Mapped[${nullable ? `Optional[${name}]` : name}]`;
}

/** The imports typed columns need, as lines: standard library first, as isort would put them. */
export function typedImports(columns: ReadonlyArray<{ type: string; nullable: boolean }>): string[] {
  const modules = new Set<string>();
  const typing = new Set<string>();
  for (const c of columns) {
    const { name, module } = pythonType(c.type);
    if (module === 'typing') typing.add('Any');
    else if (module) modules.add(module);
    if (name.includes('Any')) typing.add('Any');
    if (c.nullable) typing.add('Optional');
  }
  return [...[...modules].sort().map((m) => `import ${m}`), ...(typing.size > 0 ? [`from typing import ${[...typing].sort().join(', ')}`] : [])];
}

/** The base a new model derives from, and the name its module imports to reach it. */
export interface ModelBase extends DeclarativeBaseInfo {
  /** Flask-SQLAlchemy: `db`, imported from `module`, while the class derives from `db.Model`. */
  imported?: string;
  /** The column call: `sa.Column`, or `db.Column` beside `db.Model`. */
  column: string;
}

const FLASK_CLASS = /^class[ \t]+\w+[ \t]*\([ \t]*(\w+)\.Model\b/m;

/**
 * Flask-SQLAlchemy, when most reachable models derive from `<db>.Model`: the new model does too, importing
 * `<db>` from where a model file imports it (or from the model file that creates it).
 */
export function flaskBase(index: ModelIndex, read: (relativePath: string) => string | undefined): ModelBase | undefined {
  const classes = index.models.filter((m) => m.reachable && m.kind === 'sqlalchemy-class');
  const flask = classes.filter((m) => m.origin === 'flask');
  if (flask.length === 0 || flask.length * 2 < classes.length) return undefined;
  for (const m of flask.slice(0, FILES_READ)) {
    const text = read(m.file) ?? '';
    const db = FLASK_CLASS.exec(text)?.[1];
    if (!db) continue;
    const base = { name: `${db}.Model`, imported: db, file: m.file, column: `${db}.Column` };
    if (new RegExp(`^${db}[ \\t]*=[ \\t]*(?:[\\w.]+\\.)?SQLAlchemy\\(`, 'm').test(text)) return { ...base, module: m.module };
    const from = importedFrom(text, db);
    if (from) return { ...base, module: absolute(from, m.module, m.file.endsWith('__init__.py')) };
  }
  return undefined;
}

/** The module a `from X import ..., name, ...` line imports `name` from; line by line, so linear. */
function importedFrom(text: string, name: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /^from[ \t]+([\w.]+)[ \t]+import[ \t]/.exec(line);
    if (m && line.slice(m[0].length).split(/[\s,()]+/).includes(name)) return m[1];
  }
  return undefined;
}

/** `..extensions` seen from module `app.models.user` -> `app.extensions`. */
function absolute(from: string, module: string, isPackage: boolean): string {
  const dots = /^\.*/.exec(from)?.[0].length ?? 0;
  if (dots === 0) return from;
  const parts = module.split('.');
  const keep = parts.length - (isPackage ? 0 : 1) - (dots - 1);
  return [...parts.slice(0, Math.max(0, keep)), from.slice(dots)].filter(Boolean).join('.');
}
