import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { forgetDirectoryLookups } from '../../server/src/core/dirLookups';
import { findProject } from '../../server/src/core/models';
import { dialectFromProject } from '../../server/src/core/project';

// The module object itself, whose functions the core looks up at each call.
const fs = require('node:fs') as typeof import('node:fs');

/** Counts stat and exists calls made while `run` runs. */
function countLookups(run: () => void): number {
  const target = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { statSync: target.statSync, existsSync: target.existsSync };
  let calls = 0;
  for (const name of ['statSync', 'existsSync'] as const) {
    target[name] = (...args: unknown[]) => {
      calls++;
      return originals[name].apply(fs, args);
    };
  }
  try {
    run();
  } finally {
    Object.assign(target, originals);
  }
  return calls;
}

/** 40 Prisma-style migration folders, one per migration, deep below a project with no configuration file. */
function prismaTree(): { root: string; dirs: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-dirlookups-'));
  const base = path.join(root, 'packages/db/prisma/migrations');
  const dirs = Array.from({ length: 40 }, (_, i) => path.join(base, `2024010100000${i}_step`));
  for (const d of dirs) {
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'migration.sql'), 'DROP TABLE t;\n');
  }
  return { root, dirs };
}

test('each directory is asked for its configuration files once, misses included, however many directories lie below it', () => {
  forgetDirectoryLookups();
  const { root, dirs } = prismaTree();
  try {
    const levels = dirs[0].split(path.sep).length;
    const calls = countLookups(() => {
      for (const d of dirs) {
        assert.equal(dialectFromProject(d, path.join(d, 'migration.sql')), undefined);
        assert.equal(findProject(d), undefined);
      }
    });
    // Six configuration files for the dialect and two project files, once per directory on the way up
    // (the 40 folders and the levels above them), plus one check that each start is a directory.
    // Walking every parent again for every folder took about 40 × levels × 8.
    const bound = (dirs.length + levels) * 8 + dirs.length * 2;
    assert.ok(calls <= bound, `${calls} stat/exists calls for ${dirs.length} folders ${levels} levels deep (at most ${bound})`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('forgetDirectoryLookups lets a configuration file added since be found', () => {
  forgetDirectoryLookups();
  const { root, dirs } = prismaTree();
  try {
    assert.equal(dialectFromProject(dirs[0]), undefined);
    assert.equal(findProject(dirs[0]), undefined);
    fs.writeFileSync(path.join(root, 'packages/db/prisma/migrations/migration_lock.toml'), 'provider = "mysql"\n');
    fs.writeFileSync(path.join(root, 'packages/db/manage.py'), '');
    // Until told, a run keeps its answers (a CLI run never sees these files change).
    assert.equal(dialectFromProject(dirs[0]), undefined);
    forgetDirectoryLookups();
    assert.equal(dialectFromProject(dirs[0]), 'mysql');
    assert.equal(findProject(dirs[0])?.root, path.join(root, 'packages/db'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
