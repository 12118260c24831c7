// Which declarative style the project's models use, so a generated model looks like its neighbours:
// SQLAlchemy 2.0's typed `name: Mapped[int] = mapped_column(...)`, or the classic `name = sa.Column(...)`.

import type { ModelIndex } from '../models/types';

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
