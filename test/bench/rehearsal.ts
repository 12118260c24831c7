/**
 * Rehearsal times: one migration over a 200-table schema (replayed from the migration before it, 3
 * synthetic rows per table), cold (a fresh `migration-guard rehearse` process: Node, the bundle, the PGlite
 * thread) and warm (in process, after one rehearsal loaded PGlite and compiled the code), and the whole
 * examples/ directory through the CLI. Standalone: `node --import tsx test/bench/rehearsal.ts` (after
 * `npm run build`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rehearse } from '../../server/src/core/rehearsal/rehearse';
import { openPgliteScratch } from '../../server/src/core/rehearsal/scratch';
import type { MigrationSide } from '../../server/src/core/rehearsal/statements';
import { timedRun } from './proc';
import { median } from './stats';

export const REHEARSAL_TABLES = 200;
const RUNS = 3;

export interface RehearsalBench {
  tables: number;
  statements: number;
  coldMs: number;
  warmMs: number;
  examples: { ms: number; rehearsed: number; notRehearsed: string[]; exitCode: number | null };
}

/** 200 tables of five columns, each with a foreign key to the one before it and an index. */
function schemaSql(tables: number): string {
  const out: string[] = [];
  for (let i = 0; i < tables; i++) {
    const fk = i === 0 ? '' : `, parent_id int REFERENCES t${i - 1} (id)`;
    out.push(`CREATE TABLE t${i} (id serial PRIMARY KEY, name text NOT NULL, note text, amount numeric(10,2), created timestamptz NOT NULL DEFAULT now()${fk});`);
    out.push(`CREATE INDEX t${i}_name ON t${i} (name);`);
  }
  return `${out.join('\n')}\n`;
}

// A typical change: a column added and backfilled, an index replaced, a constraint added, and its down migration.
const UP = `ALTER TABLE t100 ADD COLUMN status text;
UPDATE t100 SET status = 'new';
DROP INDEX t100_name;
CREATE INDEX t100_name_status ON t100 (name, status);
ALTER TABLE t101 ADD CONSTRAINT t101_amount_positive CHECK (amount >= 0);
`;
const DOWN = `ALTER TABLE t101 DROP CONSTRAINT t101_amount_positive;
DROP INDEX t100_name_status;
CREATE INDEX t100_name ON t100 (name);
ALTER TABLE t100 DROP COLUMN status;
`;

function writeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'migrations', '0001_schema.up.sql'), schemaSql(REHEARSAL_TABLES));
  fs.writeFileSync(path.join(dir, 'migrations', '0002_status.up.sql'), UP);
  fs.writeFileSync(path.join(dir, 'migrations', '0002_status.down.sql'), DOWN);
}

function side(file: string, text: string): MigrationSide {
  return { path: file, text, segments: [{ start: 0, end: text.length }], inTransaction: true };
}

async function inProcess(): Promise<number> {
  const start = performance.now();
  const r = await rehearse(side('0002_status.up.sql', UP), side('0002_status.down.sql', DOWN), {
    openScratch: () => openPgliteScratch(),
    start: { kind: 'replay', earlier: [side('0001_schema.up.sql', schemaSql(REHEARSAL_TABLES))] },
    rows: 3,
  });
  if (r.statements.some((s) => s.outcome !== 'ok') || !r.roundTrip?.completed) throw new Error(`the benchmark's rehearsal failed: ${JSON.stringify(r.statements.find((s) => s.outcome !== 'ok'))}`);
  return performance.now() - start;
}

export async function measureRehearsal(root: string, benchDir: string): Promise<RehearsalBench> {
  const cli = path.join(root, 'out', 'cli.js');
  const dir = path.join(benchDir, 'rehearsal');
  writeProject(dir);
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = timedRun(process.execPath, [cli, 'rehearse', 'migrations/0002_status.up.sql', '--format', 'json'], dir);
    if (r.status !== 0) throw new Error(`rehearse exited with ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
    cold.push(r.wallMs);
  }
  await inProcess();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await inProcess());
  // Alembic migrations need --allow-project-code and a Python with Alembic; the run says which ones it left out and why.
  const ex = timedRun(process.execPath, [cli, 'rehearse', 'examples', '--allow-project-code', '--format', 'json'], root);
  const json = JSON.parse(ex.stdout) as { files: number };
  const notRehearsed = ex.stderr.split('\n').filter((l) => l.includes('was not rehearsed'));
  return {
    tables: REHEARSAL_TABLES,
    statements: UP.split(';').length - 1 + DOWN.split(';').length - 1,
    coldMs: median(cold),
    warmMs: median(warm),
    examples: { ms: ex.wallMs, rehearsed: json.files, notRehearsed, exitCode: ex.status },
  };
}

export function renderRehearsal(b: RehearsalBench): string {
  return [
    '| Rehearsal (PGlite, 3 synthetic rows per table) | time |',
    '| --- | ---: |',
    `| one migration (${b.statements} statements up and down) over a ${b.tables}-table schema, cold (\`migration-guard rehearse\`, a new process) | ${(b.coldMs / 1000).toFixed(2)} s |`,
    `| the same, warm (in process, PGlite and the code already loaded) | ${(b.warmMs / 1000).toFixed(2)} s |`,
    `| \`migration-guard rehearse examples --allow-project-code\` (${b.examples.rehearsed} rehearsed, ${b.examples.notRehearsed.length} not) | ${(b.examples.ms / 1000).toFixed(2)} s |`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'rehearsal.ts')) {
  const root = path.resolve(import.meta.dirname, '../..');
  measureRehearsal(root, path.join(root, '.bench')).then((b) => {
    console.log(renderRehearsal(b));
    for (const line of b.examples.notRehearsed) console.log(line);
  });
}
