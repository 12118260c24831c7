import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, type CliRun } from '../support/cli';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'ignore' });
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

const run = (args: string[], cwd: string): Promise<CliRun> => runCli(args, cwd);

interface JsonFinding {
  file: string;
  rule: string;
  message: string;
  severity: string;
}

/**
 * main: V1 creates the tables, V2 drops a column, V3 creates a table. The branch `feature` then changes
 * V3 and adds V4 (committed), V5 (staged) and V6 (untracked), while main goes on to edit V2 after the
 * branch point: a plain diff against main would list V2, the merge base does not.
 */
function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-changed-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'migrations/V1__create.sql', 'CREATE TABLE t (a varchar(255), b int);\nCREATE TABLE u (x int);\n');
  write(dir, 'migrations/V2__drop_b.sql', 'ALTER TABLE t DROP COLUMN b;\n');
  write(dir, 'migrations/V3__logs.sql', 'CREATE TABLE logs (id int);\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, 'migrations/V3__logs.sql', 'CREATE TABLE logs (id int);\nTRUNCATE u;\n');
  write(dir, 'migrations/V4__narrow.sql', 'ALTER TABLE t ALTER COLUMN a TYPE varchar(1000);\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'feature');
  git(dir, 'checkout', '-q', 'main');
  write(dir, 'migrations/V2__drop_b.sql', '-- reviewed\nALTER TABLE t DROP COLUMN b;\n');
  git(dir, 'commit', '-q', '-am', 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
  write(dir, 'migrations/V5__staged.sql', 'DELETE FROM u;\n');
  git(dir, 'add', 'migrations/V5__staged.sql');
  write(dir, 'migrations/V6__wip.sql', 'DROP TABLE u;\n');
  return dir;
}

test('--changed-since checks the migrations added or changed since the merge base, committed or not', async () => {
  const dir = repository();
  const changed = await run(['check', '--changed-since', 'main', '--format', 'json'], dir);
  assert.equal(changed.code, 1, changed.err);
  const json = JSON.parse(changed.out) as { files: number; findings: JsonFinding[] };
  assert.equal(json.files, 4);
  assert.deepEqual(
    [...new Set(json.findings.map((f) => `${f.file} ${f.rule}`))].sort(),
    ['migrations/V3__logs.sql truncate', 'migrations/V4__narrow.sql alter-column-type', 'migrations/V5__staged.sql delete-rows', 'migrations/V6__wip.sql drop-table'],
  );

  // The unchanged V1 is still read as V4's history: from varchar(255) the change is a widening that keeps
  // every value (a warning), as in a full run; without the history it would be an error.
  const full = JSON.parse((await run(['check', '--format', 'json'], dir)).out) as { findings: JsonFinding[] };
  const widening = (findings: JsonFinding[]) => findings.find((f) => f.rule === 'alter-column-type');
  assert.equal(widening(json.findings)?.severity, 'warning');
  assert.match(widening(json.findings)?.message ?? '', /values are kept/);
  assert.deepEqual(widening(json.findings), widening(full.findings));
  assert.ok(full.findings.some((f) => f.file === 'migrations/V2__drop_b.sql'), 'the full run does report V2');
});

test('--changed-since HEAD checks what is about to be committed, as the pre-commit hooks run it', async () => {
  const dir = repository();
  const { code, out } = await run(['check', '--changed-since', 'HEAD', '--format', 'json'], dir);
  assert.equal(code, 1);
  assert.deepEqual((JSON.parse(out) as { findings: JsonFinding[] }).findings.map((f) => f.file), ['migrations/V5__staged.sql', 'migrations/V6__wip.sql']);
});

test('--changed-since with nothing changed checks nothing and passes', async () => {
  const dir = repository();
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'all in');
  const { code, out } = await run(['check', '--changed-since', 'HEAD'], dir);
  assert.equal(code, 0);
  assert.equal(out, 'No findings in 0 files.\n');
});

test('--changed-since: an unknown ref or a directory outside git ends the run with exit 2 and one sentence', async () => {
  const dir = repository();
  const unknown = await run(['check', '--changed-since', 'origin/nope'], dir);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.out, '');
  assert.match(unknown.err, /^migration-guard: --changed-since: "origin\/nope" is not a commit, branch or tag in this repository [^\n]*\.\n$/);

  const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-not-git-'));
  write(plain, 'migrations/V1__drop.sql', 'DROP TABLE t;\n');
  const outside = await run(['check', '--changed-since', 'main'], plain);
  assert.equal(outside.code, 2);
  assert.match(outside.err, /^migration-guard: --changed-since needs a git repository, and \S+ is not in one\.\n$/);
});

test('--changed-since HEAD before the first commit: every file is new', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-unborn-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'migrations/V1__drop.sql', 'DROP TABLE t;\n');
  git(dir, 'add', '.');
  const { code, out } = await run(['check', '--changed-since', 'HEAD', '--format', 'json'], dir);
  assert.equal(code, 1);
  assert.deepEqual((JSON.parse(out) as { findings: JsonFinding[] }).findings.map((f) => `${f.file} ${f.rule}`), ['migrations/V1__drop.sql drop-table']);
  assert.equal((await run(['check', '--changed-since', 'main'], dir)).code, 2, 'another ref still has to exist');
});
