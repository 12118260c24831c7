// A Django squash runs only where none of the migrations it replaces has run, so its findings are
// warnings; a database that shows the rows that would be lost still makes them errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { ProjectFacts } from '../../server/src/core/facts';

const ROOT = path.join(__dirname, '..', 'fixtures', 'rules');
const FILE = 'drop-column/django/inventory/migrations/bad-django-squash.py';

before(async () => {
  await initAnalyzer();
});

function dropColumns(facts?: ProjectFacts) {
  const report = analyzeText(FILE, fs.readFileSync(path.join(ROOT, FILE), 'utf8'), { baseDir: ROOT, facts });
  return report.findings.filter((f) => f.rule === 'drop-column');
}

test('a squash drops columns at warning level, saying why', () => {
  const found = dropColumns();
  assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning']);
  assert.match(found[0].message, /squash of 3 migrations/);
});

test('a squash whose table holds rows in the configured database is an error', () => {
  const facts: ProjectFacts = {
    db: {
      version: 1, source: 'test', takenAt: '2026-01-01T00:00:00Z', defaultSchema: 'public', schemas: ['public'],
      tables: [{ schema: 'public', name: 'inventory_item', rows: { value: 12, exact: true }, columns: [], primaryKey: ['id'], foreignKeys: [] }],
    },
  };
  const found = dropColumns(facts);
  assert.deepEqual(found.map((f) => f.severity), ['error', 'error']);
  assert.match(found[0].message, /12 rows/);
});
