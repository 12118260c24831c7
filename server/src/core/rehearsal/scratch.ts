// The scratch database a rehearsal changes: a fresh in-memory PGlite (the default, nothing to install), or a
// disposable PostgreSQL the user names. A named one is refused when it already holds user tables (it is
// somebody's data, not a scratch database) or is the database the project is configured with.

import type { PGlite } from '@electric-sql/pglite';
import type { Client } from 'pg';
import { DbError, toDbError, type ErrorContext } from '../db/errors';
import { describeTarget, normaliseUrl, passwordOf } from '../db/url';

export interface Scratch {
  /** `an embedded PostgreSQL (PGlite)`, `postgres@localhost:5433/scratch`: never a password. */
  readonly description: string;
  /** Runs one statement (or a script) with the simple protocol, as psql would. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export class RehearsalError extends Error {}

export async function openPgliteScratch(): Promise<Scratch> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create();
  return {
    description: 'an embedded PostgreSQL (PGlite)',
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: async () => {
      if (!db.closed) await db.close();
    },
  };
}

/**
 * A disposable PostgreSQL. `configured` is the project's own database URL, if any: the same database is
 * never used, whatever the spelling of the URL.
 */
export async function openPgScratch(rawUrl: string, configured?: string): Promise<Scratch> {
  const url = normaliseUrl(rawUrl);
  const target = describeTarget(url);
  if (configured !== undefined && sameDatabase(describeTarget(normaliseUrl(configured)), target)) {
    throw new RehearsalError(`--scratch-url names the configured database (${target}); a rehearsal changes its scratch database, so it must be a different, disposable one.`);
  }
  const ctx: ErrorContext = { target, secrets: [passwordOf(url) ?? '', url], connectTimeoutMs: 5000, statementTimeoutMs: 0 };
  const { Client: PgClient } = await import('pg');
  const client: Client = new PgClient({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'migration-guard-rehearsal' });
  client.on('error', () => undefined);
  const run = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      return (await client.query(sql, params)).rows as T[];
    } catch (err) {
      throw rethrow(err, ctx);
    }
  };
  try {
    await client.connect();
  } catch (err) {
    throw toDbError(err, ctx);
  }
  const [held] = await run<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
  );
  if ((held?.n ?? 0) > 0) {
    await client.end().catch(() => undefined);
    throw new RehearsalError(`--scratch-url ${target} already holds ${held.n} table(s); a rehearsal needs an empty, disposable database (create one with createdb, or drop its tables).`);
  }
  return {
    description: target,
    exec: async (sql) => void (await run(sql)),
    query: run,
    close: () => client.end().catch(() => undefined),
  };
}

/** host:port/database decide; the user one connects as does not make it another database. */
function sameDatabase(a: string, b: string): boolean {
  const place = (t: string) => t.slice(t.lastIndexOf('@') + 1).toLowerCase();
  return place(a) === place(b);
}

/** The database's own error (message, position) survives; connection failures become DbError sentences. */
function rethrow(err: unknown, ctx: ErrorContext): unknown {
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08')) return err;
  const mapped = toDbError(err, ctx);
  return mapped instanceof DbError ? mapped : err;
}
