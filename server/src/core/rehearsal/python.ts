// Python migrations in a rehearsal. Alembic's SQL comes from Alembic in offline mode, which imports the
// project's env.py; Django's from the calls `manage.py sqlmigrate` makes, which import its settings and
// apps: project code both, run only with --allow-project-code (in the editor, in a trusted workspace).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProject } from '../models';
import { alembicSql, findPython, pointAtFunctions, ProjectCodeError } from './alembic';
import type { CopiedSchema } from './copy';
import { djangoSql, operationsRange } from './django';
import { rehearse } from './rehearse';
import type { RehearseSettings } from './runFile';
import type { Scratch } from './scratch';
import type { MigrationSide } from './statements';
import type { Rehearsal } from './types';

export interface Skipped {
  path: string;
  reason: string;
  /** The rehearsal started and was stopped (a timeout): an error of the run, not a file left out. */
  failed?: boolean;
}

export async function rehearsePython(
  file: string,
  rel: string,
  settings: RehearseSettings,
  env: { openScratch: () => Promise<Scratch>; copied?: CopiedSchema },
): Promise<Rehearsal | Skipped | undefined> {
  const text = fs.readFileSync(file, 'utf8');
  // A walked folder holds models, env.py and other Python that is no migration: those are not mentioned.
  if (/^class Migration\(/m.test(text)) return rehearseDjango(file, rel, text, settings, env);
  if (!/^revision\s*(?::[^=\n]+)?=/m.test(text)) return undefined;
  const layout = findProject(path.dirname(file));
  if (!layout?.alembicIni) return { path: rel, reason: 'it has no alembic.ini above it, so Alembic cannot be asked for its SQL' };
  if (!settings.allowProjectCode) {
    return { path: rel, reason: 'its SQL comes from `alembic upgrade --sql`, which runs the project\'s env.py; pass --allow-project-code to allow that' };
  }
  const python = settings.python ?? findPython(layout.root);
  let sql;
  try {
    sql = await alembicSql(layout.alembicIni, text, python, !env.copied);
  } catch (err) {
    if (err instanceof ProjectCodeError) return { path: rel, reason: err.message };
    throw err;
  }
  const side = (generated: string) => generatedSide(rel, generated, true);
  const start = env.copied
    ? { kind: 'copy' as const, catalog: env.copied.catalog, from: env.copied.from, sample: env.copied.sample }
    : { kind: 'replay' as const, earlier: sql.earlier ? [side(sql.earlier)] : [] };
  const result = await rehearse(side(sql.up), side(sql.down), { openScratch: env.openScratch, start, rows: settings.rows });
  if (env.copied?.note) result.notes.unshift(env.copied.note);
  if (!env.copied) result.startedFrom = sql.earlierCommand ? `the earlier revisions (\`${sql.earlierCommand}\` on an empty database)` : 'an empty database (the first revision)';
  pointAtFunctions(result, text, sql.command);
  return result;
}

function generatedSide(rel: string, generated: string, inTransaction: boolean): MigrationSide {
  return { path: rel, text: generated, segments: [{ start: 0, end: generated.length }], inTransaction };
}

async function rehearseDjango(file: string, rel: string, text: string, settings: RehearseSettings, env: { openScratch: () => Promise<Scratch>; copied?: CopiedSchema }): Promise<Rehearsal | Skipped> {
  const layout = findProject(path.dirname(file));
  if (layout?.framework !== 'django') return { path: rel, reason: 'it has no manage.py above it, so Django cannot be asked for its SQL' };
  if (!settings.allowProjectCode) {
    return { path: rel, reason: "its SQL comes from Django (manage.py sqlmigrate), which imports the project's settings and apps; pass --allow-project-code to allow that" };
  }
  const python = settings.python ?? findPython(layout.root);
  let sql;
  try {
    sql = await djangoSql(path.join(layout.root, 'manage.py'), file, python, !env.copied);
  } catch (err) {
    if (err instanceof ProjectCodeError) return { path: rel, reason: err.message };
    throw err;
  }
  const start = env.copied
    ? { kind: 'copy' as const, catalog: env.copied.catalog, from: env.copied.from, sample: env.copied.sample }
    : { kind: 'replay' as const, earlier: sql.earlier ? [generatedSide(rel, sql.earlier, true)] : [] };
  const result = await rehearse(generatedSide(rel, sql.up, sql.atomic), generatedSide(rel, sql.down, sql.atomic), { openScratch: env.openScratch, start, rows: settings.rows });
  if (env.copied?.note) result.notes.unshift(env.copied.note);
  if (!env.copied) {
    const n = sql.earlierCount;
    result.startedFrom = n === 0 ? 'an empty database (the first migration)' : `the ${n} migration${n === 1 ? '' : 's'} it depends on (their sqlmigrate SQL on an empty database)`;
  }
  if (sql.runPython > 0) result.notes.push(`${sql.runPython} operation${sql.runPython === 1 ? '' : 's'} of this migration ${sql.runPython === 1 ? 'is' : 'are'} Python (RunPython), which sqlmigrate does not run: ${sql.runPython === 1 ? 'its' : 'their'} data changes are not in this rehearsal.`);
  const ops = operationsRange(text);
  pointAtFunctions(result, text, sql.command, { up: ops, down: ops });
  return result;
}
