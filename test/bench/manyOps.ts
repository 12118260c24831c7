/**
 * One file with many operations, in each framework: the time per operation must stay flat as the count
 * grows tenfold (rules and fix builders once scanned every operation for every operation: 16,000 drops took
 * 22 s in SQL and 228 s in Django, 64,000 took minutes). In process, through the TypeScript sources.
 * Standalone: `node --import tsx test/bench/manyOps.ts [counts...]`.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';

export type ManyOpsFramework = 'sql' | 'sql-types' | 'alembic' | 'django';

export const MANY_OPS_COUNTS = [1_000, 10_000, 100_000];

/** A migration of `count` drops, and the path that makes it read as `framework`. */
export function manyOpsFile(framework: ManyOpsFramework, count: number): { path: string; text: string } {
  const each = (line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('');
  switch (framework) {
    case 'sql':
      return { path: '/bench/db/V2__drop.sql', text: each((i) => `DROP TABLE t${i};\n`) };
    case 'sql-types':
      // Each type change is judged against the column's declared type: the schema this file built so far.
      return { path: '/bench/db/V3__widen.sql', text: `CREATE TABLE t (c int);\n${each(() => 'ALTER TABLE t ALTER COLUMN c TYPE bigint;\n')}` };
    case 'alembic':
      return {
        path: '/bench/alembic/versions/0002_drop.py',
        text: `from alembic import op\n\nrevision = "2"\ndown_revision = "1"\n\n\ndef upgrade():\n${each((i) => `    op.drop_table("t${i}")\n`)}`,
      };
    case 'django':
      return {
        path: '/bench/app/migrations/0002_drop.py',
        text: `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n${each((i) => `        migrations.DeleteModel("M${i}"),\n`)}    ]\n`,
      };
  }
}

export interface ManyOpsRow {
  framework: ManyOpsFramework;
  operations: number;
  ms: number;
  usPerOp: number;
  findings: number;
}

/** Analyses the file once and times it. */
export function timeManyOps(framework: ManyOpsFramework, count: number): ManyOpsRow {
  const { path, text } = manyOpsFile(framework, count);
  const started = performance.now();
  const report = analyzeText(path, text);
  const ms = performance.now() - started;
  return { framework, operations: count, ms, usPerOp: (ms * 1000) / count, findings: report.findings.length };
}

export async function measureManyOps(counts = MANY_OPS_COUNTS): Promise<ManyOpsRow[]> {
  await initAnalyzer();
  const rows: ManyOpsRow[] = [];
  for (const framework of ['sql', 'sql-types', 'alembic', 'django'] as const) {
    timeManyOps(framework, 200); // warm-up, so the first count does not carry the JIT's start
    for (const count of counts) rows.push(timeManyOps(framework, count));
  }
  return rows;
}

export function renderManyOps(rows: ManyOpsRow[]): string {
  const lines = ['| One file with N operations (drops; sql-types: type changes) | N | time | per operation |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.framework} | ${r.operations.toLocaleString('en-US')} | ${(r.ms / 1000).toFixed(2)} s | ${r.usPerOp.toFixed(0)} µs |`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'manyOps.ts')) {
  const counts = process.argv.slice(2).map(Number);
  measureManyOps(counts.length > 0 ? counts : MANY_OPS_COUNTS).then((rows) => console.log(renderManyOps(rows)));
}
