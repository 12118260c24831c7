// What analysis may know about the project beyond the file being checked: the database's tables with
// their row counts, the model index, and the review ledger's sign-offs. Loaded asynchronously by the CLI
// or the language server before analysis (connecting is async, analysis is sync) and passed in as
// AnalysisOptions.facts. Plain data, so it can be sent to worker threads.

import type { AppliedFacts } from './applied/resolve';
import { findTable, type SchemaSnapshot, type TableInfo } from './db/schemaSource';
import { isExcluded, type ModelIndex, type ModelInfo } from './models';
import type { PreflightFacts } from './preflight/types';
import type { Rehearsal } from './rehearsal/types';
import type { SignOff } from './review/ledger';

export interface ProjectFacts {
  db?: SchemaSnapshot;
  models?: ModelIndex;
  review?: ReviewFacts;
  /** Which migrations have already run (applied/resolve.ts). */
  applied?: AppliedFacts;
  /** Preflight is on (a live database, not a snapshot) and what its queries answered so far. */
  preflight?: PreflightFacts;
  /** What rehearsing the migrations found, by the path analysis names each file (up and down files alike). */
  rehearsals?: Record<string, Rehearsal>;
}

/** The review ledger's sign-offs, for the stale-review rule. */
export interface ReviewFacts {
  /** The repository root the ledger's paths are relative to (relative paths resolve against AnalysisOptions.baseDir). */
  root: string;
  signoffs: Record<string, Pick<SignOff, 'sha256' | 'signedBy' | 'signedAt'>>;
}

const byTable = new WeakMap<ModelIndex, Map<string, ModelInfo[]>>();

/** Models mapping a table (schema-insensitive when either side leaves the schema to the default). */
export function modelsForTable(index: ModelIndex, name: string, schema?: string, defaultSchema = 'public'): ModelInfo[] {
  let map = byTable.get(index);
  if (!map) {
    map = new Map();
    for (const m of index.models) {
      if (m.table === undefined) continue;
      const key = m.table.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), m]);
    }
    byTable.set(index, map);
  }
  const want = schema ?? defaultSchema;
  return (map.get(name.toLowerCase()) ?? []).filter((m) => (m.schema ?? defaultSchema) === want);
}

/** The version table and env.py's include_object/include_name exclusions: autogenerate never drops these. */
export function ignoredByAutogenerate(index: ModelIndex, name: string, schema?: string): boolean {
  const vt = index.versionTable;
  if (name === vt.name && (!vt.schema || !schema || vt.schema === schema)) return true;
  return isExcluded(index.exclusions, name);
}

/** Autogenerate is in use: an Alembic project whose env.py gives it a target_metadata. */
export function autogenerateInUse(index: ModelIndex | undefined): index is ModelIndex {
  return index?.framework === 'alembic' && index.targetMetadata !== undefined;
}

export function tableFact(facts: ProjectFacts | undefined, name: string, schema?: string): TableInfo | undefined {
  return facts?.db ? findTable(facts.db, { schema, name }) : undefined;
}
