import { LedgerError } from '../core/review/ledger';
import { isDatabaseFailure, DATABASE_USAGE } from './commands/database';
import { check } from './commands/check';
import { PREFLIGHT_USAGE } from './commands/preflight';
import { parity } from './commands/parity';
import { snapshot } from './commands/snapshot';
import type { CliIo } from './io';
import { UsageError } from '../core/walk';

export type { CliIo } from './io';

const USAGE = `Usage:
  migration-guard check [PATH...] [options]     check migrations
  migration-guard parity [PROJECT] [database]   compare the database's tables with the models
  migration-guard snapshot [database] [-o FILE] write the schema to a file for offline checks

check: checks migration files (Alembic, SQL: Flyway, golang-migrate, goose, dbmate, Prisma) for
operations that destroy data, break running code or lock tables. Directories are walked; migrations
are found by location (alembic.ini's script_location, versions/, migrations/) and content. The models
of the project (alembic.ini or manage.py above the files) are read statically; with a database, each
data-loss finding also says how many rows it destroys.

Options (check):
  --format text|json|sarif|github   output format (default: text)
  --fail-on error|warning|never     exit 1 when a finding is at least this severe (default: error)
  --no-downgrades                   do not check downgrade/down sections
  --dialect postgres|mysql|sqlite   SQL dialect (default: from alembic.ini, flyway.conf or Prisma's
                                    migration_lock.toml; else postgres)
  --require-review                  exit 1 when a migration that destroys data has no valid sign-off in
                                    .migration-review.json at the repository root (signed off in the
                                    VS Code sidebar, and unchanged since)
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

${DATABASE_USAGE}

${PREFLIGHT_USAGE}

Exit codes: 0 no findings at or above --fail-on (parity: nothing autogenerate would drop), 1 findings
(or, with --require-review, a migration without a valid sign-off), 2 usage or internal error, or the
database or the review ledger could not be read.`;

const COMMANDS: Record<string, (args: string[], io: CliIo, usage: string) => Promise<number>> = { check, parity, snapshot };

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest, io, USAGE);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`migration-guard: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (isDatabaseFailure(err) || err instanceof LedgerError) {
      io.stderr(`migration-guard: ${err.message}\n`);
      return 2;
    }
    io.stderr(`migration-guard: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 2;
  }
}
