// Where the database URL comes from, and turning SQLAlchemy-style URLs into ones `pg` understands.
//
// Order (DESIGN.md "Database"): the editor setting (its password comes separately from VS Code's
// SecretStorage, so it never sits in settings.json), then DATABASE_URL, then alembic.ini's sqlalchemy.url.

import * as path from 'node:path';
import { readTextIfAny } from '../fileRead';
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

const MAX_INI_BYTES = 1024 * 1024;

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
  const normalised = url.replace(SQLALCHEMY_POSTGRES, 'postgresql://');
  const problem = urlProblem(normalised);
  if (problem) throw new UrlError(`The database URL cannot be used: ${problem}.`);
  return normalised;
}

/**
 * What is wrong with a URL that will not parse, said without quoting it (it may hold a password). The
 * connection library would otherwise fail later with a bare "Invalid URL" and a stack trace. It accepts
 * what that library accepts: an empty host before the path (`postgresql://app@/db`, the local socket),
 * and an unencoded @ in the password, which URLs read up to the last @.
 */
function urlProblem(url: string): string | undefined {
  if (parses(url) || parses(url.replace('@/', '@localhost/'))) return undefined;
  const rest = url.slice('postgresql://'.length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[') && !host.includes(']')) return 'the IPv6 address in brackets has no closing "]"';
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && Number(port) > 65535) return `port ${port} is not a port number (1 to 65535)`;
  return 'it is not a valid URL (expected postgresql://user:password@host:5432/dbname; percent-encode /, ? and # in the user name and password, # as %23)';
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
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
  const text = readTextIfAny(iniPath, MAX_INI_BYTES);
  if (text === undefined) return undefined;
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
