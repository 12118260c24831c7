// The SQL of a Django migration, from Django itself: `manage.py shell -c` with the calls `manage.py
// sqlmigrate <app> <name>` (and `--backwards`) makes (MigrationLoader.collect_sql), for this migration and,
// when no schema is configured, for every migration it depends on, in the order `migrate` runs them. That
// imports the project's settings and apps, i.e. runs project code, so the caller only comes here when the user
// allowed it; the run has a timeout. What would reach the project's database is left out: its address (a
// migration whose SQL needs the database's constraint names is refused with a sentence), the transaction
// around the collected SQL, and reading which migrations it applied (the plan starts from an empty database).
// RunPython code is not run (collect_sql leaves it out; a note says so).

import * as path from 'node:path';
import { PROJECT_CODE_TIMEOUT_MS, ProjectCodeError, runProjectPython } from './alembic';

export interface DjangoSql {
  /** `manage.py sqlmigrate shop 0002_drop_legacy`, for messages. */
  command: string;
  up: string;
  down: string;
  /** false for `atomic = False` migrations: each statement commits on its own. */
  atomic: boolean;
  /** Every migration this one depends on, from an empty database (undefined when not asked for). */
  earlier?: string;
  earlierCount: number;
  /** Operations of this migration that are Python, not SQL (RunPython): collect_sql does not run them. */
  runPython: number;
}

const SCRIPT = `
import json, os, sys
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# Nothing reaches the project's database: its address is replaced by a socket that does not exist, no
# transaction is opened around the collected SQL, and the applied migrations are not read.
connection = connections[DEFAULT_DB_ALIAS]
connection.settings_dict.update({"HOST": "/nonexistent/migration-guard", "PORT": "", "NAME": "none", "USER": "", "PASSWORD": ""})
connection.features.can_rollback_ddl = False
MigrationRecorder.applied_migrations = lambda self: {}

target = os.path.realpath(os.environ["MG_MIGRATION"])
loader = MigrationLoader(connection, replace_migrations=False)
key = None
for k, migration in loader.disk_migrations.items():
    module = sys.modules.get(type(migration).__module__)
    if module is not None and os.path.realpath(getattr(module, "__file__", "") or "") == target:
        key = k
if key is None:
    sys.stderr.write("MG-NOT-INSTALLED\\n")
    sys.exit(3)
node = loader.graph.nodes[key]
plan = [k for k in loader.graph.forwards_plan(key) if k != key]
try:
    earlier = "\\n".join(loader.collect_sql([(loader.graph.nodes[k], False) for k in plan])) if os.environ.get("MG_EARLIER") == "1" else None
    up = "\\n".join(loader.collect_sql([(node, False)]))
    down = "\\n".join(loader.collect_sql([(node, True)]))
except DatabaseError:
    sys.stderr.write("MG-NEEDS-DATABASE\\n")
    sys.exit(4)
print(json.dumps({"app": key[0], "name": key[1], "up": up, "down": down, "atomic": bool(node.atomic), "earlier": earlier, "earlierCount": len(plan)}))
`;

export async function djangoSql(managePy: string, migrationFile: string, python: string, wantEarlier: boolean, timeoutMs = PROJECT_CODE_TIMEOUT_MS): Promise<DjangoSql> {
  const cwd = path.dirname(managePy);
  const label = `${python} manage.py shell -c <sqlmigrate>`;
  let stdout: string;
  try {
    stdout = await runProjectPython(python, [managePy, 'shell', '-c', SCRIPT], {
      cwd,
      timeoutMs,
      label,
      missing: /Couldn't import Django|No module named '?django'?$/m,
      install: `${python} cannot import Django; install it in the project's environment ("${python} -m pip install django", or on Debian "apt-get install python3-django"), or create the project's .venv`,
      env: { MG_MIGRATION: migrationFile, MG_EARLIER: wantEarlier ? '1' : '0' },
    });
  } catch (err) {
    if (err instanceof ProjectCodeError && err.message.endsWith('MG-NOT-INSTALLED')) {
      throw new ProjectCodeError(`Django does not load this migration: its app is not in INSTALLED_APPS of the settings manage.py uses`);
    }
    if (err instanceof ProjectCodeError && err.message.endsWith('MG-NEEDS-DATABASE')) {
      throw new ProjectCodeError(
        "Django asks the database for part of this migration's SQL (the names of existing constraints, for an AlterField or a foreign key's RemoveField), and the rehearsal keeps Django away from the project's database, so this migration cannot be rehearsed yet",
      );
    }
    throw err;
  }
  const out = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{') + 1)) as { app: string; name: string; up: string; down: string; atomic: boolean; earlier: string | null; earlierCount: number };
  return {
    command: `manage.py sqlmigrate ${out.app} ${out.name}`,
    up: out.up,
    down: out.down,
    atomic: out.atomic,
    ...(out.earlier !== null ? { earlier: out.earlier } : {}),
    earlierCount: out.earlierCount,
    // Django writes this comment in place of each RunPython (and other Python-only) operation it did not run.
    runPython: out.up.split('-- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL').length - 1,
  };
}

/** Findings about SQL Django generated point at the migration's `operations = [` line (else `class Migration`). */
export function operationsRange(text: string): { start: number; end: number } {
  const m = /^[ \t]*operations[ \t]*=[^\n]*/m.exec(text) ?? /^class Migration\b[^\n]*/m.exec(text);
  if (!m) return { start: 0, end: Math.max(0, text.indexOf('\n')) };
  const start = m.index + m[0].length - m[0].trimStart().length;
  return { start, end: m.index + m[0].length };
}
