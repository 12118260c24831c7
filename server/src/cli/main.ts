import { BaselineError } from '../core/applied/baseline';
import { LedgerError } from '../core/review/ledger';
import { isDatabaseFailure, DATABASE_USAGE } from './commands/database';
import { ChangedFilesError } from './changed';
import { baseline } from './commands/baseline';
import { check } from './commands/check';
import { PREFLIGHT_USAGE } from './commands/preflight';
import { parity } from './commands/parity';
import { rehearseCommand } from './commands/rehearse';
import { snapshot } from './commands/snapshot';
import type { CliIo } from './io';
import { failureDocument } from './failure';
import { UsageError } from '../core/walk';

export type { CliIo } from './io';

const USAGE = `Usage:
  migration-guard check [PATH...] [options]     check migrations
  migration-guard parity [PROJECT] [database]   compare the database's tables with the models
  migration-guard snapshot [database] [-o FILE] write the schema to a file for offline checks
  migration-guard baseline [PATH...] [-o FILE]  record the migrations that exist now as applied
  migration-guard rehearse [PATH...] [options]  run each SQL migration and its down migration on a
                                                scratch database, and report what really happened

check: checks migration files (Alembic, SQL: Flyway, golang-migrate, goose, dbmate, Prisma) for
operations that destroy data, break running code or lock tables. Directories are walked; migrations
are found by location (alembic.ini's script_location, versions/, migrations/) and content. The models
of the project (alembic.ini or manage.py above the files) are read statically; with a database, each
data-loss finding also says how many rows it destroys.

Options (check):
  --format FORMAT                   text (default), json, sarif, github (workflow annotations),
                                    markdown (a pull-request comment) or gitlab (Code Quality report)
  --fail-on error|warning|never     exit 1 when a finding is at least this severe (default: error)
  --no-downgrades                   do not check downgrade/down sections
  --dialect postgres|mysql|sqlite|clickhouse
                                    SQL dialect (default: from alembic.ini, flyway.conf or Prisma's
                                    migration_lock.toml, the file's or folder's name, ClickHouse DDL;
                                    else postgres)
  --require-review                  exit 1 when a migration that destroys data has no valid sign-off in
                                    .migration-review.json at the repository root (signed off in the
                                    VS Code sidebar, and unchanged since)
  --changed-since REF               check only the migrations added or changed since the merge base of
                                    REF and HEAD, committed or not (the others are still read as
                                    their history); needs a git repository
  --include-applied                 count findings in migrations that have already run (by default they
                                    are hints: the database's history table says so, or the baseline)
  --no-color                        plain text output
  --jobs N                          analyse on N threads (default: chosen from the files'
                                    sizes and the cores; 1 = this thread only)
  --cache                           reuse the results of earlier runs for files whose content, neighbours,
                                    options and project facts are unchanged (kept in
                                    .migration-guard-cache.json; --cache-location FILE to move it)
  -h, --help                        show this help

parity: lists tables with no model (autogenerate would drop them), models with no table, models
autogenerate cannot see (never imported from env.py) and tables that match. --format text|json.
Without a database option it uses DATABASE_URL, then alembic.ini's sqlalchemy.url.

snapshot: writes the tables, columns, keys and row estimates as JSON (stdout, or -o FILE), for
\`check --schema-snapshot FILE\` in CI without access to the database.

baseline: records every migration under PATH (default: .) with its content hash in
.migration-guard-baseline.json at the repository root. Without a database, check treats a migration
recorded there with unchanged content as applied, and reports an edited one (edited-after-apply).

rehearse: runs each SQL migration, statement by statement, then its down migration, on a scratch
database (an embedded PostgreSQL, or --scratch-url URL: an empty, disposable PostgreSQL, never the
configured one) brought to the schema it runs against: a copy of the database's or snapshot's schema
(read-only) when one is given, else the migrations before it replayed in run order. Reports
rehearsal-failed, cascade-drop and downgrade-not-restoring (--format as for check; exit 1 on errors).
  --rows N                          synthetic rows per table (default: 3)
  --scratch-url URL                 rehearse on this empty PostgreSQL database instead of PGlite
  --allow-project-code              rehearse Alembic and Django migrations: runs alembic --sql (imports
                                    env.py) or Django's sqlmigrate calls (imports settings and apps)
  --sample N                        copy up to N real rows per table from the configured database
                                    (read-only, kept in memory) instead of synthetic rows
  --statement-timeout S             stop a statement after S seconds (default: 30; a lock wait counts)
  --rehearsal-budget S              stop a migration's rehearsal after S seconds (default: 300)
check --rehearse (with the options above) adds these findings to check's.

${DATABASE_USAGE}

${PREFLIGHT_USAGE}

Exit codes: 0 no findings at or above --fail-on (parity: nothing autogenerate would drop), 1 findings
(or, with --require-review, a migration without a valid sign-off), 2 usage or internal error, or the
database or the review ledger could not be read.`;

const COMMANDS: Record<string, (args: string[], io: CliIo, usage: string) => Promise<number>> = { check, parity, snapshot, baseline, rehearse: rehearseCommand };

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  let wroteOutput = false;
  const tracked: CliIo = { ...io, stdout: (s) => ((wroteOutput = true), io.stdout(s)) };
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest, tracked, USAGE);
  } catch (err) {
    const message = failureMessage(err);
    // One line, so a CI log shows the failure rather than a page of usage; --help has the page.
    const help = err instanceof UsageError || isParseArgsError(err) ? ' (migration-guard --help lists the options)' : '';
    io.stderr(`migration-guard: ${message}${help}\n`);
    const document = wroteOutput ? undefined : failureDocument(command, rest, message);
    if (document) io.stdout(document);
    return 2;
  }
}

function isParseArgsError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
}

/** One sentence. A failure we did not foresee keeps its message but not its stack, unless asked for. */
function failureMessage(err: unknown): string {
  if (err instanceof UsageError || isParseArgsError(err) || isDatabaseFailure(err) || err instanceof LedgerError || err instanceof ChangedFilesError || err instanceof BaselineError) return (err as Error).message;
  const detail = err instanceof Error ? err.message : String(err);
  const stack = process.env.MIGRATION_GUARD_DEBUG && err instanceof Error ? `\n${err.stack}` : '';
  return `internal error: ${detail} (this is a bug in Migration Guard; MIGRATION_GUARD_DEBUG=1 shows where it happened)${stack}`;
}
