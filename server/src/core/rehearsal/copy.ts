// The starting schema from the configured database or snapshot. A live database is read in the same
// read-only session every other read uses (db/pg.ts), so the rehearsal never writes to it; an embedded seed
// runs in its own PGlite first, as `--embedded-seed` does for check.

import { openSchemaSource, type SourceSpec } from '../db/open';
import { PgSession } from '../db/pg';
import { PgliteSchemaSource } from '../db/pglite';
import { SnapshotSchemaSource } from '../db/snapshot';
import { readObjects, type Catalog } from './objects';
import { readSample, type SampledRows } from './sample';
import { catalogFromSnapshot } from './snapshotDdl';

export interface CopiedSchema {
  catalog: Catalog;
  from: string;
  note?: string;
  /** `--sample N`: real rows, in memory only. */
  sample?: { perTable: number; rows: SampledRows; unreadable: string[] };
}

/** `sample`: rows per table to copy (--sample), read in the same read-only session as the schema. */
export async function readStartingSchema(spec: SourceSpec, sample = 0): Promise<CopiedSchema> {
  if (spec.kind === 'snapshot') {
    const source = SnapshotSchemaSource.fromFile(spec.file);
    return {
      catalog: catalogFromSnapshot(await source.read()),
      from: source.description,
      note: `${sample > 0 ? 'A schema snapshot holds no rows, so --sample copied none. ' : ''}A schema snapshot holds tables, columns, defaults and primary and foreign keys only: indexes, unique and check constraints, enums and views were not copied, so what a CASCADE takes through them is not seen. Rehearse against the database itself (--database-url) to include them.`,
    };
  }
  if (spec.kind === 'url') {
    const session = await PgSession.open(spec);
    try {
      const catalog = await readObjects(session);
      return { catalog, from: session.ctx.target, ...(sample > 0 ? { sample: { perTable: sample, ...(await readSample(session, catalog, sample)) } } : {}) };
    } finally {
      await session.close();
    }
  }
  const source = await openSchemaSource(spec);
  try {
    const catalog = await readObjects(source as PgliteSchemaSource);
    return { catalog, from: source.description, ...(sample > 0 ? { sample: { perTable: sample, ...(await readSample(source as PgliteSchemaSource, catalog, sample)) } } : {}) };
  } finally {
    await source.close();
  }
}
