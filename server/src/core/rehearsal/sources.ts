// The SQL a rehearsal runs for a SQL-file migration: its up side, its down side (a goose/dbmate section of
// the same file, or the companion file the tools pair with it), and the earlier migrations to replay when
// no schema is configured, in the order the SQL history already uses (frontends/sql/history.ts).

import * as path from 'node:path';
import { readSections, earlierMigrations } from '../frontends/sql';
import type { AnalysisOptions } from '../options';
import { siblingsOf } from '../project';
import type { MigrationSide } from './statements';

type Where = Pick<AnalysisOptions, 'baseDir' | 'readSiblings'>;

/** The sides of one file: `up` when it is an up migration (or holds an up section), `down` likewise. */
export function sidesOf(text: string, name: string): { up?: MigrationSide; down?: MigrationSide } {
  const out: { up?: MigrationSide; down?: MigrationSide } = {};
  const sections = readSections(text, name);
  // Without goose/dbmate markers the whole file is one section, which the tools run in a transaction.
  const marked = sections[0]?.range === undefined;
  for (const section of sections) {
    // Text before a file's first marker belongs to no side (the tools skip it).
    if (!section.range) continue;
    const phase = section.phase === 'down' ? 'down' : 'up';
    const side = (out[phase] ??= { path: name, text, segments: [], inTransaction: marked ? section.inTransaction : true });
    side.segments.push(...section.segments);
  }
  return out;
}

/**
 * The file a tool runs to undo `file`: golang-migrate/sqlx `x.down.sql`, diesel `down.sql`, Flyway undo
 * `U5__x.sql`, Sqitch `revert/x.sql`, Hasura `2_to_1.sql`. Undefined when there is none.
 */
export function companionDown(file: string, options: Where): { path: string; text: string } | undefined {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const hasura = /^(\d+)_to_(\d+)\.sql$/i.exec(base);
  const candidates = [
    path.join(dir, base.replace(/(^|\.)up\.sql$/i, '$1down.sql')),
    path.join(dir, base.replace(/^V(\d)/, 'U$1')),
    path.join(path.dirname(dir), 'revert', base),
    ...(hasura ? [path.join(dir, `${hasura[2]}_to_${hasura[1]}.sql`)] : []),
  ].filter((c) => c !== file && (c.includes(`${path.sep}revert${path.sep}`) ? path.basename(dir) === 'deploy' : true));
  for (const candidate of candidates) {
    const found = siblingsOf(path.dirname(candidate), options).find((s) => s.path === candidate);
    if (found) return found;
  }
  return undefined;
}

/** The up sides of the migrations that run before `file`, in run order. */
export function earlierSides(file: string, options: Where, nameOf: (absolute: string) => string): MigrationSide[] {
  return earlierMigrations(file, options).flatMap((f) => {
    const up = sidesOf(f.text, nameOf(f.path)).up;
    return up ? [up] : [];
  });
}
