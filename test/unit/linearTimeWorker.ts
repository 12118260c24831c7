// Runs the readers of user text on pathological input, one after another, and reports each one's time to
// linearTime.test.ts, which stops this worker if a reader never finishes (the old regexes took hours).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { detectFramework } from '../../server/src/core/detect';
import { iniValue } from '../../server/src/core/ini';
import { iniExcludedTables } from '../../server/src/core/models/alembicEnv';
import { contentHash } from '../../server/src/core/review/normalize';
import { findSuppressions } from '../../server/src/core/suppressions';
import { LineIndex } from '../../server/src/core/text';
import { collectCandidates } from '../../server/src/core/walk';
import { timeManyOps, type ManyOpsFramework, type ManyOpsRow } from '../bench/manyOps';

const MB = 1024 * 1024;
const spaces = ' '.repeat(MB);
const alembic = (body: string) => `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "2"\ndown_revision = "1"\n\n\ndef upgrade():\n${body}`;

/** Each reader of user text, on a 1 MB line of the kind that made its old regular expression backtrack. */
export const READERS: Record<string, () => unknown> = {
  'ledger content hash (trailing whitespace)': () => contentHash(`x = 1${spaces}y\n`),
  'allow comment reason': () => findSuppressions(new LineIndex(`# migration-guard: allow drop-table -- moved${spaces}x\nop.drop_table("a")\n`)),
  'allow comment rule list': () => findSuppressions(new LineIndex(`# migration-guard: allow ${spaces}!\n`)),
  'allow comment in a SQL string': () => findSuppressions(new LineIndex(`-- migration-guard: allow drop-table -- moved${spaces}")${spaces}x\n`)),
  'alembic.ini value': () => iniValue(`[alembic]\nsqlalchemy.url = x${spaces}y\n`, 'alembic', 'sqlalchemy.url'),
  'alembic.ini script_location': () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-ini-'));
    fs.writeFileSync(path.join(dir, 'alembic.ini'), `${'\n'.repeat(MB)}script_location = x${spaces}y\n`);
    return collectCandidates([dir], dir);
  },
  'alembic.ini exclusions': () => iniExcludedTables(`[alembic:exclude]\n${'\n'.repeat(MB)}x\n`, 'alembic:exclude'),
  'framework detection (blank lines)': () => detectFramework('migrations/0002.py', `${' \n'.repeat(MB / 2)}x\n`),
  'SQL Server session option': () => analyzeText('versions/0002.py', alembic(`    op.execute("SET NOCOUNT ON${spaces}x")\n`)),
  'PRAGMA in Python SQL': () => analyzeText('versions/0002.py', alembic(`    op.execute("""${'\n'.repeat(MB)}x""")\n`)),
  'alter_column USING cast': () => analyzeText('versions/0002.py', alembic(`    op.alter_column("t", "c", type_=sa.Text(), postgresql_using="c::text${spaces}!")\n`)),
  'imports read by the fix builders': () => analyzeText('versions/0002.py', `from alembic import (op${spaces}x)\n${alembic('    op.drop_table("t")\n')}`),
};

let directories = 0;

/**
 * A Prisma migrations folder of `count` migrations, each analysed in turn as `check` does: each creates a
 * table and changes a column type of the one before, judged against the history. A migration's history
 * is every earlier one; reading it must not cost more for a later migration than for an early one.
 */
function timeHistory(count: number): ManyOpsRow {
  const root = `/bench/prisma-${count}-${directories++}/migrations`;
  const files = Array.from({ length: count }, (_, i) => ({
    path: `${root}/${String(i).padStart(6, '0')}_m/migration.sql`,
    text: `CREATE TABLE t${i} (id int, c int, a text, b text, d text, e text, f text, g text);\n${i > 0 ? `ALTER TABLE t${i - 1} ALTER COLUMN c TYPE bigint;\n` : ''}`,
  }));
  const readSiblings = (dir: string) => (dir === root ? files : []);
  const started = performance.now();
  let findings = 0;
  for (const file of files) findings += analyzeText(file.path, file.text, { dialect: 'postgres', readSiblings }).findings.length;
  const ms = performance.now() - started;
  return { framework: 'sql-types', operations: count, ms, usPerOp: (ms * 1000) / count, findings };
}

parentPort?.on('message', async (job: { kind: 'readers' } | { kind: 'ops' | 'history'; framework: ManyOpsFramework; counts: number[] }) => {
  await initAnalyzer();
  if (job.kind === 'readers') {
    for (const [name, read] of Object.entries(READERS)) {
      parentPort?.postMessage({ started: name });
      const t = performance.now();
      read();
      parentPort?.postMessage({ name, ms: performance.now() - t });
    }
  } else if (job.kind === 'history') {
    for (const count of job.counts) {
      parentPort?.postMessage({ started: `history of ${count}` });
      parentPort?.postMessage({ name: `history of ${count}`, row: timeHistory(count) });
    }
  } else {
    for (const count of job.counts) {
      parentPort?.postMessage({ started: `${job.framework} ${count}` });
      parentPort?.postMessage({ name: `${job.framework} ${count}`, row: timeManyOps(job.framework, count) });
    }
  }
  parentPort?.postMessage({ done: true });
});
