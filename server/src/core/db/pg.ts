// A live PostgreSQL server through `pg`. The tool never writes: every session starts with
// default_transaction_read_only=on (checked, not assumed, because a connection pooler can drop startup
// options) and a statement timeout, so a schema read can neither change data nor hang behind a lock.

import type { Client } from 'pg';
import { boundedCount, readCatalog, type Queryable } from './catalog';
import { DbError, toDbError, type ErrorContext } from './errors';
import type { RowCount, SchemaSnapshot, SchemaSource, TableRef } from './schemaSource';
import { describeTarget, passwordOf, redactUrl } from './url';
import { sessionUrl } from './urlOptions';

export interface PgSourceOptions {
  /** postgresql://... (normalised; see url.ts). */
  url: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
// The client-side backstop fires after the server's own statement timeout had its chance, for a server
// or network that stops answering altogether.
const CLIENT_GRACE_MS = 2000;

/** One read-only session. Errors come out as DbError with the password scrubbed. */
export class PgSession implements Queryable {
  private broken: DbError | undefined;

  private constructor(private readonly client: Client, readonly ctx: ErrorContext) {}

  static async open(opts: PgSourceOptions): Promise<PgSession> {
    const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const statementTimeoutMs = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const password = passwordOf(opts.url);
    const ctx: ErrorContext = {
      target: describeTarget(opts.url),
      secrets: [password ?? '', opts.url],
      connectTimeoutMs,
      statementTimeoutMs,
    };
    // The URL's own timeouts and options would override ours inside `pg`, so they go (the CLI and the
    // language server say so: ignoredOptionsMessage).
    const { url, options } = sessionUrl(opts.url);
    // Loaded here, not at start-up: runs without a database never pay for the driver.
    const { Client: PgClient } = await import('pg');
    const client = new PgClient({
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      lock_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
      application_name: 'migration-guard',
      options: [...options, '-c default_transaction_read_only=on'].join(' '),
    });
    const session = new PgSession(client, ctx);
    // Without a listener, a connection the server drops while idle would crash the process.
    client.on('error', (err) => {
      session.broken = toDbError(err, ctx);
    });
    try {
      await client.connect();
      await session.ensureReadOnly();
    } catch (err) {
      await session.close();
      throw toDbError(err, ctx);
    }
    return session;
  }

  private async ensureReadOnly(): Promise<void> {
    const readOnly = async () => (await this.query<{ ro: string }>(`SELECT current_setting('default_transaction_read_only') AS ro`))[0]?.ro === 'on';
    if (await readOnly()) return;
    await this.query('SET SESSION default_transaction_read_only = on');
    if (!(await readOnly())) throw new DbError('read-only', `Could not make the session on ${this.ctx.target} read-only, so Migration Guard did not read from it.`);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    if (this.broken) throw this.broken;
    try {
      const result = await this.client.query(sql, params);
      return result.rows as T[];
    } catch (err) {
      throw toDbError(err, this.ctx);
    }
  }

  async close(): Promise<void> {
    // end() waits for the server's goodbye; a dead server never sends it.
    await Promise.race([this.client.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

export class PgSchemaSource implements SchemaSource, Queryable {
  readonly description: string;

  private constructor(private readonly session: PgSession, url: string) {
    this.description = redactUrl(url).replace(/:\*\*\*@/, '@');
  }

  static async connect(opts: PgSourceOptions): Promise<PgSchemaSource> {
    return new PgSchemaSource(await PgSession.open(opts), opts.url);
  }

  read(): Promise<SchemaSnapshot> {
    return readCatalog(this.session, this.description);
  }

  /** Read-only queries on the same session (preflight). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.session.query<T>(sql, params);
  }

  countRows(table: TableRef, limit: number): Promise<RowCount> {
    return boundedCount(this.session, table, limit);
  }

  countNonNull(table: TableRef, column: string, limit: number): Promise<RowCount> {
    return boundedCount(this.session, table, limit, column);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
