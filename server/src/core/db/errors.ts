// Database failures as plain sentences. Every message goes through `scrub`, so a password can never
// reach the terminal, the editor or a log, whatever the driver put in its own message.

export type DbErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'auth'
  | 'no-database'
  | 'closed'
  | 'statement-timeout'
  | 'permission'
  | 'read-only'
  | 'other';

export class DbError extends Error {
  constructor(readonly kind: DbErrorKind, message: string) {
    super(message);
    this.name = 'DbError';
  }
}

export interface ErrorContext {
  /** `user@host:port/db`, from describeTarget(). */
  target: string;
  /** Strings that must never appear in a message: the password, the full URL. */
  secrets: string[];
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

interface DriverError {
  code?: string;
  message?: string;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) {
    if (!s) continue;
    out = out.split(s).join('***');
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join('***');
  }
  return out;
}

/** Maps an error from `pg` or PGlite (node socket errors, SQLSTATE codes, driver messages) to a DbError. */
export function toDbError(err: unknown, ctx: ErrorContext): DbError {
  if (err instanceof DbError) return new DbError(err.kind, scrub(err.message, ctx.secrets));
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as DriverError;
  const raw = e.message ?? String(err);
  const [kind, message] = classify(e.code, raw, ctx);
  return new DbError(kind, scrub(message, ctx.secrets));
}

function classify(code: string | undefined, raw: string, ctx: ErrorContext): [DbErrorKind, string] {
  const t = ctx.target;
  switch (code) {
    case 'ECONNREFUSED':
      return ['unreachable', `Could not connect to ${t}: the connection was refused. Is PostgreSQL running there and accepting TCP connections?`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['unreachable', `Could not connect to ${t}: the host name does not resolve.`];
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return ['unreachable', `Could not connect to ${t}: the host is unreachable from this machine.`];
    case 'ETIMEDOUT':
      return ['timeout', `Could not connect to ${t}: no answer within ${seconds(ctx.connectTimeoutMs)}.`];
    case 'ECONNRESET':
    case 'EPIPE':
    case '57P01':
    case '57P02':
    case '57P03':
      return ['closed', `The database server at ${t} closed the connection while Migration Guard was reading the schema (${firstLine(raw)}). Nothing was changed; run the check again.`];
    case '28P01':
      return ['auth', `Password authentication failed for ${t}. Check the user name and the password (in VS Code: "Migration Guard: Set Database Password").`];
    case '28000':
      return ['auth', `The server at ${t} does not accept this connection: ${firstLine(raw)}.`];
    case '3D000':
      return ['no-database', `The database in ${t} does not exist on that server.`];
    case '57014':
      return ['statement-timeout', `A query to ${t} ran longer than the statement timeout (${seconds(ctx.statementTimeoutMs)}) and was cancelled; a lock held by a running migration can cause this. Raise statementTimeoutMs or run the check again.`];
    case '55P03':
      return ['statement-timeout', `A query to ${t} waited longer than ${seconds(ctx.statementTimeoutMs)} for a lock and was cancelled; a running migration or a long transaction holds the table. Run the check again when it has finished.`];
    case '42501':
      return ['permission', `The database user may not read part of the schema on ${t}: ${firstLine(raw)}.`];
    case '25006':
      return ['read-only', `The server refused a write because the session is read-only (Migration Guard never writes): ${firstLine(raw)}.`];
  }
  if (/connection timeout|timeout expired/i.test(raw)) {
    return ['timeout', `Could not connect to ${t}: no answer within ${seconds(ctx.connectTimeoutMs)}.`];
  }
  if (/query read timeout/i.test(raw)) {
    return ['statement-timeout', `A query to ${t} got no answer within ${seconds(ctx.statementTimeoutMs)}; the server or the network is not responding.`];
  }
  if (/terminated|closed|ended|not queryable/i.test(raw)) {
    return ['closed', `The database server at ${t} closed the connection while Migration Guard was reading the schema. Nothing was changed; run the check again.`];
  }
  return ['other', `Reading the schema from ${t} failed: ${firstLine(raw)}.`];
}

function firstLine(s: string): string {
  const line = s.split('\n')[0];
  // A loop, not /[.\s]+$/, which backtracks quadratically on a long run of spaces.
  let end = line.length;
  while (end > 0 && (line[end - 1] === '.' || line[end - 1].trim() === '')) end--;
  return line.slice(0, end);
}
