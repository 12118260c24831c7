// The review checklist: what the tool checks by itself (data-loss operations guarded or acknowledged,
// destructive statements acknowledged, the touched tables against the live schema), what a person
// ticks, how it is recorded in the ledger, and the sidebar's "Acknowledge" edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { SchemaSnapshot, TableInfo } from '../../server/src/core/db/schemaSource';
import type { ProjectFacts } from '../../server/src/core/facts';
import { buildModelIndex, findProject } from '../../server/src/core/models';
import { acknowledgeEdit } from '../../server/src/core/review/acknowledge';
import { answersFrom, buildChecklist, destructiveOps, needsReview, recordChecklist, signOffBlockers, tableLines, type ChecklistItem } from '../../server/src/core/review/checklist';
import type { FileReport } from '../../server/src/core/report';
import { LineIndex } from '../../server/src/core/text';

const INCIDENT = path.join(__dirname, '..', '..', 'examples', 'incident');
const MIGRATION = path.join(INCIDENT, 'migrations', 'versions', '0002_add_project_budget.py');
let facts: ProjectFacts;

function table(name: string, rows: number): TableInfo {
  return { schema: 'public', name, rows: { value: rows, exact: true }, columns: [{ name: 'id', type: 'integer', nullable: false }], primaryKey: ['id'], foreignKeys: [] };
}

const snapshot: SchemaSnapshot = {
  version: 1,
  source: 'pglite',
  takenAt: '2026-03-02T10:00:00.000Z',
  defaultSchema: 'public',
  schemas: ['public'],
  tables: [table('projects', 103), table('users', 25), table('project_keywords', 412), table('project_resource_mappings', 1236), table('project_monthly_forecast', 618)],
};

before(async () => {
  await initAnalyzer();
  facts = { models: await buildModelIndex(findProject(INCIDENT)!), db: snapshot };
});

function analyse(text: string, withFacts: ProjectFacts | undefined = facts, file = MIGRATION): { report: FileReport; lineOf: (o: number) => number } {
  const report = analyzeText(file, text, withFacts ? { facts: withFacts } : {});
  const index = new LineIndex(report.text);
  return { report, lineOf: (o) => index.position(o).line + 1 };
}

const state = (items: ChecklistItem[], id: string) => items.find((i) => i.id === id)?.state;

/** The text after applying the sidebar's acknowledgement to every data-loss operation, bottom up. */
function acknowledgeAll(text: string, reason: string): string {
  const { report } = analyse(text);
  const byStart = new Map<number, typeof report.findings>();
  for (const f of report.findings) if (['drop-table', 'drop-unmapped-table'].includes(f.rule)) byStart.set(f.range.start, [...(byStart.get(f.range.start) ?? []), f]);
  let out = text;
  for (const start of [...byStart.keys()].sort((a, b) => b - a)) {
    const edit = acknowledgeEdit(byStart.get(start)!, reason);
    assert.ok(!('error' in edit), JSON.stringify(edit));
    out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  }
  return out;
}

test('the incident: three unacknowledged drops leave both data-loss items unchecked and block the sign-off', () => {
  const { report, lineOf } = analyse(fs.readFileSync(MIGRATION, 'utf8'));
  const ops = destructiveOps(report, lineOf);
  assert.deepEqual(ops.map((o) => [o.line, o.table, o.rules, o.rows, o.acknowledged]), [
    [19, 'project_keywords', ['drop-table', 'drop-unmapped-table'], 412, false],
    [20, 'project_resource_mappings', ['drop-table', 'drop-unmapped-table'], 1236, false],
    [21, 'project_monthly_forecast', ['drop-table', 'drop-unmapped-table'], 618, false],
  ]);
  assert.ok(needsReview(report));
  const items = buildChecklist({ report, facts, lineOf });
  assert.deepEqual(items.map((i) => [i.id, i.state]), [
    ['data-loss-handled', 'unchecked'],
    ['destructive-acknowledged', 'unchecked'],
    ['live-schema', 'unchecked'],
    ['tested', 'manual'],
    ['stakeholder', 'manual'],
  ]);
  assert.equal(items[0].detail, 'Not guarded or acknowledged: line 19, 20, 21.');
  assert.equal(items[2].detail, 'Not clean: no model maps project_keywords (412 rows), project_resource_mappings (1,236 rows), project_monthly_forecast (618 rows).');
  assert.equal(signOffBlockers(items).length, 2);
  // The downgrade's drop_column undoes its own upgrade and is not listed; the upgrade's tables are.
  assert.deepEqual(tableLines(report, facts).map((t) => [t.name, t.change, t.rows, t.problem]), [
    ['project_keywords', 'drop', '412 rows', undefined],
    ['project_resource_mappings', 'drop', '1,236 rows', undefined],
    ['project_monthly_forecast', 'drop', '618 rows', undefined],
    ['projects', 'alter', '103 rows', undefined],
  ]);
});

