// What the file system can hand the CLI besides plain files: symbolic links (shared, dangling, looping),
// folders that cannot be listed, named pipes, devices, process substitution. Each either is checked or
// is reported as an error (exit 2); none is skipped in silence, and none hangs the run. These run the
// built CLI (out/cli.js), as a user does.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'out', 'cli.js');

/** The built CLI; a run that hangs fails the test after 20 s instead of hanging the suite. */
function cli(args: string[], cwd: string): SpawnSyncReturns<string> {
  assert.ok(fs.existsSync(CLI), 'run `npm run build` first (npm test does)');
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
}

/** The CLI under bash, for what only a shell makes: `<(...)`, a writer feeding a named pipe. */
function cliInBash(script: string, cwd: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE: process.execPath, CLI } });
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-hostile-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

interface JsonReport {
  files: number;
  findings: Array<{ file: string; rule: string; message: string }>;
  errors: Array<{ file: string | null; message: string }>;
}

function json(res: SpawnSyncReturns<string>): JsonReport {
  assert.equal(res.signal, null, `the run was killed (${res.signal}): it hung`);
  return JSON.parse(res.stdout) as JsonReport;
}

const ALEMBIC_DROP = 'from alembic import op\n\nrevision = "1"\ndown_revision = None\n\n\ndef upgrade():\n    op.drop_table("accounts")\n\n\ndef downgrade():\n    pass\n';

test('a symlinked .sql migration and a symlinked Alembic versions/ folder are followed and checked', () => {
  const dir = workspace({ 'shared/V1__drop.sql': 'DROP TABLE accounts;\n', 'shared-versions/0001_drop.py': ALEMBIC_DROP, 'svc/alembic.ini': '[alembic]\nscript_location = alembic\n' });
  fs.mkdirSync(path.join(dir, 'svc/db/migrations'), { recursive: true });
  fs.symlinkSync('../../../shared/V1__drop.sql', path.join(dir, 'svc/db/migrations/V1__drop.sql'));
  fs.mkdirSync(path.join(dir, 'svc/alembic'));
  fs.symlinkSync('../../shared-versions', path.join(dir, 'svc/alembic/versions'));
  const res = cli(['check', 'svc', '--format', 'json'], dir);
  const report = json(res);
  assert.equal(res.status, 1);
  assert.deepEqual(report.errors, []);
  assert.equal(report.files, 2);
  assert.deepEqual(report.findings.filter((f) => f.rule === 'drop-table').map((f) => f.file).sort(), ['svc/alembic/versions/0001_drop.py', 'svc/db/migrations/V1__drop.sql']);
});

test('a dangling link among migrations and a link that loops are errors (exit 2), not "No findings in 0 files"', () => {
  const dir = workspace({ 'db/migrations/V1__init.sql': 'CREATE TABLE t (a int);\n' });
  fs.symlinkSync('../../shared/V2__gone.sql', path.join(dir, 'db/migrations/V2__gone.sql'));
  fs.symlinkSync('V3__self.sql', path.join(dir, 'db/migrations/V3__self.sql'));
  // A folder linked to its own parent is walked once: the loop adds nothing and ends.
  fs.symlinkSync('..', path.join(dir, 'db/migrations/again'));
  const res = cli(['check', '.', '--format', 'json'], dir);
  const report = json(res);
  assert.equal(res.status, 2);
  assert.equal(report.files, 1);
  const byFile = Object.fromEntries(report.errors.map((e) => [e.file, e.message]));
  assert.deepEqual(Object.keys(byFile).sort(), ['db/migrations/V2__gone.sql', 'db/migrations/V3__self.sql']);
  assert.match(byFile['db/migrations/V2__gone.sql'], /symbolic link to \.\.\/\.\.\/shared\/V2__gone\.sql points to nothing \(dangling\)/);
  assert.match(byFile['db/migrations/V3__self.sql'], /leads back to itself \(a loop\)/);
});

