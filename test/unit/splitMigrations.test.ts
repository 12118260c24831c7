// popx (gobuffalo/pop's fizz) writes one migration as numbered files run back to back: a column an
// earlier file of the same version added is new in the migration, and dropping it loses nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';

const ROOT = path.join(__dirname, '..', 'fixtures');

before(async () => {
  await initAnalyzer();
});

function dropColumns(name: string) {
  const file = `split-migrations/${name}`;
  const report = analyzeText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), { baseDir: ROOT });
  return report.findings.filter((f) => f.rule === 'drop-column').map((f) => `${f.severity} ${f.column}`);
}

test('a column added by an earlier file of the same split migration is dropped without a finding', () => {
  assert.deepEqual(dropColumns('20210410175418000001_network.sqlite3.up.sql'), []);
});

test('a column that existed before the split migration is still an error', () => {
  assert.deepEqual(dropColumns('20210410175418000002_network.sqlite3.up.sql'), ['error state']);
});

test('a column added by an earlier migration of another version is still an error', () => {
  assert.deepEqual(dropColumns('20210512000000000000_notes.sqlite3.up.sql'), ['error note']);
});

test('a column an earlier file of the same split migration copied into another keeps its values', () => {
  const file = 'split-migrations/20210601000000000003_state_type.up.sql';
  const report = analyzeText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), { baseDir: ROOT });
  const drops = report.findings.filter((f) => f.rule === 'drop-column');
  assert.deepEqual(drops.map((f) => f.severity), ['info']);
  assert.match(drops[0].message, /copied into flows\.state by 20210601000000000002_state_type\.up\.sql, an earlier file of this migration/);
});

function dropTables(name: string) {
  const file = `split-migrations/${name}`;
  const report = analyzeText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), { baseDir: ROOT });
  return report.findings.filter((f) => f.rule === 'drop-table').map((f) => f.severity);
}

test('a SQLite rebuild split over files keeps the rows its copy read from every column', () => {
  assert.deepEqual(dropTables('20210701000000000002_rebuild.sqlite3.up.sql'), ['info']);
});

test('a SQLite rebuild split over files whose copy leaves a column out is still an error', () => {
  assert.deepEqual(dropTables('20210802000000000002_drop_legacy.sqlite3.up.sql'), ['error']);
});

test('a SQLite rebuild split over files of a table whose columns are not known is a warning', () => {
  assert.deepEqual(dropTables('20210902000000000002_rebuild_jobs.sqlite3.up.sql'), ['warning']);
});
