// A schema snapshot file: what `migration-guard snapshot --database-url ...` writes, so CI can check
// migrations against the production schema without network access to production.

import * as fs from 'node:fs';
import type { RowCount, SchemaSnapshot, SchemaSource, TableRef } from './schemaSource';
import { findTable } from './schemaSource';

export class SnapshotError extends Error {}

export function parseSnapshot(text: string, name: string): SchemaSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`${name} is not valid JSON: ${(err as Error).message}`);
  }
  const s = data as Partial<SchemaSnapshot>;
  if (s?.version !== 1) throw new SnapshotError(`${name} is not a Migration Guard schema snapshot (expected "version": 1).`);
  if (!Array.isArray(s.tables) || typeof s.defaultSchema !== 'string') {
    throw new SnapshotError(`${name} is missing "tables" or "defaultSchema"; write it again with migration-guard snapshot.`);
  }
  for (const t of s.tables) {
    if (typeof t?.name !== 'string' || typeof t.schema !== 'string' || !Array.isArray(t.columns)) {
      throw new SnapshotError(`${name} has a table entry without schema, name or columns.`);
    }
    t.primaryKey ??= [];
    t.foreignKeys ??= [];
  }
  s.schemas ??= [...new Set(s.tables.map((t) => t.schema))];
  return s as SchemaSnapshot;
}

export function serialiseSnapshot(snapshot: SchemaSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export class SnapshotSchemaSource implements SchemaSource {
  readonly description: string;

  constructor(private readonly snapshot: SchemaSnapshot, name: string) {
    this.description = `snapshot ${name} (of ${snapshot.source}, taken ${snapshot.takenAt})`;
  }

  static fromFile(file: string): SnapshotSchemaSource {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new SnapshotError(`Could not read the schema snapshot ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
    }
    return new SnapshotSchemaSource(parseSnapshot(text, file), file);
  }

  async read(): Promise<SchemaSnapshot> {
    return this.snapshot;
  }

  /** A snapshot holds the counts taken when it was written, if any; it cannot count again. */
  async countRows(table: TableRef): Promise<RowCount | undefined> {
    return findTable(this.snapshot, table)?.rows;
  }

  async countNonNull(table: TableRef, column: string): Promise<RowCount | undefined> {
    return findTable(this.snapshot, table)?.nonNull?.[column];
  }

  async close(): Promise<void> {}
}
