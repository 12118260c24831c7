import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesAny } from '../../server/src/core/glob';

test('include/exclude globs follow VS Code glob syntax on workspace-relative paths', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/*.sql', 'a.sql', true],
    ['**/*.sql', 'x/y/a.sql', true],
    ['*.sql', 'x/a.sql', false],
    ['db/**', 'db/a/b.sql', true],
    ['db/**', 'dbx/a.sql', false],
    ['**/legacy/**', 'migrations/legacy/1.sql', true],
    ['migrations/{a,b}/*.py', 'migrations/b/x.py', true],
    ['migrations/{a,b}/*.py', 'migrations/c/x.py', false],
    ['migrations/[0-9]*.sql', 'migrations/1_x.sql', true],
    ['migrations/[!0-9]*.sql', 'migrations/1_x.sql', false],
    ['a?.sql', 'ab.sql', true],
    ['x.sql', 'axsql', false],
    ['./db/x.sql', 'db/x.sql', true],
  ];
  for (const [glob, file, expected] of cases) assert.equal(matchesAny(file, [glob]), expected, `${glob} ~ ${file}`);
});

test('backslashes in paths are treated as separators, and no globs match nothing', () => {
  assert.ok(matchesAny('db\\migrations\\V1__a.sql', ['db/migrations/*.sql']));
  assert.ok(!matchesAny('a.sql', []));
});
