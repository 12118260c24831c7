import type { Range } from '../ops';

export type ModelKind = 'sqlalchemy-class' | 'sqlalchemy-table' | 'django';

/** One mapped table in the code: a declarative class, a `Table(...)` or a Django model. */
export interface ModelInfo {
  kind: ModelKind;
  /** The class name, or the variable a Table() is assigned to (else the table name). */
  name: string;
  /** undefined when the table name cannot be read statically (see ModelIndex.notes). */
  table?: string;
  schema?: string;
  /** Relative to the project root, with forward slashes. */
  file: string;
  module: string;
  /** The class name or the Table( call, for diagnostics in the model file. */
  range: Range;
  /**
   * Alembic: the module is imported, directly or through other modules, when env.py runs, so the model is
   * on target_metadata and autogenerate sees it. Django: always true (makemigrations loads every app).
   */
  reachable: boolean;
  /** The declarative base it derives from, when it can be followed (SQLAlchemy classes). */
  base?: DeclarativeBaseInfo;
  /** What a SQLAlchemy class derives from: a declarative base, Flask-SQLAlchemy's `db.Model`, or SQLModel. */
  origin?: 'declarative' | 'flask' | 'sqlmodel';
  /** Columns the class declares itself, by database name; inherited ones are not listed (absence proves nothing). */
  columns?: string[];
}

/** Which reflected tables env.py's include_object / include_name keep away from autogenerate. */
export interface TableFilter {
  names: string[];
  prefixes: string[];
  suffixes: string[];
  /** `if reflected and compare_to is None: return False`: every table without a model is left alone. */
  unmappedExcluded: boolean;
}

export interface ModuleSummary {
  module: string;
  file: string;
  /** Modules it imports (resolved to project modules). */
  imports: string[];
}

export interface DeclarativeBaseInfo {
  name: string;
  module: string;
  file: string;
}

export interface ModelIndex {
  framework: 'alembic' | 'django';
  /** Absolute path of the project root (alembic.ini's folder, or manage.py's). */
  root: string;
  /** Relative path of env.py, when Alembic. */
  envPy?: string;
  /** The expression env.py assigns to target_metadata; undefined when it sets none (autogenerate is off). */
  targetMetadata?: string;
  models: ModelInfo[];
  exclusions: TableFilter;
  versionTable: { schema?: string; name: string };
  /** include_schemas=True: autogenerate compares every schema, not only the default one. */
  includeSchemas: boolean;
  /**
   * Alembic: env.py passes every context.configure call an include_object that leaves tables without a
   * model alone, so autogenerate emits no drop for them. undefined without an env.py.
   */
  unmappedGuard?: boolean;
  /** Reachable modules in import order from env.py (Alembic), for placing a generated model. */
  reachableModules: ModuleSummary[];
  bases: DeclarativeBaseInfo[];
  /** What could not be read statically, in plain words. Shown by `parity`. */
  notes: string[];
}

export function isExcluded(filter: TableFilter, table: string): boolean {
  return filter.names.includes(table) || filter.prefixes.some((p) => table.startsWith(p)) || filter.suffixes.some((s) => table.endsWith(s));
}
