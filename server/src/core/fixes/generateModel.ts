// "Generate model" for drop-unmapped-table: a SQLAlchemy model written from the live table's columns,
// in a new module next to the project's other models, and an import of it in the module through which
// env.py's target_metadata reaches the models (usually the models package's __init__.py), so that
// autogenerate sees the table from then on.
//
// Pure: the caller supplies file contents (an editor passes its unsaved documents) and applies the
// result as a workspace edit (create newFile, apply importEdit). A table with a primary key becomes a
// declarative class; one without becomes a Table() on the same metadata, because the ORM cannot map a
// class without a primary key but autogenerate only needs the table on the metadata.

import * as path from 'node:path';
import type { ColumnInfo, TableInfo } from '../db/schemaSource';
import type { TextEdit } from '../findings';
import type { DeclarativeBaseInfo, ModelIndex, ModuleSummary } from '../models/types';
import { flaskBase, mappedAnnotation, modelStyle, typedImports, type ModelBase, type ModelStyle } from './modelStyle';
import { sqlalchemyType } from './sqlalchemyTypes';

export interface GeneratedModel {
  title: string;
  /** The class name, or the variable holding the Table(). */
  name: string;
  /** Relative to the project root. */
  newFile: { path: string; text: string };
  /** Adds the import; relative path of the file it edits. */
  importEdit: { path: string; edits: TextEdit[] };
}

/** Reads a project file by path relative to the project root; undefined when it does not exist. */
export type ReadProjectFile = (relativePath: string) => string | undefined;

const PY_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));
// Attribute names declarative classes reserve.
const RESERVED = new Set(['metadata', 'registry', 'query', '__table__', '__tablename__', '__mapper__']);

export function generateModel(table: TableInfo, index: ModelIndex, read: ReadProjectFile, defaultSchema = 'public'): GeneratedModel | { error: string } {
  if (index.framework !== 'alembic') return { error: 'Generate model writes SQLAlchemy models; this is a Django project.' };
  const declarative = mostUsedBase(index);
  const base: ModelBase | undefined = flaskBase(index, read) ?? (declarative && { ...declarative, column: 'sa.Column' });
  if (!base) return { error: 'No declarative base was found among the models env.py imports, so there is nothing to attach a new model to.' };
  const gatherer = gatheringModule(index);
  const dir = gatherer.file.endsWith('__init__.py') ? path.posix.dirname(gatherer.file) : path.posix.dirname(base.file);
  const packageModule = gatherer.file.endsWith('__init__.py') ? gatherer.module : base.module.split('.').slice(0, -1).join('.');
  let stem = identifier(table.name);
  if (read(path.posix.join(dir, `${stem}.py`)) !== undefined) stem = `${stem}_model`;
  const newPath = path.posix.join(dir, `${stem}.py`);
  const newModule = packageModule ? `${packageModule}.${stem}` : stem;
  const hasKey = table.primaryKey.length > 0;
  const name = hasKey ? uniqueClassName(className(table.name), index) : identifier(table.name);
  const text = hasKey ? classModule(table, name, base, defaultSchema, modelStyle(index, read)) : tableModule(table, name, base, defaultSchema);
  const gathererText = read(gatherer.file) ?? '';
  const relative = /^from\s+\./m.test(gathererText) && gatherer.file.endsWith('__init__.py');
  const importLine = `from ${relative ? `.${stem}` : newModule} import ${name}`;
  return {
    title: `Generate a model for ${table.name} in ${newPath} and import it in ${gatherer.file}`,
    name,
    newFile: { path: newPath, text },
    importEdit: { path: gatherer.file, edits: importEdits(gathererText, importLine, name) },
  };
}