test('a self-referencing link named on the command line is one error sentence, and a well-formed JSON document', () => {
  const dir = workspace({});
  fs.symlinkSync('self.sql', path.join(dir, 'self.sql'));
  const text = cli(['check', 'self.sql'], dir);
  assert.equal(text.status, 2);
  assert.match(text.stdout, /^error: self\.sql: this symbolic link to self\.sql leads back to itself \(a loop\), so it was not checked$/m);
  assert.doesNotMatch(text.stdout + text.stderr, /internal error|\n\s+at /);
  const res = cli(['check', 'self.sql', '--format', 'json'], dir);
  assert.equal(res.status, 2);
  assert.deepEqual(json(res).errors.map((e) => e.file), ['self.sql']);
  assert.match(res.stderr, /^migration-guard: self\.sql: this symbolic link .* \(a loop\)/);
});

test('a folder that cannot be listed is an error naming it, not an internal error or silence', () => {
  // Root reads any folder whatever its mode, so the test makes one whose path is longer than the system
  // accepts (PATH_MAX, 4096 bytes): it is built one relative step at a time, and listing it fails for real.
  const dir = workspace({ 'db/migrations/V1__init.sql': 'CREATE TABLE t (a int);\n' });
  const name = 'd'.repeat(250);
  const made = spawnSync('bash', ['-c', `cd db/migrations && for i in $(seq 20); do mkdir ${name} && cd ${name} || exit 1; done && printf 'DROP TABLE t;\\n' > V2__deep.sql`], { cwd: dir });
  assert.equal(made.status, 0, String(made.stderr));
  const res = cli(['check', '.', '--format', 'json'], dir);
  const report = json(res);
  assert.equal(res.status, 2);
  assert.equal(report.files, 1);
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0].message, /this folder could not be read \(its path is too long for the system to open\), so the migrations in it were not checked/);
  assert.ok(report.errors[0].file?.startsWith(`db/migrations/${name}/`));
  assert.doesNotMatch(res.stderr, /internal error/);
});

test('a named pipe in a walked folder is refused at once; one named on the command line is read, never waited on forever', () => {
  const dir = workspace({ 'db/migrations/V1__init.sql': 'CREATE TABLE t (a int);\n' });
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'db/migrations/V2__pipe.sql'), path.join(dir, 'lonely.sql'), path.join(dir, 'fed')]).status, 0);
  const walked = cli(['check', 'db', '--format', 'json'], dir);
  assert.equal(walked.status, 2);
  assert.deepEqual(json(walked).errors, [{ file: 'db/migrations/V2__pipe.sql', message: 'this is a named pipe, not a file; it was not read' }]);
  // Nobody writes to it: it reads as empty, at once.
  const lonely = cli(['check', 'lonely.sql', '--format', 'json'], dir);
  assert.equal(lonely.status, 0);
  assert.equal(json(lonely).files, 1);
  // A writer feeds it: what it writes is checked, whatever the pipe is called.
  const fed = cliInBash(`printf 'DROP TABLE accounts;\\n' > fed & "$NODE" "$CLI" check fed --format json`, dir);
  assert.equal(fed.status, 1, fed.stderr);
  assert.deepEqual(json(fed).findings.map((f) => [f.file, f.rule]), [['fed', 'drop-table']]);
});

test('check <(...) checks what the process writes, with exit 1 on a DROP TABLE', () => {
  const dir = workspace({});
  const res = cliInBash(`"$NODE" "$CLI" check <(printf 'DROP TABLE x;') --format json`, dir);
  assert.equal(res.status, 1, res.stderr);
  const report = json(res);
  assert.equal(report.files, 1);
  assert.deepEqual(report.findings.map((f) => f.rule), ['drop-table']);
  assert.match(report.findings[0].file, /^\/(?:dev\/fd|proc\/self\/fd)\/\d+$/);
});

test('devices are refused, and an endless pipe stops at the size limit on the bytes that arrived', () => {
  const dir = workspace({});
  const zero = cli(['check', '/dev/zero', '--format', 'json'], dir);
  assert.equal(zero.status, 2);
  assert.deepEqual(json(zero).errors, [{ file: '/dev/zero', message: 'this is a character device, not a file; it was not read' }]);
  // /dev/zero through a pipe: before, the CLI read it all (4.8 GB in 20 s); now it stops after 4 MiB.
  const endless = cliInBash(`"$NODE" "$CLI" check <(cat /dev/zero) --format json`, dir);
  assert.equal(endless.status, 1, endless.stderr);
  const report = json(endless);
  assert.deepEqual(report.findings.map((f) => f.rule), ['parse-error']);
  assert.match(report.findings[0].message, /larger than the 4 MiB \(4,194,304 bytes\) limit/);
});

