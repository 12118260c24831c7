// The database options every command shares, and loading ProjectFacts (model index + schema) for a
// project before analysis.

import * as path from 'node:path';
import { DbError } from '../../core/db/errors';
import { openSchemaSource, type SourceSpec } from '../../core/db/open';
import type { SchemaSource } from '../../core/db/schemaSource';
import { SnapshotError } from '../../core/db/snapshot';
import { normaliseUrl, resolveDatabaseUrl, UrlError } from '../../core/db/url';
import { ignoredOptionsMessage, sessionUrl } from '../../core/db/urlOptions';
import { UsageError } from '../../core/walk';
import type { CliIo } from '../io';

export const DATABASE_OPTIONS = {
  'database-url': { type: 'string' },
  database: { type: 'boolean', default: false },
  'schema-snapshot': { type: 'string' },
  'embedded-seed': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'statement-timeout': { type: 'string' },
} as const;

export const DATABASE_USAGE = `Database (read-only; never writes):
  --database-url URL                PostgreSQL URL (postgresql+psycopg2:// and similar are accepted)
  --database                        use DATABASE_URL, else alembic.ini's sqlalchemy.url
  --schema-snapshot FILE            use a schema snapshot written by \`migration-guard snapshot\`
  --embedded-seed FILE              load a SQL script into an embedded PostgreSQL (PGlite) and use that
  --connect-timeout MS              give up connecting after MS milliseconds (default: 5000)
  --statement-timeout MS            cancel any query running longer than MS milliseconds (default: 5000)`;

export interface DatabaseValues {
  'database-url'?: string;
  database?: boolean;
  'schema-snapshot'?: string;
  'embedded-seed'?: string;
  'connect-timeout'?: string;
  'statement-timeout'?: string;
}

/** Failures the user can fix (connection, snapshot, URL): exit 2 with the message alone. */
export function isDatabaseFailure(err: unknown): err is Error {
  return err instanceof DbError || err instanceof SnapshotError || err instanceof UrlError;
}

function milliseconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a whole number of milliseconds, not "${value}"`);
  return n;
}

/**
 * Which source the flags ask for; undefined when none (or, with `required`, from DATABASE_URL and then
 * alembic.ini, as `--database` does).
 */
export function sourceSpec(values: DatabaseValues, io: CliIo, alembicIni: string | undefined, required: boolean): SourceSpec | undefined {
  const chosen = [values['database-url'] !== undefined, values.database, values['schema-snapshot'] !== undefined, values['embedded-seed'] !== undefined].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('use only one of --database-url, --database, --schema-snapshot and --embedded-seed');
  const timeouts = {
    connectTimeoutMs: milliseconds(values['connect-timeout'], '--connect-timeout'),
    statementTimeoutMs: milliseconds(values['statement-timeout'], '--statement-timeout'),
  };
  if (values['schema-snapshot'] !== undefined) return { kind: 'snapshot', file: path.resolve(io.cwd, values['schema-snapshot']) };
  if (values['embedded-seed'] !== undefined) return { kind: 'seed', file: path.resolve(io.cwd, values['embedded-seed']) };
  if (values['database-url'] !== undefined) return urlSpec(normaliseUrl(values['database-url']), timeouts, io);
  if (!values.database && !required) return undefined;
  const resolved = resolveDatabaseUrl({ env: io.env ?? process.env, alembicIni });
  if (!resolved) {
    throw new UsageError('no database configured: pass --database-url, set DATABASE_URL, or set sqlalchemy.url in alembic.ini (or use --schema-snapshot / --embedded-seed)');
  }
  return urlSpec(resolved.url, timeouts, io);
}

function urlSpec(url: string, timeouts: { connectTimeoutMs?: number; statementTimeoutMs?: number }, io: CliIo): SourceSpec {
  const ignored = ignoredOptionsMessage(sessionUrl(url).ignored);
  if (ignored) io.stderr(`migration-guard: ${ignored}\n`);
  return { kind: 'url', url, ...timeouts };
}

export async function withSource<T>(spec: SourceSpec, use: (source: SchemaSource) => Promise<T>): Promise<T> {
  const source = await openSchemaSource(spec);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
