// "Generate model" for drop-unmapped-table: a SQLAlchemy (or SQLModel) model written from the live table's columns,
// in a new module next to the project's other models, and an import of it in the module through which
// env.py's target_metadata reaches the models (usually the models package's __init__.py), so that
// autogenerate sees the table from then on.
//
// Pure: the caller supplies file contents (an editor passes its unsaved documents) and applies the
// result as a workspace edit (create newFile, apply importEdit). A table with a primary key becomes a
// declarative class; one without becomes a Table() on the same metadata, because the ORM cannot map a
// class without a primary key but autogenerate only needs the table on the metadata. Django projects get
// a models.Model instead (generateDjango.ts).

import * as path from 'node:path';
import type { ColumnInfo, TableInfo } from '../db/schemaSource';
import type { TextEdit } from '../findings';
import type { DeclarativeBaseInfo, ModelIndex, ModuleSummary } from '../models/types';
import { flaskBase, mappedAnnotation, modelStyle, pythonType, typedImports, type ModelBase, type ModelStyle } from './modelStyle';
import { generateDjangoModel, type DjangoTarget } from './generateDjango';
import { attribute, className, identifier, pyString, uniqueClassName } from './pyNames';
import { sqlalchemyType } from './sqlalchemyTypes';

export { className } from './pyNames';

export interface GeneratedModel {
  title: string;
  /** The class name, or the variable holding the Table(). */
  name: string;
  /** The file to show afterwards (relative): the new module, or the models.py the class was added to. */
  shown: string;
  /** Relative to the project root; absent when the class goes into an existing file (a Django models.py). */
  newFile?: { path: string; text: string };
  /** The edit of an existing file: the new module's import, or the class itself appended to a models.py. */
  importEdit?: { path: string; edits: TextEdit[] };
}

/** Reads a project file by path relative to the project root; undefined when it does not exist. */
export type ReadProjectFile = (relativePath: string) => string | undefined;

export function generateModel(table: TableInfo, index: ModelIndex, read: ReadProjectFile, defaultSchema = 'public', django: DjangoTarget = {}): GeneratedModel | { error: string } {
  if (index.framework === 'django') return generateDjangoModel(table, index, read, defaultSchema, django);
  const declarative = mostUsedBase(index);
  const sqlmodel = sqlmodelBase(index);
  const base: ModelBase | undefined = sqlmodel ?? flaskBase(index, read) ?? (declarative && { ...declarative, column: 'sa.Column' });
  if (!base) return { error: 'No declarative base was found among the models env.py imports, so there is nothing to attach a new model to.' };
  const gatherer = gatheringModule(index);
  const dir = gatherer.file.endsWith('__init__.py') ? path.posix.dirname(gatherer.file) : path.posix.dirname(base.file);
  const packageModule = gatherer.file.endsWith('__init__.py') ? gatherer.module : base.module.split('.').slice(0, -1).join('.');
  let stem = identifier(table.name);
  if (read(path.posix.join(dir, `${stem}.py`)) !== undefined) stem = `${stem}_model`;
  const newPath = path.posix.join(dir, `${stem}.py`);
  const newModule = packageModule ? `${packageModule}.${stem}` : stem;
  const hasKey = table.primaryKey.length > 0;
  const name = hasKey ? uniqueClassName(className(table.name), index.models) : identifier(table.name);
  const text = !hasKey ? tableModule(table, name, sqlmodel ? { ...base, module: 'sqlmodel' } : base, defaultSchema) : sqlmodel ? sqlmodelModule(table, name, defaultSchema) : classModule(table, name, base, defaultSchema, modelStyle(index, read));
  const gathererText = read(gatherer.file) ?? '';
  const relative = /^from\s+\./m.test(gathererText) && gatherer.file.endsWith('__init__.py');
  const importLine = `from ${relative ? `.${stem}` : newModule} import ${name}`;
  return {
    title: `Generate a model for ${table.name} in ${newPath} and import it in ${gatherer.file}`,
    name,
    shown: newPath,
    newFile: { path: newPath, text },
    importEdit: { path: gatherer.file, edits: importEdits(gathererText, importLine, name) },
  };
}

