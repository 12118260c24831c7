// VS Code shows diagnostic messages as plain text: a Markdown backtick would show literally. Messages
// quote with plain double quotes; Markdown is for hovers only. Backticks the analysed file itself holds
// (MySQL's quoted names) may still be quoted back.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { ProjectFacts } from '../../server/src/core/facts';

const ROOT = path.join(__dirname, '..', 'fixtures', 'rules');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(py|sql)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

before(async () => {
  await initAnalyzer();
});

test('no diagnostic message on the rule fixtures carries a backtick the file does not', () => {
  const offenders: string[] = [];
  let messages = 0;
  for (const rule of fs.readdirSync(ROOT)) {
    const factsFile = path.join(ROOT, rule, 'facts.json');
    const facts = fs.existsSync(factsFile) ? (JSON.parse(fs.readFileSync(factsFile, 'utf8')) as ProjectFacts) : undefined;
    for (const file of files(path.join(ROOT, rule))) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.includes('`')) continue;
      for (const f of analyzeText(file, text, { baseDir: ROOT, ...(facts ? { facts } : {}) }).findings) {
        messages++;
        if (f.message.includes('`')) offenders.push(`${path.relative(ROOT, file)}: ${f.message}`);
      }
    }
  }
  assert.ok(messages > 100, `only ${messages} messages were checked`);
  assert.deepEqual(offenders, []);
});
