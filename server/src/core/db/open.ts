// Opening the configured source, and the exact counts that data-loss messages quote.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DbError } from './errors';
import { PgSchemaSource } from './pg';
import { PgliteSchemaSource } from './pglite';
import { DEFAULT_COUNT_LIMIT, findTable, type SchemaSnapshot, type SchemaSource } from './schemaSource';
import { SnapshotSchemaSource } from './snapshot';

export type SourceSpec =
  | { kind: 'url'; url: string; connectTimeoutMs?: number; statementTimeoutMs?: number }
  | { kind: 'snapshot'; file: string }
  /** Embedded PGlite filled from a SQL script: the demo, and trying the tool without a server. */
  | { kind: 'seed'; file: string };

export async function openSchemaSource(spec: SourceSpec): Promise<SchemaSource> {
  switch (spec.kind) {
    case 'url':
      return PgSchemaSource.connect(spec);
    case 'snapshot':
      return SnapshotSchemaSource.fromFile(spec.file);
    case 'seed': {
      let sql: string;
      try {
        sql = fs.readFileSync(spec.file, 'utf8');
      } catch (err) {
        throw new DbError('other', `Could not read the seed script ${spec.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
      }
      return PgliteSchemaSource.create({ seedSql: sql, seedName: path.basename(spec.file) });
    }
  }
}

export interface CountTarget {
  schema?: string;
  table: string;
  /** A dropped column: count its non-null values too. */
  column?: string;
}

/**
 * Exact bounded counts for the tables and columns that findings are about, written into the snapshot
 * (TableInfo.rows / nonNull) so the next analysis quotes them instead of the planner's estimate.
 */
export async function addExactCounts(source: SchemaSource, snapshot: SchemaSnapshot, targets: CountTarget[], limit = DEFAULT_COUNT_LIMIT): Promise<void> {
  for (const target of targets) {
    const table = findTable(snapshot, { schema: target.schema, name: target.table });
    if (!table) continue;
    const ref = { schema: table.schema, name: table.name };
    if (!table.rows) {
      const rows = await source.countRows(ref, limit);
      if (rows) table.rows = rows;
    }
    if (target.column && table.columns.some((c) => c.name === target.column) && !table.nonNull?.[target.column]) {
      const nonNull = await source.countNonNull(ref, target.column, limit);
      if (nonNull) table.nonNull = { ...table.nonNull, [target.column]: nonNull };
    }
  }
}
