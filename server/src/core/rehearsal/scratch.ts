// The scratch database a rehearsal changes: a fresh in-memory PGlite (the default, nothing to install), or a
// disposable PostgreSQL the user names. A named one is refused when it already holds user tables (it is
// somebody's data, not a scratch database) or is the database the project is configured with.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Client } from 'pg';
import { DbError, toDbError, type ErrorContext } from '../db/errors';
import { describeTarget, normaliseUrl, passwordOf } from '../db/url';
import { DEFAULT_LIMITS, timeoutError, type ScratchLimits, type WorkerReply, type WorkerRequest } from './scratchProtocol';

export interface Scratch {
  /** `an embedded PostgreSQL (PGlite)`, `postgres@localhost:5433/scratch`: never a password. */
  readonly description: string;
  /** Runs one statement (or a script) with the simple protocol, as psql would. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export class RehearsalError extends Error {}

/** A fresh in-memory PGlite in a worker thread of its own (pgliteWorker.ts), so an overrunning statement can be stopped. */
export async function openPgliteScratch(limits: ScratchLimits = DEFAULT_LIMITS): Promise<Scratch> {
  // The budget starts once PGlite is up: a slow start on a busy machine is not the migration's time.
  let deadline = Infinity;
  const worker = startWorker();
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: unknown) => void }>();
  let lost: Error | undefined;
  let next = 1;
  const fail = (err: Error) => {
    lost ??= err;
    for (const p of pending.values()) p.reject(lost);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) p?.reject(Object.assign(new Error(reply.error.message), reply.error));
    else p?.resolve(reply.rows);
  });
  worker.on('error', (err) => fail(new RehearsalError(`the embedded PostgreSQL (PGlite) stopped: ${err.message}`)));
  worker.on('exit', () => fail(new RehearsalError('the embedded PostgreSQL (PGlite) stopped')));
  const ready = new Promise<unknown[]>((resolve, reject) => pending.set(0, { resolve, reject }));
  // A start-up failure is reported by the first statement sent.
  ready.then(() => (deadline = Date.now() + limits.budgetMs)).catch(() => undefined);
  const send = async (req: Omit<WorkerRequest, 'id'>): Promise<unknown[]> => {
    await ready;
    if (lost) throw lost;
    const id = next++;
    const budget = deadline - Date.now() < limits.statementMs;
    return await new Promise<unknown[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        // PGlite cannot be interrupted: the thread goes, and the scratch database with it.
        fail(timeoutError(limits, budget, true));
        void worker.terminate();
      }, Math.max(0, Math.min(limits.statementMs, deadline - Date.now())));
      const settle = <A>(f: (a: A) => void) => (a: A) => {
        clearTimeout(timer);
        f(a);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ ...req, id } satisfies WorkerRequest);
    });
  };
  return {
    description: 'an embedded PostgreSQL (PGlite)',
    exec: async (sql) => void (await send({ kind: 'exec', sql })),
    query: async <T>(sql: string, params?: unknown[]) => (await send({ kind: 'query', sql, params })) as T[],
    close: async () => {
      lost ??= new RehearsalError('the scratch database is closed');
      await worker.terminate();
    },
  };
}

/** The bundled worker next to the bundle (out/rehearsalWorker.js); from the sources (tests), the .ts file through tsx. */
function startWorker(): Worker {
  const bundled = path.join(__dirname, 'rehearsalWorker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled);
  const source = path.join(__dirname, 'pgliteWorker.ts');
  // createRequire keeps esbuild from resolving tsx, which only the sources need.
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * A disposable PostgreSQL. `configured` is the project's own database URL, if any: the same database is
 * never used, whatever the spelling of the URL.
 */
export async function openPgScratch(rawUrl: string, configured?: string, limits: ScratchLimits = DEFAULT_LIMITS): Promise<Scratch> {
  const deadline = Date.now() + limits.budgetMs;
  const url = normaliseUrl(rawUrl);
  const target = describeTarget(url);
  if (configured !== undefined && sameDatabase(describeTarget(normaliseUrl(configured)), target)) {
    throw new RehearsalError(`--scratch-url names the configured database (${target}); a rehearsal changes its scratch database, so it must be a different, disposable one.`);
  }
  const ctx: ErrorContext = { target, secrets: [passwordOf(url) ?? '', url], connectTimeoutMs: 5000, statementTimeoutMs: 0 };
  const { Client: PgClient } = await import('pg');
  const client: Client = new PgClient({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'migration-guard-rehearsal', statement_timeout: limits.statementMs });
  client.on('error', () => undefined);
  const run = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      return (await client.query(sql, params)).rows as T[];
    } catch (err) {
      throw rethrow(err, ctx);
    }
  };
  // The server stops a statement at statement_timeout (set for the session at connection, so no ROLLBACK
  // undoes it; a lock wait counts); the budget is checked before each statement, so a run ends at most one
  // statement timeout past it. The session survives a stopped statement.
  const limited = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
    if (Date.now() >= deadline) throw timeoutError(limits, true, false);
    try {
      return await run<T>(sql, params);
    } catch (err) {
      if ((err as { code?: string }).code === '57014') throw timeoutError(limits, false, false);
      throw err;
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
    exec: async (sql) => void (await limited(sql)),
    query: limited,
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
