// Where the database URL comes from, and turning SQLAlchemy-style URLs into ones `pg` understands.
//
// Order (DESIGN.md "Database"): the editor setting (its password comes separately from VS Code's
// SecretStorage, so it never sits in settings.json), then DATABASE_URL, then alembic.ini's sqlalchemy.url.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { iniValue } from '../ini';

/**
 * The server/CLI side of the connection settings. The language server receives it as
 * `initializationOptions.database` and in `workspace/didChangeConfiguration` as `migrationGuard.database`:
 *
 *   { "url": "postgresql://app@db.internal:5432/projects",   // migrationGuard.databaseUrl, no password
 *     "password": "...",                                      // from SecretStorage, never persisted
 *     "connectTimeoutMs": 5000, "statementTimeoutMs": 5000,
 *     "snapshotFile": "schema.json" }                          // offline CI: use a snapshot instead
 */
export interface DatabaseSettings {
  url?: string;
  password?: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  snapshotFile?: string;
}

export type UrlOrigin = 'setting' | 'DATABASE_URL' | 'alembic.ini';

export interface ResolvedUrl {
  /** Normalised to postgresql://, password included: pass it to a source, never print it. */
  url: string;
  from: UrlOrigin;
}

export class UrlError extends Error {}

const SQLALCHEMY_POSTGRES = /^(?:postgres|postgresql)(?:\+[a-z0-9_]+)?:\/\//i;
// alembic.ini's template value: a placeholder, not a database.
const TEMPLATE_URL = /^driver:\/\//;

/** `postgresql+psycopg2://`, `postgres://`, `postgresql+asyncpg://` ... -> `postgresql://`. */
export function normaliseUrl(raw: string): string {
  const url = raw.trim();
  if (!SQLALCHEMY_POSTGRES.test(url)) {
    const scheme = /^([a-z0-9+.-]+):/i.exec(url)?.[1];
    throw new UrlError(scheme
      ? `Migration Guard reads PostgreSQL databases only; this URL is for "${scheme}".`
      : 'The database URL must start with postgresql:// (for example postgresql://user@host:5432/dbname).');
  }
  return url.replace(SQLALCHEMY_POSTGRES, 'postgresql://');
}

/** The URL with its password replaced by ***, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** `user@host:port/db`: what a message names when it names the target. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${host}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the database';
  }
}

export function passwordOf(url: string): string | undefined {
  try {
    const pw = new URL(url).password;
    return pw ? decodeURIComponent(pw) : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the SecretStorage password into a URL that was configured without one. */
export function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const u = new URL(url);
  if (!u.password) u.password = password;
  return u.toString();
}

/**
 * Reads `sqlalchemy.url` from the [alembic] section, with configparser's `%(here)s` and `%%`.
 * undefined when there is no such key or it is the template's `driver://...` placeholder.
 */
export function alembicIniUrl(iniPath: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(iniPath, 'utf8');
  } catch {
    return undefined;
  }
  const value = iniValue(text, 'alembic', 'sqlalchemy.url');
  if (!value) return undefined;
  const url = value.replace(/%\(here\)s/g, path.dirname(iniPath)).replace(/%%/g, '%');
  return TEMPLATE_URL.test(url) ? undefined : url;
}

/** Picks the URL by the documented order; undefined when none is configured. */
export function resolveDatabaseUrl(opts: { settings?: DatabaseSettings; env?: NodeJS.ProcessEnv; alembicIni?: string }): ResolvedUrl | undefined {
  const { settings, env = process.env, alembicIni } = opts;
  if (settings?.url) return { url: withPassword(normaliseUrl(settings.url), settings.password), from: 'setting' };
  if (env.DATABASE_URL) return { url: normaliseUrl(env.DATABASE_URL), from: 'DATABASE_URL' };
  const fromIni = alembicIni ? alembicIniUrl(alembicIni) : undefined;
  if (fromIni) return { url: normaliseUrl(fromIni), from: 'alembic.ini' };
  return undefined;
}