/**
 * SQLModel, when most reachable models are `class X(SQLModel, table=True)`: the new model is one too. The
 * base's module and file are a model's, which places the new module beside it (SQLModel is imported from
 * sqlmodel itself).
 */
function sqlmodelBase(index: ModelIndex): ModelBase | undefined {
  const classes = index.models.filter((m) => m.reachable && m.kind === 'sqlalchemy-class');
  const sqlmodel = classes.filter((m) => m.origin === 'sqlmodel');
  if (sqlmodel.length === 0 || sqlmodel.length * 2 < classes.length) return undefined;
  return { name: 'SQLModel', module: sqlmodel[0].module, file: sqlmodel[0].file, column: 'sa.Column' };
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

/**
 * `class X(SQLModel, table=True)` with `name: T = Field(...)`. SQLModel derives the column type from the
 * annotation (str becomes VARCHAR, int INTEGER), so `sa_type` pins the live type wherever that guess
 * differs; a column whose name is no free identifier keeps its name through `sa_column`.
 */
function sqlmodelModule(table: TableInfo, name: string, defaultSchema: string): string {
  const pk = new Set(table.primaryKey);
  const body = table.columns.map((c) => {
    const attr = attribute(c.name);
    const { name: py } = pythonType(c.type);
    const annotation = c.nullable || isGenerated(c, pk.has(c.name)) ? `Optional[${py}]` : py;
    if (attr !== c.name) return `    ${attr}: ${annotation} = Field(sa_column=sa.Column(${pyString(c.name)}, ${columnArgs(c, table, defaultSchema, pk.has(c.name))}))${typeComment(c)}`;
    return `    ${attr}: ${annotation} = Field(${sqlmodelFieldArgs(c, table, defaultSchema, pk.has(c.name)).join(', ')})${typeComment(c)}`;
  });
  const args = tableArgs(table, defaultSchema);
  const typed = typedImports(table.columns.map((c) => ({ type: c.type, nullable: c.nullable || isGenerated(c, pk.has(c.name)) })));
  const lines = [
    `"""${table.name}: written by Migration Guard from the live table's columns.`,
    '',
    'Without a model, Alembic autogenerate takes the table for an orphan and emits a drop for it.',
    '"""',
    ...(typed.length > 0 ? [...typed, ''] : []),
    'import sqlalchemy as sa',
    ...(needsPostgres(table) ? ['from sqlalchemy.dialects import postgresql'] : []),
    'from sqlmodel import Field, SQLModel',
    '',
    '',
    `class ${name}(SQLModel, table=True):`,
    `    __tablename__ = ${pyString(table.name)}`,
    ...(args ? [`    __table_args__ = ${args}`] : []),
    '',
    ...body,
  ];
  return `${lines.join('\n')}\n`;
}

// The PostgreSQL types whose column SQLModel already makes from the annotation alone.
const SQLMODEL_DEFAULT_TYPES = new Set(['integer', 'boolean', 'date', 'double precision']);

function sqlmodelFieldArgs(c: ColumnInfo, table: TableInfo, defaultSchema: string, primaryKey: boolean): string[] {
  const args: string[] = [];
  // A nullable column may be left out; a serial or identity key has no value until the row is inserted.
  if (c.nullable || isGenerated(c, primaryKey)) args.push('default=None');
  if (primaryKey) args.push('primary_key=True');
  const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === c.name);
  if (fk) args.push(`foreign_key=${pyString(`${refTable(fk.refSchema, fk.refTable, defaultSchema)}.${fk.refColumns[0]}`)}`);
  if (!SQLMODEL_DEFAULT_TYPES.has(c.type.trim())) args.push(`sa_type=${sqlalchemyType(c.type).expr}`);
  if (c.identity) args.push('sa_column_args=[sa.Identity()]');
  if (c.default !== undefined && !isGenerated(c, primaryKey)) args.push(`sa_column_kwargs={"server_default": sa.text(${pyString(c.default)})}`);
  return args;
}

function isGenerated(c: ColumnInfo, primaryKey: boolean): boolean {
  return primaryKey && (c.identity === true || /^nextval\(/.test(c.default ?? ''));
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
