// One finding per operation: a drop of a table without a model is flagged by drop-table and by
// drop-unmapped-table, and shows as one finding of the specific rule that names both, keeps the fixes of
// both, and still answers allow comments for either rule.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { jsonReporter } from '../../server/src/cli/reporters/json';
import { sarifReporter } from '../../server/src/cli/reporters/sarif';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { ProjectFacts } from '../../server/src/core/facts';
import type { Finding } from '../../server/src/core/findings';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'rules');
const FACTS = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'drop-unmapped-table', 'facts.json'), 'utf8')) as ProjectFacts;

function migration(...upgrade: string[]): string {
  return ['from alembic import op', '', 'revision = "0002"', 'down_revision = "0001"', '', '', 'def upgrade():', ...upgrade.map((l) => `    ${l}`), '', '', 'def downgrade():', '    pass', ''].join('\n');
}

function analyse(text: string): Finding[] {
  return analyzeText('merge/versions/0002.py', text, { facts: FACTS }).findings.filter((f) => f.rule !== 'irreversible-downgrade');
}

before(async () => {
  await initAnalyzer();
});

test('drop-table and drop-unmapped-table on one drop make one finding that names both rules and offers the fixes of both', () => {
  const findings = analyse(migration('op.drop_table("project_keywords")'));
  assert.deepEqual(findings.map((f) => [f.rule, f.alsoRules, f.severity]), [['drop-unmapped-table', ['drop-table'], 'error']]);
  const [f] = findings;
  assert.match(f.message, /Reported by drop-unmapped-table and drop-table\.$/);
  assert.match(f.message, /allow drop-table, drop-unmapped-table -- <reason>/);
  const ids = (f.fixes ?? []).map((x) => x.id);
  assert.equal(ids.filter((id) => id === 'allow').length, 1);
  assert.deepEqual(ids.sort(), ['allow', 'archive-table', 'backup-table', 'emptiness-guard']);
  const allow = f.fixes?.find((x) => x.id === 'allow');
  assert.match(allow?.edits[0].newText ?? '', /# migration-guard: allow drop-table, drop-unmapped-table -- \n$/);
});

test('the merged allow fix acknowledges the whole finding, with no unused allow comment', () => {
  const text = migration('# migration-guard: allow drop-table, drop-unmapped-table -- moved to the warehouse', 'op.drop_table("project_keywords")');
  const findings = analyse(text);
  assert.deepEqual(findings.map((f) => [f.rule, f.alsoRules, f.severity, f.acknowledged?.reason]), [['drop-unmapped-table', ['drop-table'], 'hint', 'moved to the warehouse']]);
});

test('an allow comment for one of the two rules acknowledges that rule only; the other stays an error on its own', () => {
  for (const [allowed, open] of [['drop-table', 'drop-unmapped-table'], ['drop-unmapped-table', 'drop-table']]) {
    const findings = analyse(migration(`# migration-guard: allow ${allowed} -- checked`, 'op.drop_table("project_keywords")'));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.alsoRules, f.severity]).sort(),
      [[allowed, undefined, 'hint'], [open, undefined, 'error']].sort(),
      `allow ${allowed}`,
    );
  }
});

test('two tables dropped by one statement stay two findings, each merged with its own drop-table', () => {
  const findings = analyse(migration('op.execute("DROP TABLE project_keywords, project_monthly_forecast")'));
  assert.deepEqual(findings.map((f) => [f.rule, f.table, f.alsoRules]).sort(), [
    ['drop-unmapped-table', 'project_keywords', ['drop-table']],
    ['drop-unmapped-table', 'project_monthly_forecast', ['drop-table']],
  ]);
});

test('JSON and SARIF consumers still see every rule that fired', () => {
  const text = migration('op.drop_table("project_keywords")');
  const report = analyzeText('merge/versions/0002.py', text, { facts: FACTS });
  const run = { reports: [report], errors: [], filesChecked: 1 };
  const json = JSON.parse(jsonReporter(run, { color: false })) as { findings: Array<{ rule: string; alsoRules?: string[] }> };
  assert.deepEqual(json.findings.filter((f) => f.alsoRules).map((f) => [f.rule, f.alsoRules]), [['drop-unmapped-table', ['drop-table']]]);
  const sarif = JSON.parse(sarifReporter([])(run, { color: false })) as { runs: Array<{ results: Array<{ ruleId: string; properties?: { alsoRules?: string[] } }> }> };
  assert.deepEqual(sarif.runs[0].results.filter((r) => r.properties).map((r) => [r.ruleId, r.properties?.alsoRules]), [['drop-unmapped-table', ['drop-table']]]);
});
