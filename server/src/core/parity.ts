// Parity between the database and the models, in the four categories of the incident review: tables
// autogenerate would drop, models still waiting for their migration, models autogenerate cannot see, and
// tables that match. Pure: the CLI (`migration-guard parity`) and the language server (a custom request)
// load the inputs and call computeParity.

import { bestRowCount, type RowCount, type SchemaSnapshot, type TableInfo } from './db/schemaSource';
import { ignoredByAutogenerate, modelsForTable } from './facts';
import { PREVENT_UNMAPPED_DROPS_TITLE } from './fixes/includeObject';
import type { ModelIndex, ModelInfo } from './models';

export interface ParityTable {
  schema: string;
  name: string;
  rows?: RowCount;
}

export interface ParityReport {
  /** Where the tables came from (no password). */
  source: string;
  framework: ModelIndex['framework'];
  /** In the database, no model: Alembic autogenerate would emit a drop for each. */
  tablesWithoutModel: ParityTable[];
  /** A model whose table is not in the database: a migration that creates it has not run (or is not written). */
  modelsWithoutTable: ModelInfo[];
  /** A model nothing imported from env.py imports: autogenerate cannot see it. `table` when its table exists. */
  unreachableModels: { model: ModelInfo; table?: ParityTable }[];
  /** Tables with a model autogenerate sees. */
  matched: { table: ParityTable; models: ModelInfo[] }[];
  /** Tables parity leaves out, and why: the version table, env.py exclusions, schemas autogenerate does not compare. */
  ignored: { table: ParityTable; reason: string }[];
  notes: string[];
  /** What to change so that the problems above cannot come back. */
  hints: string[];
}

export function computeParity(db: SchemaSnapshot, index: ModelIndex): ParityReport {
  const report: ParityReport = {
    source: db.source,
    framework: index.framework,
    tablesWithoutModel: [],
    modelsWithoutTable: [],
    unreachableModels: [],
    matched: [],
    ignored: [],
    notes: [...index.notes],
    hints: [],
  };
  if (index.framework === 'alembic' && index.envPy && index.targetMetadata !== undefined && index.unmappedGuard === false) {
    report.hints.push(`${index.envPy} does not stop autogenerate from dropping tables without a model. Add the include_object hook from Alembic's docs (if type_ == "table" and reflected and compare_to is None: return False) and pass it to both context.configure calls; in VS Code, "${PREVENT_UNMAPPED_DROPS_TITLE}" in the parity panel or on a drop-unmapped-table finding writes it.`);
  }
  const modelSchemas = new Set(index.models.map((m) => m.schema ?? db.defaultSchema));
  const mapped = new Set<ModelInfo>();
  for (const t of db.tables) {
    const entry = parityTable(t);
    const models = modelsForTable(index, t.name, t.schema, db.defaultSchema);
    models.forEach((m) => mapped.add(m));
    const seen = models.filter((m) => m.reachable);
    if (seen.length > 0) {
      report.matched.push({ table: entry, models: seen });
      continue;
    }
    const reason = ignoreReason(db, index, t, modelSchemas);
    if (reason) report.ignored.push({ table: entry, reason });
    else if (models.length === 0) report.tablesWithoutModel.push(entry);
    for (const m of models) report.unreachableModels.push({ model: m, table: entry });
  }
  for (const m of index.models) {
    if (mapped.has(m) || m.table === undefined) continue;
    if (m.reachable) report.modelsWithoutTable.push(m);
    else report.unreachableModels.push({ model: m });
  }
  return report;
}

function parityTable(t: TableInfo): ParityTable {
  const rows = bestRowCount(t);
  return rows ? { schema: t.schema, name: t.name, rows } : { schema: t.schema, name: t.name };
}

function ignoreReason(db: SchemaSnapshot, index: ModelIndex, t: TableInfo, modelSchemas: Set<string>): string | undefined {
  if (t.name === index.versionTable.name) return index.framework === 'alembic' ? "Alembic's version table" : "Django's migration history";
  if (ignoredByAutogenerate(index, t.name, t.schema)) {
    return index.framework === 'django' ? "a table of Django's own apps" : "excluded by env.py's include_object/include_name";
  }
  if (index.framework === 'alembic' && !index.includeSchemas && t.schema !== db.defaultSchema && !modelSchemas.has(t.schema)) {
    return `schema ${t.schema} is not compared (env.py does not set include_schemas=True)`;
  }
  if (index.exclusions.unmappedExcluded) return "env.py's include_object leaves tables without a model alone";
  return undefined;
}

/** Tables autogenerate would drop or cannot see the model of: what makes `parity` exit 1. */
export function parityProblems(report: ParityReport): number {
  return report.tablesWithoutModel.length + report.unreachableModels.filter((u) => u.table).length;
}
