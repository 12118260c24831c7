import type { Framework } from './ops';

// Indentation is [ \t\f]*, not \s*: under /m, \s* runs across blank lines and backtracks over each of them.
const DJANGO = /^[ \t\f]*class\s+\w+\s*\(\s*(?:migrations\.)?Migration\s*\)\s*:/m;
const ALEMBIC_UPGRADE = /^(?:async\s+)?def\s+upgrade\w*\s*\(/m;
const ALEMBIC_MARKERS = /^[ \t\f]*(?:from\s+alembic\b|import\s+alembic\b|revision\s*(?::\s*\w+\s*)?=|down_revision\s*(?::[^=]+)?=)/m;

/** Which frontend reads this file, by extension and content; undefined when it is not a migration. */
export function detectFramework(path: string, text: string): Framework | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sql')) return 'sql';
  if (!lower.endsWith('.py')) return undefined;
  // The word first: a multi-line pattern tries every line start of a file that cannot match.
  if (text.includes('Migration') && DJANGO.test(text) && /\bdjango\b/.test(text)) return 'django';
  if (ALEMBIC_UPGRADE.test(text) && ALEMBIC_MARKERS.test(text)) return 'alembic';
  return undefined;
}

/**
 * A file the user named (on the command line): its extension decides when it has one of ours; otherwise
 * (`check <(git show ...)` names /dev/fd/63, a script may be called V2__x.txt) its content does, and what
 * is not a Python migration is read as SQL, so a named file is always checked rather than skipped.
 */
export function detectNamedFramework(path: string, text: string): Framework | undefined {
  if (/\.(?:py|sql)$/i.test(path)) return detectFramework(path, text);
  return detectFramework(`${path}.py`, text) ?? 'sql';
}

// `versioned`: temporal_tables-style `schema/postgresql/v12/temporal/versioned/v1.0/*.sql`.
const SQL_DIRS = /(?:^|\/)(?:migrations?|migrate|versions|versioned|flyway|changelog)(?:\/|$)/i;
const SQL_NAMES = /(?:^|\/)(?:[VUR]\d[\w.]*__[^/]*|\d[^/]*|[^/]*\.(?:up|down)|migration)\.sql$/i;
const SQL_MARKERS = /^--\s*(?:\+goose\s+(?:Up|Down)|migrate:(?:up|down))\b/m;

/**
 * When walking a directory, a .sql file counts as a migration by its location (a migrations/ folder),
 * its name (Flyway V1__x.sql, 0001_x.up.sql, Prisma's migration.sql) or its goose/dbmate markers.
 */
export function isSqlMigration(relativePath: string, text: string): boolean {
  const p = relativePath.replace(/\\/g, '/');
  return SQL_DIRS.test(p) || SQL_NAMES.test(p) || SQL_MARKERS.test(text);
}
