/**
 * What reading the history tables costs a workspace scan: the whole workspace checked against an embedded
 * database (PGlite) seeded with the same small schema, once without any history table and once with
 * alembic_version (the head of the 1,200 revisions), flyway_schema_history, goose_db_version and
 * dbmate's schema_migrations holding half of their migrations each. Runs alternate so background load
 * hits both series; the difference of the medians is the cost of reading and matching the history.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { identityFor } from '../../server/src/core/applied/identity';
import { revisionOf } from '../../server/src/core/frontends/alembic/history';
import type { Workspace } from './generate';
import { median } from './stats';

export interface AppliedBench {
  runs: number;
  withoutMs: number;
  withMs: number;
  /** "N of the checked migrations have already run (read from ...)" from the run with history. */
  note: string;
}

const SCHEMA = 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n';

function historySeed(ws: Workspace): string {
  const revisions = new Map<string, string[]>();
  const versions = path.join(ws.root, 'alembic', 'versions');
  for (const name of fs.readdirSync(versions)) {
    const revision = name.endsWith('.py') ? revisionOf(fs.readFileSync(path.join(versions, name), 'utf8')) : undefined;
    if (revision) revisions.set(revision.id, revision.parents);
  }
  const parents = new Set([...revisions.values()].flat());
  const heads = [...revisions.keys()].filter((id) => !parents.has(id));
  const half = (style: string, tool: 'flyway' | 'goose' | 'dbmate') => {
    const ids = ws.sqlFiles.filter((f) => f.startsWith(`${style}/`)).map((f) => identityFor(tool, { path: f, framework: 'sql' })?.id);
    return ids.filter((id): id is string => id !== undefined).slice(0, Math.floor(ids.length / 2));
  };
  const values = (ids: string[], row: (id: string, i: number) => string) => ids.map(row).join(',\n  ');
  return [
    SCHEMA,
    'CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);',
    `INSERT INTO alembic_version VALUES ${heads.map((h) => `('${h}')`).join(', ')};`,
    'CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50), type varchar(20), script varchar(1000), installed_on timestamp DEFAULT now(), success boolean);',
    `INSERT INTO flyway_schema_history (installed_rank, version, type, script, success) VALUES\n  ${values(half('flyway', 'flyway'), (v, i) => `(${i + 1}, '${v}', 'SQL', 'V${v}.sql', true)`)};`,
    'CREATE TABLE goose_db_version (id serial, version_id bigint, is_applied boolean, tstamp timestamp DEFAULT now());',
    `INSERT INTO goose_db_version (version_id, is_applied) VALUES\n  ${values(half('goose', 'goose'), (v) => `(${v}, true)`)};`,
    'CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);',
    `INSERT INTO schema_migrations VALUES\n  ${values(half('db/migrations', 'dbmate'), (v) => `('${v}')`)};`,
    '',
  ].join('\n');
}

export function measureApplied(
  ws: Workspace,
  benchDir: string,
  runs: number,
  run: (extra: readonly string[]) => { wallMs: number; stderr: string },
): AppliedBench {
  const without = path.join(benchDir, 'seed-without-history.sql');
  const withHistory = path.join(benchDir, 'seed-with-history.sql');
  fs.writeFileSync(without, SCHEMA);
  fs.writeFileSync(withHistory, historySeed(ws));
  run(['--embedded-seed', without]);
  run(['--embedded-seed', withHistory]);
  const a: number[] = [];
  const b: number[] = [];
  let note = '';
  for (let i = 0; i < runs; i++) {
    a.push(run(['--embedded-seed', without]).wallMs);
    const r = run(['--embedded-seed', withHistory]);
    b.push(r.wallMs);
    note = /^\d+ of the checked migrations .*$/m.exec(r.stderr)?.[0] ?? '(the run did not say what it read)';
  }
  return { runs, withoutMs: median(a), withMs: median(b), note };
}
