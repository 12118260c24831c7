import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { applyFix } from './fixes.helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/rules');

before(async () => {
  await initAnalyzer();
});

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(full);
    return /^(?:bad|ok)-.*\.(?:py|sql)$/.test(e.name) ? [full] : [];
  });
}

const parseErrors = (file: string, text: string) => analyzeText(file, text).findings.filter((f) => f.rule === 'parse-error').length;

// Every quick fix offered on every rule fixture must leave a file that still parses: a fix that breaks the
// migration it was meant to protect is worse than none.
test('every quick fix offered on the rule fixtures leaves a file that still parses', () => {
  let applied = 0;
  const broken: string[] = [];
  for (const file of fixtureFiles(FIXTURES)) {
    const text = fs.readFileSync(file, 'utf8');
    const report = analyzeText(file, text);
    const baseline = report.findings.filter((f) => f.rule === 'parse-error').length;
    for (const finding of report.findings) {
      for (const fix of finding.fixes ?? []) {
        applied++;
        const fixed = applyFix(text, fix);
        if (parseErrors(file, fixed) > baseline) broken.push(`${path.relative(FIXTURES, file)}:${finding.rule}:${fix.id}`);
      }
    }
  }
  assert.ok(applied > 100, `only ${applied} fixes were offered: the fixtures should exercise many`);
  assert.deepEqual(broken, []);
});
