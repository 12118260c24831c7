// package.json's contributions must agree with the code: the rules registry, the command registry, and the
// settings the server reads. `npm run gen:contributes` rewrites the generated parts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { contributedCommands, PACKAGE_JSON, rulesSetting } from '../../scripts/gen-contributes';

const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8'));
const properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> = pkg.contributes.configuration.properties;

test('migrationGuard.rules lists every registered rule (run npm run gen:contributes after adding one)', () => {
  assert.deepEqual(properties['migrationGuard.rules'], rulesSetting());
});

test('contributes.commands matches the command registry', () => {
  assert.deepEqual(pkg.contributes.commands, contributedCommands());
});

test('every setting the server reads is contributed, with its default and a description', () => {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const property = properties[`migrationGuard.${key}`];
    assert.ok(property, `migrationGuard.${key} is contributed`);
    assert.deepEqual(property.default, value, `migrationGuard.${key} default`);
  }
  for (const [key, property] of Object.entries(properties)) {
    assert.ok(property.description || property.markdownDescription, `${key} has a description`);
  }
});

test('the extension entry point, activation and grammar are wired to files the build and the repo provide', () => {
  assert.equal(pkg.main, './out/extension.js');
  assert.ok(pkg.activationEvents.includes('workspaceContains:**/alembic.ini'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  for (const grammar of pkg.contributes.grammars) {
    assert.ok(fs.existsSync(path.join(path.dirname(PACKAGE_JSON), grammar.path)), grammar.path);
  }
});

/** The .vscodeignore allowlist (`!pattern` lines, `*` within one path segment) lets `file` into the package. */
function packaged(file: string): boolean {
  const allow = fs.readFileSync(path.join(path.dirname(PACKAGE_JSON), '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!'));
  return allow.some((l) => new RegExp(`^${l.slice(1).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(file));
}

test('the walkthrough: every step has a markdown page that exists and is packaged, and links only to commands that exist', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openMigration', 'connectDatabase', 'reviewAndSignOff', 'preventDrops']);
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const step of walkthrough.steps) {
    const page = step.media.markdown;
    assert.ok(fs.existsSync(path.join(path.dirname(PACKAGE_JSON), page)), page);
    assert.ok(packaged(page), `${page} is allowlisted in .vscodeignore`);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commands.has(command) || command.startsWith('workbench.action.'), `${step.id} links to ${command}`);
    }
    for (const event of step.completionEvents ?? []) {
      const m = /^onCommand:(.+)$/.exec(event);
      if (m) assert.ok(commands.has(m[1]), `${step.id} completes on ${m[1]}`);
    }
  }
  assert.ok(walkthrough.steps.some((s: { description: string }) => s.description.includes('command:migrationGuard.setDatabasePassword')), 'the password goes into secret storage');
});

test('the language server, the worker it analyses large files on (server/src/lsp/background.ts) and the one rehearsals run PGlite in (core/rehearsal/pgliteWorker.ts) are packaged', () => {
  for (const bundle of ['out/server.js', 'out/serverWorker.js', 'out/rehearsalWorker.js']) assert.ok(packaged(bundle), `${bundle} is allowlisted in .vscodeignore`);
});

test('the icon is a 128x128 PNG, and it and the changelog are packaged', () => {
  const png = fs.readFileSync(path.join(path.dirname(PACKAGE_JSON), pkg.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.ok(packaged(pkg.icon), pkg.icon);
  assert.ok(packaged('CHANGELOG.md') && fs.existsSync(path.join(path.dirname(PACKAGE_JSON), 'CHANGELOG.md')));
  assert.ok(!packaged('walkthrough/notes.txt') && !packaged('server/src/cli/main.ts'), 'the allowlist stays an allowlist');
});