test('acknowledging each drop with a reason (one comment naming both rules) checks both data-loss items', () => {
  const text = acknowledgeAll(fs.readFileSync(MIGRATION, 'utf8'), 'reporting moved to the warehouse in ticket 88');
  assert.match(text, /^ {4}# migration-guard: allow drop-table, drop-unmapped-table -- reporting moved to the warehouse in ticket 88\n {4}op\.drop_table\("project_keywords"\)$/m);
  const { report, lineOf } = analyse(text);
  const items = buildChecklist({ report, facts, lineOf });
  assert.equal(state(items, 'data-loss-handled'), 'auto-checked');
  assert.equal(state(items, 'destructive-acknowledged'), 'auto-checked');
  assert.equal(state(items, 'live-schema'), 'auto-checked', 'acknowledged drops of obsolete tables leave parity clean');
  assert.deepEqual(signOffBlockers(items), []);
  assert.ok(destructiveOps(report, lineOf).every((o) => o.acknowledged && o.reason === 'reporting moved to the warehouse in ticket 88'));
  assert.ok(needsReview(report), 'acknowledged data loss still needs a sign-off');
});

test('a guard handles the data loss, but the DROP itself still needs an acknowledgement', () => {
  const sql = `-- migration-guard: allow drop-table -- replaced by events_v2
DROP TABLE events;
DO $$ BEGIN IF EXISTS (SELECT 1 FROM audit LIMIT 1) THEN RAISE EXCEPTION 'audit still has rows'; END IF; END $$;
DROP TABLE audit;
`;
  const { report, lineOf } = analyse(sql, undefined, '/repo/db/migrations/V3__drop.sql');
  const ops = destructiveOps(report, lineOf);
  assert.deepEqual(ops.map((o) => [o.line, o.acknowledged, o.guard]), [[2, true, undefined], [4, false, 'emptiness-check']]);
  const items = buildChecklist({ report, lineOf });
  assert.equal(state(items, 'data-loss-handled'), 'auto-checked');
  assert.equal(state(items, 'destructive-acknowledged'), 'unchecked');
  assert.equal(items[1].detail, 'Without an allow comment: line 4.');
});

test('without a database the live-schema item is the reviewer\'s; with one, missing tables and mapped drops are problems', () => {
  const sql = 'ALTER TABLE ghosts ADD COLUMN note text;\nDROP TABLE users;\nCREATE TABLE projects (id int);\n';
  const noDb = analyse(sql, {}, '/repo/db/migrations/V4__x.sql');
  const manual = buildChecklist({ ...noDb, manual: { liveSchema: true } }).find((i) => i.id === 'live-schema')!;
  assert.equal(manual.state, 'manual');
  assert.equal(manual.checked, true);
  const withDb = analyse(sql, facts, path.join(INCIDENT, 'migrations', 'versions', '0009_x.sql'));
  const lines = tableLines(withDb.report, facts);
  assert.deepEqual(lines.map((t) => [t.name, t.problem]), [
    ['ghosts', 'not in the database'],
    ['users', 'model User still maps it and would be left without a table'],
    ['projects', 'already exists in the database'],
  ]);
  const item = buildChecklist({ ...withDb, facts }).find((i) => i.id === 'live-schema')!;
  assert.equal(item.state, 'unchecked');
  assert.equal(item.detail, 'Not clean: a model still maps users (25 rows).');
  const noUsers = analyse('ALTER TABLE ghosts ADD COLUMN note text;\n', facts, path.join(INCIDENT, 'migrations', 'versions', '0009_x.sql'));
  assert.match(buildChecklist({ ...noUsers, facts }).find((i) => i.id === 'live-schema')!.detail, /^ghosts: not in the database\.$/);
});

test('a drop of a table a model still maps leaves the live-schema item unticked even without a database', () => {
  const noDb = analyse('DROP TABLE users;\n', { models: facts.models }, path.join(INCIDENT, 'migrations', 'versions', '0009_x.sql'));
  const item = buildChecklist({ ...noDb, facts: { models: facts.models }, manual: { liveSchema: true } }).find((i) => i.id === 'live-schema')!;
  assert.deepEqual([item.state, item.detail], ['unchecked', 'Not clean: a model still maps users.']);
});

test('downgrade-only data loss needs no review; a migration without data loss has nothing to acknowledge', () => {
  const sql = '-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE legacy;\n';
  const { report, lineOf } = analyse(sql, undefined, '/repo/db/migrations/20240101_x.sql');
  assert.ok(report.findings.some((f) => f.rule === 'drop-table'), 'the rollback drop is still reported');
  assert.equal(needsReview(report), false);
  assert.deepEqual(destructiveOps(report, lineOf), []);
  const items = buildChecklist({ report, lineOf });
  assert.equal(items[0].detail, 'This migration destroys no data.');
  assert.equal(state(items, 'destructive-acknowledged'), 'auto-checked');
});

test('manual answers: the stakeholder counts only with a name; the ledger records who decided each item', () => {
  const { report, lineOf } = analyse(fs.readFileSync(MIGRATION, 'utf8'));
  const unnamed = buildChecklist({ report, facts, lineOf, manual: { stakeholder: { checked: true, name: '  ' } } });
  assert.equal(unnamed.find((i) => i.id === 'stakeholder')!.checked, false);
  const items = buildChecklist({ report, facts, lineOf, manual: { tested: { checked: true, note: ' staging, 2 May ' }, stakeholder: { checked: true, name: 'Grace (finance)' } } });
  const recorded = recordChecklist(items);
  assert.deepEqual(recorded, [
    { id: 'data-loss-handled', state: 'unchecked', by: 'tool' },
    { id: 'destructive-acknowledged', state: 'unchecked', by: 'tool' },
    { id: 'live-schema', state: 'unchecked', by: 'tool' },
    { id: 'tested', state: 'checked', by: 'person', note: 'staging, 2 May' },
    { id: 'stakeholder', state: 'checked', by: 'person', name: 'Grace (finance)' },
  ]);
  const again = answersFrom({ sha256: 'a'.repeat(64), signedBy: 'A', signedAt: '2026-01-01T00:00:00Z', checklist: recorded });
  assert.deepEqual(again, { tested: { checked: true, note: 'staging, 2 May' }, stakeholder: { checked: true, name: 'Grace (finance)' } });
});

test('the acknowledge edit: SQL comments in SQL, one line of reason, and never an empty reason', () => {
  const sql = 'TRUNCATE events;\n';
  const { report } = analyse(sql, undefined, '/repo/db/migrations/V5__t.sql');
  const findings = report.findings.filter((f) => f.rule === 'truncate');
  const edit = acknowledgeEdit(findings, '  re-imported\nnightly  ');
  assert.ok(!('error' in edit));
  assert.equal(edit.newText, '-- migration-guard: allow truncate -- re-imported nightly\n');
  assert.deepEqual(acknowledgeEdit(findings, ' \n '), { error: 'Give a reason: an allow comment without one acknowledges nothing.' });
  const inString = 'from alembic import op\n\n\ndef upgrade():\n    op.execute("""\n        TRUNCATE events;\n    """)\n';
  const py = analyse(inString, undefined, path.join(INCIDENT, 'migrations', 'versions', '0010_t.py'));
  const pyEdit = acknowledgeEdit(py.report.findings.filter((f) => f.rule === 'truncate'), 'the "nightly" job');
  assert.ok(!('error' in pyEdit));
  assert.equal(pyEdit.newText, '        -- migration-guard: allow truncate -- the nightly job\n', 'inside the SQL string: an SQL comment, quotes dropped');
});

test('"Tested on a local or staging database" is ticked by the tool after a rehearsal that ran to the end, and recorded with what ran where', () => {
  const text = fs.readFileSync(MIGRATION, 'utf8');
  const path0 = analyse(text).report.path;
  const rehearsal = {
    path: path0,
    ranOn: 'an embedded PostgreSQL (PGlite)',
    startedFrom: 'a copy of the schema of pglite',
    at: '2026-12-07T01:00:00.000Z',
    rowsPerTable: 3,
    statements: [{ phase: 'up' as const, path: path0, start: 0, end: 10, line: 17, excerpt: 'DROP TABLE project_keywords;', outcome: 'ok' as const, cascaded: [], dropped: [], changed: [], rowsRemoved: {}, locks: [] }],
    roundTrip: { path: path0, start: 0, end: 10, completed: true, missing: [], changed: [], extra: [], rowsLost: {} },
    notes: [],
  };
  const { report, lineOf } = analyse(text, { ...facts, rehearsals: { [path0]: rehearsal } });
  const items = buildChecklist({ report, facts: { ...facts, rehearsals: { [path0]: rehearsal } }, lineOf });
  const tested = items.find((i) => i.id === 'tested');
  const where = 'Rehearsed (up and down) by Migration Guard on an embedded PostgreSQL (PGlite), starting from a copy of the schema of pglite, 2026-12-07T01:00:00.000Z.';
  assert.deepEqual(tested, { id: 'tested', label: 'Tested on a local or staging database', state: 'auto-checked', detail: where, note: where });
  assert.deepEqual(recordChecklist(items).find((i) => i.id === 'tested'), { id: 'tested', state: 'checked', by: 'tool', note: where });

  const failedRun = { ...rehearsal, statements: [{ ...rehearsal.statements[0], outcome: 'failed' as const, error: { message: 'boom' } }] };
  const failed = buildChecklist({ report, facts: { ...facts, rehearsals: { [path0]: failedRun } }, lineOf, manual: { tested: { checked: true, note: 'staging, by hand' } } }).find((i) => i.id === 'tested');
  assert.equal(failed?.state, 'manual', 'a failed rehearsal ticks nothing; the reviewer still can');
  assert.equal(failed?.checked, true);
  assert.equal(failed?.note, 'staging, by hand');
  const unticked = buildChecklist({ report, facts: { ...facts, rehearsals: { [path0]: failedRun } }, lineOf }).find((i) => i.id === 'tested');
  assert.equal(unticked?.detail, 'The rehearsal failed at line 17 (see rehearsal-failed): fix it and rehearse again, or run the migration on a copy of the data.');
});
