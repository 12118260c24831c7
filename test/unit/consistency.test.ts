import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/rules';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'rules');

test('rule ids are unique kebab-case and match their file names', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
    assert.ok(fs.existsSync(path.join(REPO, 'server', 'src', 'core', 'rules', `${id}.ts`)), `rules/${id}.ts`);
  }
});

test('every rule has docs and a fixture folder with triggering and non-triggering files', () => {
  for (const rule of RULES) {
    assert.ok(rule.docs.summary && rule.docs.why && rule.docs.fix, `${rule.id} docs`);
    const dir = path.join(FIXTURES, rule.id);
    assert.ok(fs.existsSync(dir), `fixtures for ${rule.id}`);
    const files = fs.readdirSync(dir);
    assert.ok(files.some((f) => /^bad-.*\.(py|sql)$/.test(f)), `${rule.id} has a bad-* fixture`);
    assert.ok(files.some((f) => /^ok-.*\.(py|sql)$/.test(f)), `${rule.id} has an ok-* fixture`);
  }
});

test('every fixture folder belongs to a registered rule', () => {
  const ids = new Set(RULES.map((r) => r.id));
  for (const dir of fs.readdirSync(FIXTURES)) assert.ok(ids.has(dir), `fixtures/${dir} has no rule`);
});

test('every rule is listed in the README', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  for (const rule of RULES) assert.ok(readme.includes(`\`${rule.id}\``), `README lists ${rule.id}`);
});

test('core never imports vscode or the language-server packages', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (/from\s+['"](?:vscode|vscode-languageserver[\w/-]*|vscode-languageclient[\w/-]*)['"]|require\(\s*['"]vscode/.test(text)) {
          offenders.push(path.relative(REPO, full));
        }
      }
    }
  };
  walk(path.join(REPO, 'server', 'src', 'core'));
  assert.deepEqual(offenders, []);
});
