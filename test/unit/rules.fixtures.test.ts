// Data-driven fixture runner: test/fixtures/rules/<rule-id>/{bad,ok}-*.{py,sql}.
// `bad-*` files must raise the rule (unacknowledged), `ok-*` files must not raise it at warning or above
// (guarded drops and rollbacks stay visible as info), and every file's findings for that rule must
// match the readable excerpt in `<file>.expected` (UPDATE_SNAPSHOTS=1 rewrites them).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { textReporter } from '../../server/src/cli/reporters/text';

const ROOT = path.join(__dirname, '..', 'fixtures', 'rules');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /^(?:bad|ok)-.*\.(?:py|sql)$/.test(f)).sort();
}

before(async () => {
  await initAnalyzer();
});

for (const rule of fs.readdirSync(ROOT).sort()) {
  describe(rule, () => {
    for (const file of fixtureFiles(path.join(ROOT, rule))) {
      test(file, () => {
        const full = path.join(ROOT, rule, file);
        const report = analyzeText(`${rule}/${file}`, fs.readFileSync(full, 'utf8'));
        const mine = report.findings.filter((f) => f.rule === rule);
        const active = mine.filter((f) => !f.acknowledged);
        const loud = active.filter((f) => f.severity === 'error' || f.severity === 'warning');
        if (file.startsWith('bad-')) assert.ok(loud.length > 0, `${file} must raise ${rule}`);
        else assert.equal(loud.length, 0, `${file} must not raise ${rule}, got: ${loud.map((f) => f.message).join(' | ')}`);
        const rendered = textReporter({ reports: [{ ...report, findings: mine }], errors: [], filesChecked: 1 }, { color: false });
        const expectedPath = `${full}.expected`;
        if (update || !fs.existsSync(expectedPath)) fs.writeFileSync(expectedPath, rendered);
        assert.equal(rendered, fs.readFileSync(expectedPath, 'utf8'));
      });
    }
  });
}
