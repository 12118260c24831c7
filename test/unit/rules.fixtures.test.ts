// Data-driven fixture runner: test/fixtures/rules/<rule-id>/[<folders>/]{bad,ok}-*.{py,sql}.
// `bad-*` files must raise the rule (unacknowledged), `ok-*` files must not raise it at warning or above
// (guarded drops and rollbacks stay visible as info), and every file's findings for that rule must
// match the readable excerpt in `<file>.expected` (UPDATE_SNAPSHOTS=1 rewrites them).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { textReporter } from '../../server/src/cli/reporters/text';
import type { ProjectFacts } from '../../server/src/core/facts';
import type { AnalysisOptions } from '../../server/src/core/options';

const ROOT = path.join(__dirname, '..', 'fixtures', 'rules');
const update = process.env.UPDATE_SNAPSHOTS === '1';

/** Fixtures may sit in project folders of their own (a Django app's migrations/, a dir with alembic.ini). */
function fixtureFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return fixtureFiles(path.join(dir, e.name), `${prefix}${e.name}/`);
    return /^(?:bad|ok)-.*\.(?:py|sql)$/.test(e.name) ? [`${prefix}${e.name}`] : [];
  }).sort();
}

/** Rules that read the database or the model index get them from the folder's facts.json (a ProjectFacts). */
function factsFor(rule: string): Partial<AnalysisOptions> | undefined {
  const file = path.join(ROOT, rule, 'facts.json');
  return fs.existsSync(file) ? { facts: JSON.parse(fs.readFileSync(file, 'utf8')) as ProjectFacts } : undefined;
}

before(async () => {
  await initAnalyzer();
});

for (const rule of fs.readdirSync(ROOT).sort()) {
  describe(rule, () => {
    for (const file of fixtureFiles(path.join(ROOT, rule))) {
      test(file, () => {
        const full = path.join(ROOT, rule, file);
        // baseDir lets the analyser read a fixture's neighbours: earlier migrations, alembic.ini.
        const report = analyzeText(`${rule}/${file}`, fs.readFileSync(full, 'utf8'), { baseDir: ROOT, ...factsFor(rule) });
        // A finding merged into a more specific rule's (merge.ts) still counts for its own rule.
        const mine = report.findings.filter((f) => f.rule === rule || f.alsoRules?.includes(rule));
        const active = mine.filter((f) => !f.acknowledged);
        const loud = active.filter((f) => f.severity === 'error' || f.severity === 'warning');
        if (path.basename(file).startsWith('bad-')) assert.ok(loud.length > 0, `${file} must raise ${rule}`);
        else assert.equal(loud.length, 0, `${file} must not raise ${rule}, got: ${loud.map((f) => f.message).join(' | ')}`);
        const rendered = textReporter({ reports: [{ ...report, findings: mine }], errors: [], filesChecked: 1 }, { color: false });
        const expectedPath = `${full}.expected`;
        if (update || !fs.existsSync(expectedPath)) fs.writeFileSync(expectedPath, rendered);
        assert.equal(rendered, fs.readFileSync(expectedPath, 'utf8'));
      });
    }
  });
}