function mostUsedBase(index: ModelIndex): DeclarativeBaseInfo | undefined {
  const counts = new Map<string, { base: DeclarativeBaseInfo; n: number }>();
  for (const m of index.models) {
    if (!m.base || !m.reachable) continue;
    const key = `${m.base.module}.${m.base.name}`;
    counts.set(key, { base: m.base, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.base;
  return best ?? (index.bases.length === 1 ? index.bases[0] : undefined);
}

/** The reachable module that imports the most model modules (the models package), else env.py itself. */
function gatheringModule(index: ModelIndex): ModuleSummary {
  const modelModules = new Set(index.models.filter((m) => m.reachable).map((m) => m.module));
  let best: ModuleSummary | undefined;
  let bestCount = 0;
  for (const m of index.reachableModules.slice(1)) {
    const n = m.imports.filter((i) => modelModules.has(i)).length;
    if (n > bestCount) [best, bestCount] = [m, n];
  }
  return best ?? index.reachableModules[0] ?? { module: '', file: index.envPy ?? 'env.py', imports: [] };
}

// A top-level import statement, parenthesised ones across their lines.
const TOP_LEVEL_IMPORT = /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t][^\n]*)/gm;

/** After the last top-level import, and in `__all__` when the module has one. */
function importEdits(text: string, importLine: string, name: string): TextEdit[] {
  let insertAt = 0;
  for (const m of text.matchAll(TOP_LEVEL_IMPORT)) insertAt = m.index + m[0].length;
  const edits: TextEdit[] = [insertAt === 0 ? { range: { start: 0, end: 0 }, newText: `${importLine}\n` } : { range: { start: insertAt, end: insertAt }, newText: `\n${importLine}` }];
  const all = /^__all__\s*=\s*\[([^\]]*)\]/m.exec(text);
  if (all) {
    const close = all.index + all[0].length - 1;
    const items = all[1].trim();
    const quote = /'/.test(items) && !/"/.test(items) ? "'" : '"';
    const sep = items === '' ? '' : items.endsWith(',') ? ' ' : ', ';
    edits.push({ range: { start: close, end: close }, newText: `${sep}${quote}${name}${quote}` });
  }
  return edits;
}

function classModule(table: TableInfo, name: string, base: ModelBase, defaultSchema: string, style: ModelStyle): string {
  const pk = new Set(table.primaryKey);
  const body = table.columns.map((c) => {
    const attr = attribute(c.name);
    const named = attr === c.name ? '' : `${pyString(c.name)}, `;
    const args = `${named}${columnArgs(c, table, defaultSchema, pk.has(c.name))})${typeComment(c)}`;
    return style === 'typed' ? `    ${attr}: ${mappedAnnotation(c.type, c.nullable)} = mapped_column(${args}` : `    ${attr} = ${base.column}(${args}`;
  });
  const args = tableArgs(table, defaultSchema);
  const lines = [
    ...header(table, base, needsPostgres(table), style === 'typed' ? typedImports(table.columns) : undefined),
    '',
    '',
    `class ${name}(${base.name}):`,
    `    __tablename__ = ${pyString(table.name)}`,
    ...(args ? [`    __table_args__ = ${args}`] : []),
    '',
    ...body,
  ];
  return `${lines.join('\n')}\n`;
}

function tableModule(table: TableInfo, name: string, base: ModelBase, defaultSchema: string): string {
  const cols = table.columns.map((c) => `    sa.Column(${pyString(c.name)}, ${columnArgs(c, table, defaultSchema, false)}),${typeComment(c)}`);
  const multi = multiColumnForeignKeys(table, defaultSchema).map((fk) => `    ${fk},`);
  const schema = table.schema !== defaultSchema ? [`    schema=${pyString(table.schema)},`] : [];
  const lines = [
    ...header(table, base, needsPostgres(table)),
    '',
    '# No primary key, so this is a Table() on the same metadata rather than a mapped class.',
    `${name} = sa.Table(`,
    `    ${pyString(table.name)},`,
    `    ${base.name}.metadata,`,
    ...cols,
    ...multi,
    ...schema,
    ')',
  ];
  return `${lines.join('\n')}\n`;
}

