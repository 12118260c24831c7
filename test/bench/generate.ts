/**
 * The synthetic workspace the bench measures: 1,200 Alembic revisions and 800 SQL migrations in four
 * layouts, plus a few files a migration tool must NOT pick up (env.py, a seed script), so the CLI's
 * "files" count is checked against a known answer. Deterministic: same seed, same bytes, every machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alembicMigration300, generateAlembicFiles } from './alembicGen';
import { generateSqlFiles, type SqlCounts, type Truth } from './sqlGen';

export { alembicMigration300, BENCH_FILE_LINES } from './alembicGen';
export { TRUTH_KINDS, type Truth, type TruthKind } from './sqlGen';

/** Bump whenever the output changes, so stale workspaces are regenerated instead of silently reused. */
export const GENERATOR_VERSION = 3;
const SEED = 20240611;
const ALEMBIC_FILES = 1200;
const SQL_COUNTS: SqlCounts = { flyway: 220, goose: 200, dbmate: 180, golangMigrate: 100 };
const MANIFEST = '.bench-manifest.json';

export interface Manifest {
  generatorVersion: number;
  seed: number;
  alembicFiles: number;
  sqlFiles: string[];
  sqlDirs: string[];
  sqlByStyle: Record<string, number>;
  /** Files the CLI should report as checked: every generated migration, none of the decoys. */
  expectedMigrationFiles: number;
  decoys: string[];
  alembicLines: { min: number; median: number; max: number; total: number };
  sqlLines: number;
  truth: Truth;
}

export interface Workspace extends Manifest {
  root: string;
  regenerated: boolean;
}

/** Project files around the migrations; none of them is a migration. */
const DECOYS: Record<string, string> = {
  'alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = driver://user:pass@localhost/dbname\n',
  'alembic/env.py': [
    'from logging.config import fileConfig', '', 'from alembic import context', 'from sqlalchemy import engine_from_config, pool', '',
    'from app.models import Base', '', 'config = context.config', 'target_metadata = Base.metadata', '', '',
    'def run_migrations_online() -> None:', '    connectable = engine_from_config(config.get_section(config.config_ini_section), poolclass=pool.NullPool)',
    '    with connectable.connect() as connection:', '        context.configure(connection=connection, target_metadata=target_metadata)',
    '        with context.begin_transaction():', '            context.run_migrations()', '', '', 'run_migrations_online()', '',
  ].join('\n'),
  'alembic/script.py.mako': '"""${message}"""\nfrom alembic import op\nimport sqlalchemy as sa\n',
  'scripts/seed_dev.sql': "-- Local development data only.\nTRUNCATE users CASCADE;\nINSERT INTO users (email) VALUES ('dev@example.com');\n",
  'scripts/reset.sql': 'DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n',
  'README.md': '# Synthetic workspace for `npm run bench`. Generated; do not edit.\n',
};

function writeFile(root: string, rel: string, text: string): void {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

function lineStats(counts: number[]): Manifest['alembicLines'] {
  const sorted = [...counts].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0, total: sorted.reduce((a, b) => a + b, 0) };
}

function generate(root: string): Manifest {
  fs.rmSync(root, { recursive: true, force: true });
  const alembic = generateAlembicFiles(SEED, ALEMBIC_FILES);
  for (const f of alembic) writeFile(root, `alembic/versions/${f.name}`, f.text);
  const sql = generateSqlFiles(SEED + 1, SQL_COUNTS);
  const sqlByStyle: Record<string, number> = {};
  for (const f of sql.files) {
    writeFile(root, f.path, f.text);
    sqlByStyle[f.style] = (sqlByStyle[f.style] ?? 0) + 1;
  }
  for (const [rel, text] of Object.entries(DECOYS)) writeFile(root, rel, text);
  writeFile(root, 'alembic/versions/_bench_probe.txt', ''); // not .py/.sql: must be ignored too
  return {
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    alembicFiles: alembic.length,
    sqlFiles: sql.files.map((f) => f.path),
    sqlDirs: sql.dirs,
    sqlByStyle,
    expectedMigrationFiles: alembic.length + sql.files.length,
    decoys: Object.keys(DECOYS),
    alembicLines: lineStats(alembic.map((f) => f.lines)),
    sqlLines: sql.files.reduce((n, f) => n + f.text.split('\n').length - 1, 0),
    truth: sql.truth,
  };
}

function readManifest(root: string): Manifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(root, MANIFEST), 'utf8')) as Manifest;
    return m.generatorVersion === GENERATOR_VERSION && m.seed === SEED ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Reuses the workspace when its manifest matches this generator; otherwise rebuilds it from scratch. */
export function ensureWorkspace(root: string): Workspace {
  const existing = readManifest(root);
  if (existing) return { ...existing, root, regenerated: false };
  const manifest = generate(root);
  fs.writeFileSync(path.join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, root, regenerated: true };
}

// `node --import tsx test/bench/generate.ts [dir]` builds the workspace on its own (handy for inspecting it).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'generate.ts')) {
  const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../.bench/workspace'));
  const ws = ensureWorkspace(root);
  console.log(`${ws.regenerated ? 'generated' : 'reused'} ${ws.expectedMigrationFiles} migrations in ${root}`);
  if (process.argv.includes('--print-300')) console.log(alembicMigration300());
}
