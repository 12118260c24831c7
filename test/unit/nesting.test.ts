// How deeply nested code may be is a fixed limit, not whatever the JavaScript stack allows: the same file
// gives the same findings on the main thread and in a worker with a much larger stack, run after run.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';

before(async () => {
  await initAnalyzer();
});

const alembic = (line: string) => `from alembic import op\n\nrevision = "2"\ndown_revision = "1"\n\n\ndef upgrade():\n    ${line}\n    op.drop_table("t")\n`;
const CASES: Record<string, { path: string; text: string }> = {
  'Python, 5,000 parentheses': { path: 'versions/0002_deep.py', text: alembic(`x = ${'('.repeat(5000)}1${')'.repeat(5000)}`) },
  'Python, a chain of 5,000 additions': { path: 'versions/0002_chain.py', text: alembic(`x = ${Array(5000).fill('1').join(' + ')}`) },
  'Python, 300 unclosed brackets': { path: 'versions/0002_open.py', text: alembic(`x = ${'[('.repeat(150)}`) },
  'Python, 5,000 nots': { path: 'versions/0002_not.py', text: alembic(`x = ${'not '.repeat(5000)}a`) },
  'SQL, 12,000 parentheses': { path: 'db/V2__deep.sql', text: `DELETE FROM t WHERE ${'('.repeat(12000)}1 = 1${')'.repeat(12000)};\nDROP TABLE t;\n` },
  'SQL in Python, 5,000 parentheses': { path: 'versions/0002_sql.py', text: alembic(`op.execute("DELETE FROM t WHERE ${'('.repeat(5000)}1 = 1${')'.repeat(5000)}")`) },
};

const summary = (c: { path: string; text: string }) =>
  analyzeText(c.path, c.text).findings.map((f) => `${f.rule}${f.rule === 'parse-error' ? `: ${f.message}` : ''}`);

/** The same analysis in a worker whose stack is 16 times the main thread's. */
function inBigStack(name: string): Promise<string[]> {
  const analyze = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'core', 'analyze.ts'));
  const code = `require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');
const { analyzeText, initAnalyzer } = require(${analyze});
initAnalyzer().then(() => {
  const c = workerData;
  parentPort.postMessage(analyzeText(c.path, c.text).findings.map((f) => f.rule + (f.rule === 'parse-error' ? ': ' + f.message : '')));
});`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: CASES[name], resourceLimits: { stackSizeMb: 16 } });
    w.once('message', (m: string[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

for (const name of Object.keys(CASES)) {
  test(`${name}: a parse-error naming the nesting limit, the same on every thread and every run`, async () => {
    const first = summary(CASES[name]);
    assert.ok(
      first.some((f) => /^parse-error: .*nested more than (1,000 levels|200) deep/.test(f)),
      `expected the nesting limit to be reported, got ${JSON.stringify(first).slice(0, 300)}`,
    );
    assert.deepEqual(summary(CASES[name]), first);
    assert.deepEqual(await inBigStack(name), first);
  });
}

test('nesting below the limit is read as usual', () => {
  const rules = summary({ path: 'versions/0002_ok.py', text: alembic(`x = ${'('.repeat(150)}1${')'.repeat(150)}`) });
  assert.ok(rules.includes('drop-table'), JSON.stringify(rules));
  assert.ok(!rules.some((r) => r.startsWith('parse-error')), JSON.stringify(rules));
  const quoted = summary({ path: 'versions/0002_str.py', text: alembic(`x = "${'('.repeat(300)}" + '''${'['.repeat(300)}\n''' + "\\"("  # ${'('.repeat(300)}`) });
  assert.deepEqual(quoted.filter((r) => r.startsWith('drop-table') || r.startsWith('parse-error')), ['drop-table']);
  const sql = summary({ path: 'db/V2__ok.sql', text: `DELETE FROM t WHERE ${'('.repeat(500)}1 = 1${')'.repeat(500)};\nDROP TABLE t;\n` });
  assert.deepEqual(sql, ['delete-rows', 'drop-table']);
});