/** typed: the standard-library imports of SQLAlchemy 2.0's typed columns (see modelStyle.ts). */
function header(table: TableInfo, base: ModelBase, postgres: boolean, typed?: string[]): string[] {
  return [
    `"""${table.name}: written by Migration Guard from the live table's columns.`,
    '',
    'Without a model, Alembic autogenerate takes the table for an orphan and emits a drop for it.',
    '"""',
    ...(typed && typed.length > 0 ? [...typed, ''] : []),
    'import sqlalchemy as sa',
    ...(postgres ? ['from sqlalchemy.dialects import postgresql'] : []),
    ...(typed ? ['from sqlalchemy.orm import Mapped, mapped_column'] : []),
    '',
    `from ${base.module} import ${base.imported ?? base.name}`,
  ];
}

function columnArgs(c: ColumnInfo, table: TableInfo, defaultSchema: string, primaryKey: boolean): string {
  const parts = [sqlalchemyType(c.type).expr];
  const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === c.name);
  if (fk) parts.push(`sa.ForeignKey(${pyString(`${refTable(fk.refSchema, fk.refTable, defaultSchema)}.${fk.refColumns[0]}`)})`);
  if (c.identity) parts.push('sa.Identity()');
  if (primaryKey) parts.push('primary_key=True');
  parts.push(`nullable=${c.nullable ? 'True' : 'False'}`);
  // A serial column's nextval() default is what SQLAlchemy assumes for an integer primary key anyway.
  if (c.default !== undefined && !(primaryKey && /^nextval\(/.test(c.default))) parts.push(`server_default=sa.text(${pyString(c.default)})`);
  return parts.join(', ');
}

function typeComment(c: ColumnInfo): string {
  return sqlalchemyType(c.type).unknown ? `  # ${c.type}: no SQLAlchemy type known here; set it by hand` : '';
}

function tableArgs(table: TableInfo, defaultSchema: string): string | undefined {
  const fks = multiColumnForeignKeys(table, defaultSchema);
  const schema = table.schema !== defaultSchema ? `{"schema": ${pyString(table.schema)}}` : undefined;
  if (fks.length === 0) return schema;
  return `(${[...fks, ...(schema ? [schema] : [])].join(', ')},)`;
}

function multiColumnForeignKeys(table: TableInfo, defaultSchema: string): string[] {
  return table.foreignKeys
    .filter((f) => f.columns.length > 1)
    .map((f) => {
      const ref = refTable(f.refSchema, f.refTable, defaultSchema);
      return `sa.ForeignKeyConstraint([${f.columns.map(pyString).join(', ')}], [${f.refColumns.map((c) => pyString(`${ref}.${c}`)).join(', ')}])`;
    });
}

function refTable(schema: string, name: string, defaultSchema: string): string {
  return schema === defaultSchema ? name : `${schema}.${name}`;
}

function needsPostgres(table: TableInfo): boolean {
  return table.columns.some((c) => sqlalchemyType(c.type).postgresql);
}

/** A Python string literal (JSON's escapes are valid Python). */
function pyString(s: string): string {
  return JSON.stringify(s);
}

function identifier(name: string): string {
  const id = name.replace(/\W+/g, '_').replace(/^(\d)/, '_$1') || 'table';
  return PY_KEYWORDS.has(id) ? `${id}_` : id;
}

function attribute(column: string): string {
  const id = identifier(column);
  return RESERVED.has(id) || id !== column ? `col_${id.replace(/^_+/, '')}` : id;
}

/** project_keywords -> ProjectKeyword: CamelCase, with a plain English plural made singular. */
export function className(table: string): string {
  const words = table.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const last = words.length - 1;
  if (last >= 0) words[last] = singular(words[last]);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^\d/.test(name) || name === '' ? `Table${name}` : name;
}

function singular(word: string): string {
  if (/ies$/i.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/i.test(word)) return word;
  if (/(?:sh|ch|x|z)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

function uniqueClassName(name: string, index: ModelIndex): string {
  const taken = new Set(index.models.map((m) => m.name));
  return taken.has(name) ? `${name}Model` : name;
}
