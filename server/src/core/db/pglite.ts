// Embedded PostgreSQL (PGlite): the default source for the demo and most tests, so neither needs a
// server. A seed script, when given, runs first (it fills the embedded database, which belongs to this
// process); after that the session is read-only like every other source.

import type { PGlite } from '@electric-sql/pglite';
import { boundedCount, readCatalog, type Queryable } from './catalog';
import { DbError, toDbError, type ErrorContext } from './errors';
import type { RowCount, SchemaSnapshot, SchemaSource, TableRef } from './schemaSource';

export interface PgliteSourceOptions {
  /** SQL run before the session turns read-only, e.g. examples/incident/seed.sql. */
  seedSql?: string;
  /** Where the seed came from, for messages. */
  seedName?: string;
  statementTimeoutMs?: number;
}

const CTX: ErrorContext = { target: 'the embedded database (PGlite)', secrets: [], connectTimeoutMs: 0, statementTimeoutMs: 0 };

export class PgliteSchemaSource implements SchemaSource, Queryable {
  readonly description: string;

  private constructor(private readonly db: PGlite, private readonly owned: boolean, description: string) {
    this.description = description;
  }

  /** Starts a fresh in-memory PGlite (1-2 s), seeds it, then makes it read-only. */
  static async create(opts: PgliteSourceOptions = {}): Promise<PgliteSchemaSource> {
    // Loaded on demand: PGlite is large and only the embedded source needs it.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    const source = new PgliteSchemaSource(db, true, opts.seedName ? `pglite (seeded from ${opts.seedName})` : 'pglite');
    try {
      if (opts.seedSql) await seed(db, opts.seedSql, opts.seedName ?? 'the seed script');
      await source.readOnly(opts.statementTimeoutMs);
    } catch (err) {
      await db.close();
      throw err;
    }
    return source;
  }

  /** Wraps an instance the caller owns (tests share one per file); close() leaves it open. */
  static async wrap(db: PGlite, statementTimeoutMs?: number): Promise<PgliteSchemaSource> {
    const source = new PgliteSchemaSource(db, false, 'pglite');
    await source.readOnly(statementTimeoutMs);
    return source;
  }

  private async readOnly(statementTimeoutMs = 5000): Promise<void> {
    await this.db.exec(`SET default_transaction_read_only = on; SET statement_timeout = ${Math.floor(statementTimeoutMs)};`);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    try {
      return (await this.db.query<T>(sql, params)).rows;
    } catch (err) {
      throw toDbError(err, CTX);
    }
  }

  read(): Promise<SchemaSnapshot> {
    return readCatalog(this, this.description);
  }

  countRows(table: TableRef, limit: number): Promise<RowCount> {
    return boundedCount(this, table, limit);
  }

  countNonNull(table: TableRef, column: string, limit: number): Promise<RowCount> {
    return boundedCount(this, table, limit, column);
  }

  async close(): Promise<void> {
    if (this.owned && !this.db.closed) await this.db.close();
  }
}

async function seed(db: PGlite, sql: string, name: string): Promise<void> {
  try {
    await db.exec(sql);
    // Fresh tables have no planner statistics; ANALYZE gives them the row estimates a production database has.
    await db.exec('ANALYZE');
  } catch (err) {
    throw new DbError('other', `The seed script ${name} failed: ${(err as Error).message}`);
  }
}
