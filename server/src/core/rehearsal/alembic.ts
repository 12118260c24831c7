// The SQL of an Alembic revision, from Alembic itself in offline mode (`alembic upgrade <down>:<rev> --sql`,
// `alembic downgrade <rev>:<down> --sql`). That imports the project's env.py, i.e. runs project code, so the
// caller only comes here when the user allowed it; the run has a timeout. The Python is the project's
// (.venv, venv), else python3 on PATH; when it cannot import Alembic, the error says so and how to fix it.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { revisionOf } from '../frontends/alembic';
import { lineOf } from './lines';
import type { Rehearsal } from './types';

export class ProjectCodeError extends Error {}

export const PROJECT_CODE_TIMEOUT_MS = 60_000;

/** The project's own interpreter: .venv or venv in the project's folder or a folder above it, else python3. */
export function findPython(projectDir: string): string {
  for (let dir = projectDir, depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
    for (const venv of ['.venv', 'venv']) {
      const python = process.platform === 'win32' ? path.join(dir, venv, 'Scripts', 'python.exe') : path.join(dir, venv, 'bin', 'python');
      if (fs.existsSync(python)) return python;
    }
    if (path.dirname(dir) === dir) break;
  }
  return 'python3';
}

export interface AlembicSql {
  revision: string;
  /** `alembic upgrade 0001:0002 --sql`, for messages. */
  command: string;
  up: string;
  down: string;
  /** Every earlier revision's upgrade, from an empty database (undefined for the first revision). */
  earlier?: string;
  earlierCommand?: string;
}

export async function alembicSql(iniPath: string, migrationText: string, python: string, wantEarlier: boolean, timeoutMs = PROJECT_CODE_TIMEOUT_MS): Promise<AlembicSql> {
  const revision = revisionOf(migrationText);
  if (!revision) throw new ProjectCodeError('this Alembic migration has no `revision = "..."` line, so its SQL cannot be asked for');
  if (revision.parents.length > 1) throw new ProjectCodeError(`revision ${revision.id} merges ${revision.parents.length} branches; rehearsing merge revisions is not supported`);
  const down = revision.parents[0];
  const run = (args: string[]) => alembic(iniPath, python, args, timeoutMs);
  const upRange = down ? `${down}:${revision.id}` : revision.id;
  return {
    revision: revision.id,
    command: `alembic upgrade ${upRange} --sql`,
    up: await run(['upgrade', upRange, '--sql']),
    down: await run(['downgrade', `${revision.id}:${down ?? 'base'}`, '--sql']),
    ...(wantEarlier && down ? { earlier: await run(['upgrade', down, '--sql']), earlierCommand: `alembic upgrade ${down} --sql` } : {}),
  };
}

function alembic(iniPath: string, python: string, args: string[], timeoutMs: number): Promise<string> {
  // `-m alembic` puts the project's folder on sys.path, as running `alembic` from there does for most projects.
  return runProjectPython(python, ['-m', 'alembic', '-c', iniPath, ...args], {
    cwd: path.dirname(iniPath),
    timeoutMs,
    label: `${python} -m alembic ${args.join(' ')}`,
    missing: /No module named '?alembic\b/,
    install: `${python} cannot import Alembic; install it in the project's environment ("${python} -m pip install alembic", or on Debian "apt-get install python3-alembic")`,
  });
}

/**
 * Runs the project's Python (project code: the caller has the user's permission) and returns its stdout. Its
 * failures become sentences: no Python, the tool not importable (`missing` on stderr), a timeout, the last
 * line of stderr.
 */
export function runProjectPython(python: string, argv: string[], how: { cwd: string; timeoutMs: number; label: string; missing: RegExp; install: string; env?: Record<string, string> }): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...how.env };
    execFile(python, argv, { cwd: how.cwd, timeout: how.timeoutMs, maxBuffer: 64 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return reject(new ProjectCodeError(`no Python was found (${python}); create the project's .venv, or install python3`));
      if (e.killed) return reject(new ProjectCodeError(`"${how.label}" did not finish within ${Math.round(how.timeoutMs / 1000)} s and was stopped`));
      if (how.missing.test(stderr)) return reject(new ProjectCodeError(how.install));
      const last = stderr.trim().split('\n').filter(Boolean).at(-1) ?? e.message;
      reject(new ProjectCodeError(`"${how.label}" failed in ${how.cwd}: ${last}`));
    });
  });
}

/** The line of `def upgrade`/`def downgrade`, where findings about SQL Alembic generated are shown. */
export function functionRange(text: string, name: 'upgrade' | 'downgrade'): { start: number; end: number } {
  const m = new RegExp(`^def ${name}\\b[^\\n]*`, 'm').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : { start: 0, end: Math.max(0, text.indexOf('\n')) };
}

/**
 * Findings about SQL that Alembic generated point at the function that generates it (`def upgrade`,
 * `def downgrade`), and their messages quote the statement and the command that produced it.
 */
export function pointAtFunctions(r: Rehearsal, text: string, command: string, ranges = { up: functionRange(text, 'upgrade'), down: functionRange(text, 'downgrade') }): void {
  const lines = { up: lineOf(text, ranges.up.start), down: lineOf(text, ranges.down.start) };
  for (const s of r.statements) {
    const phase = s.phase === 'down' ? 'down' : 'up';
    Object.assign(s, ranges[phase], { line: lines[phase] });
    if (s.error) delete s.error.offset;
  }
  if (r.roundTrip) Object.assign(r.roundTrip, ranges.down);
  r.sqlFrom = command;
}
