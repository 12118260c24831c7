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