test('a file of 4 MiB + 1 byte is over the limit, said in bytes; one of exactly 4 MiB is checked', () => {
  const limit = 4 * 1024 * 1024;
  const line = 'SELECT 1;\n';
  const body = (n: number) => `DROP TABLE big;\n${line.repeat(Math.ceil(n / line.length))}`.slice(0, n - 1) + '\n';
  const dir = workspace({ 'migrations/V1__at_limit.sql': body(limit), 'migrations/V2__over.sql': body(limit + 1) });
  const report = json(cli(['check', '.', '--format', 'json', '--fail-on', 'never'], dir));
  const rules = (file: string) => report.findings.filter((f) => f.file === file).map((f) => f.rule);
  assert.deepEqual(rules('migrations/V1__at_limit.sql'), ['drop-table']);
  assert.deepEqual(rules('migrations/V2__over.sql'), ['parse-error']);
  const message = report.findings.find((f) => f.file === 'migrations/V2__over.sql')?.message;
  assert.equal(message, 'This file is larger than the 4 MiB (4,194,304 bytes) limit (maxFileBytes), so it was not checked.');
});

test('a generated one-line migration is quoted in at most 160 characters with an ellipsis, and the parser message is capped', () => {
  const dir = workspace({ 'migrations/V1__gen.sql': `CREATE TABLE t (a int) ${'y'.repeat(50_000)};\n` });
  const res = cli(['check', '.', '--no-color'], dir);
  assert.equal(res.status, 1);
  assert.ok(res.stdout.length < 1_000, `${res.stdout.length} characters of output`);
  assert.match(res.stdout, /syntax error at or near "y{90,}…\); it was not checked/);
  assert.match(res.stdout, /^1 \| CREATE TABLE t \(a int\) y+…$/m);
  const report = json(cli(['check', '.', '--format', 'json'], dir));
  assert.ok(JSON.stringify(report).length < 1_000);
});

test('named pipes where project files belong (alembic.ini, env.py, the review ledger) never hang a run', () => {
  const dir = workspace({ 'migrations/versions/0001_drop.py': ALEMBIC_DROP });
  fs.mkdirSync(path.join(dir, '.git'));
  for (const rel of ['alembic.ini', 'migrations/env.py', '.migration-review.json']) assert.equal(spawnSync('mkfifo', [path.join(dir, rel)]).status, 0);
  const res = cli(['check', '.', '--format', 'json'], dir);
  const report = json(res);
  assert.equal(res.status, 2);
  assert.deepEqual(report.findings.map((f) => f.rule).sort(), ['drop-table', 'irreversible-downgrade']);
  assert.deepEqual(report.errors, [{ file: 'migrations/env.py', message: 'this is a named pipe, not a file; it was not read' }]);
  assert.match(res.stderr, /\.migration-review\.json: could not be read \(this is a named pipe, not a file; it was not read\)\. Sign-offs are not checked/);
  const gated = cli(['check', '.', '--require-review', '--format', 'json'], dir);
  assert.equal(gated.signal, null);
  assert.equal(gated.status, 2);
  assert.match(JSON.parse(gated.stdout).errors[0].message, /\.migration-review\.json: could not be read \(this is a named pipe/);
});

test('a named file is never nothing: another extension is read by its content, a Python file that is no migration is said so', () => {
  const dir = workspace({ 'V2__drop.txt': 'DROP TABLE accounts;\n', 'upgrade.txt': ALEMBIC_DROP, 'app/models.py': 'class User:\n    pass\n' });
  const res = cli(['check', 'V2__drop.txt', 'upgrade.txt', 'app/models.py', '--format', 'json'], dir);
  assert.equal(res.status, 1);
  const report = json(res);
  assert.equal(report.files, 2);
  assert.deepEqual(report.findings.filter((f) => f.rule === 'drop-table').map((f) => f.file), ['V2__drop.txt', 'upgrade.txt']);
  assert.match(res.stderr, /^migration-guard: app\/models\.py is not an Alembic or Django migration .*; it was not checked\.$/m);
});
