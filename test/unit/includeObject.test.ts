// The env.py edit behind "Stop autogenerate from dropping tables without a model", on the shapes env.py
// takes: Alembic's generic and async templates, a hook of its own (passed to one call only), an imported
// hook, and Flask-Migrate's `**configure_args`. Each result is compared with a readable expected file,
// must parse as Python, and must be left alone by a second run. test/db/includeObjectAlembic.test.ts runs
// the result under Alembic itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { TextEdit } from '../../server/src/core/findings';
import { hasUnmappedGuard, preventUnmappedDrops } from '../../server/src/core/fixes/includeObject';
import { initPythonParser, parsePythonSource } from '../../server/src/core/parse/python';
import { applyFix } from './fixes.helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'envpy');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

before(async () => {
  await initPythonParser();
});

function applyEdits(text: string, edits: TextEdit[]): string {
  return applyFix(text, { edits });
}

function fixed(name: string): string {
  const text = fs.readFileSync(path.join(DIR, `${name}.py`), 'utf8');
  assert.equal(hasUnmappedGuard(text), false, `${name}: the guard is reported missing before the edit`);
  const result = preventUnmappedDrops(text);
  assert.equal(result.kind, 'edit', `${name}: ${JSON.stringify(result)}`);
  if (result.kind !== 'edit') throw new Error('unreachable');
  const out = applyEdits(text, result.edits);
  const expectedFile = path.join(DIR, `${name}.expected.txt`);
  if (UPDATE) fs.writeFileSync(expectedFile, out);
  assert.equal(out, fs.readFileSync(expectedFile, 'utf8'), `${name}: differs from ${expectedFile} (UPDATE_SNAPSHOTS=1 rewrites it)`);
  const { tree } = parsePythonSource(out);
  assert.equal(tree.rootNode.hasError, false, `${name}: the result parses`);
  tree.delete();
  assert.deepEqual(preventUnmappedDrops(out), { kind: 'in-place' }, `${name}: a second run changes nothing`);
  assert.equal(hasUnmappedGuard(out), true);
  return out;
}

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

test("generic template: a new hook before run_migrations_offline, passed to both calls in each call's style", () => {
  const out = fixed('generic');
  assert.equal(count(out, 'include_object=include_object'), 2);
  assert.ok(out.indexOf('def include_object(') < out.indexOf('def run_migrations_offline('));
  assert.match(out, /dialect_opts=\{"paramstyle": "named"\},\n        include_object=include_object,\n    \)/);
  assert.match(out, /connection=connection, target_metadata=target_metadata, include_object=include_object\n/);
});

test('an include_object of its own: the condition goes at the top of it, after its docstring, and the online call gets it too', () => {
  const out = fixed('existing-hook');
  assert.equal(count(out, 'def include_object('), 1, 'no second hook');
  assert.equal(count(out, 'include_object=include_object'), 2, 'the offline call keeps its one keyword, the online call gets one');
  assert.match(out, /"""Leave the extension's tables alone\."""\n(?:    #[^\n]*\n)*    if type_ == "table" and reflected and compare_to is None:\n        return False\n    if type_ == "table" and name in IGNORED:/);
});

test('an imported include_object: a new hook asks it after the condition, and both calls pass the new hook', () => {
  const out = fixed('imported-hook');
  assert.equal(count(out, 'include_object=keep_postgis_tables'), 0);
  assert.equal(count(out, 'include_object=include_object,'), 2, 'the keyword is replaced, not added a second time');
  assert.match(out, /return keep_postgis_tables\(object, name, type_, reflected, compare_to\)/);
});

test('async template: the hook is passed in run_migrations_offline and in do_run_migrations', () => {
  const out = fixed('async');
  assert.equal(count(out, 'include_object=include_object'), 2);
  assert.match(out, /context\.configure\(connection=connection, target_metadata=target_metadata, include_object=include_object\)/);
});

test("Flask-Migrate: the offline call gets the keyword; configure_args are chained with the hook, not given include_object twice", () => {
  const out = fixed('flask-migrate');
  assert.equal(count(out, 'include_object=include_object'), 1, 'offline call only');
  assert.match(out, /\*\*with_include_object\(current_app\.extensions\['migrate'\]\.configure_args\)/);
  assert.match(out, /def with_include_object\(configure_args\):/);
});

test('a hook with different parameter names keeps its names; one already excluding unmapped tables is in place', () => {
  const text = [
    'from alembic import context',
    'def keep(obj, n, kind, was_reflected, model):',
    '    if kind == "table" and was_reflected and model is None:',
    '        return False',
    '    return True',
    'def run():',
    '    context.configure(url="x", include_object=keep)',
    '    context.configure(connection=None, include_object=keep)',
    '',
  ].join('\n');
  assert.deepEqual(preventUnmappedDrops(text), { kind: 'in-place' });
  const bare = text.replace('    if kind == "table" and was_reflected and model is None:\n        return False\n', '');
  const result = preventUnmappedDrops(bare);
  assert.equal(result.kind, 'edit');
  if (result.kind === 'edit') assert.match(applyEdits(bare, result.edits), /\n    if kind == "table" and was_reflected and model is None:\n        return False\n    return True/);
});

test('refuses with a reason: no configure call, different hooks per call, a lambda', () => {
  assert.equal(preventUnmappedDrops('x = 1\n').kind, 'error');
  const two = preventUnmappedDrops('from alembic import context\ncontext.configure(include_object=a)\ncontext.configure(include_object=b)\n');
  assert.ok(two.kind === 'error' && /different include_object hooks \(a, b\)/.test(two.message));
  const lambda = preventUnmappedDrops('from alembic import context\ncontext.configure(include_object=lambda *a: True)\n');
  assert.equal(lambda.kind, 'error');
});

test('every result is Python that python3 compiles', { skip: spawnSync('python3', ['--version']).status !== 0 && 'python3 is not installed' }, () => {
  for (const name of ['generic', 'existing-hook', 'imported-hook', 'async', 'flask-migrate']) {
    const r = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "env.py", "exec")'], { input: fs.readFileSync(path.join(DIR, `${name}.expected.txt`)), encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
});

test('a new hook takes a name env.py does not bind yet', () => {
  const text = 'from alembic import context\nfrom app.filters import include_object as include_object\n\n\ndef run():\n    context.configure(url="x")\n';
  const result = preventUnmappedDrops(text);
  assert.equal(result.kind, 'edit');
  if (result.kind === 'edit') {
    const out = applyEdits(text, result.edits);
    assert.match(out, /def skip_tables_without_model\(object, name, type_, reflected, compare_to\):/);
    assert.match(out, /context\.configure\(url="x", include_object=skip_tables_without_model\)/);
  }
  // A module imported from binds no name of its own.
  const fromModule = preventUnmappedDrops(text.replace('from app.filters import include_object as include_object', 'from include_object import rules'));
  assert.ok(fromModule.kind === 'edit' && fromModule.edits.some((e) => e.newText.includes('def include_object(')));
});
