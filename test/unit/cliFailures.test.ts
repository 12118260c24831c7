// A run that fails as a whole (a URL that is not one, a ledger that cannot be read, a path that does not
// exist, an option that does not exist) says so in one sentence on stderr, exits 2, and with --format
// json or sarif still prints a well-formed document whose errors say what happened. Run through the built
// CLI, as CI runs it.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'out', 'cli.js');

function cli(args: string[], cwd: string): SpawnSyncReturns<string> {
  assert.ok(fs.existsSync(CLI), 'run `npm run build` first (npm test does)');
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, DATABASE_URL: '' } });
}

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-fail-'));
  fs.mkdirSync(path.join(dir, 'migrations'));
  fs.writeFileSync(path.join(dir, 'migrations/V1__drop.sql'), 'DROP TABLE accounts;\n');
  return dir;
}

/** Exit 2, one line on stderr (no stack trace), and the JSON document's one error. */
function assertJsonFailure(res: SpawnSyncReturns<string>, message: RegExp): void {
  assert.equal(res.status, 2, res.stderr);
  assert.equal(res.stderr.trimEnd().split('\n').length, 1, res.stderr);
  assert.match(res.stderr, /^migration-guard: /);
  assert.doesNotMatch(res.stderr, /internal error|\n\s+at /);
  const doc = JSON.parse(res.stdout) as { version: number; files: number; findings: unknown[]; errors: Array<{ file: string | null; message: string }> };
  assert.deepEqual({ version: doc.version, files: doc.files, findings: doc.findings, file: doc.errors[0]?.file, count: doc.errors.length }, { version: 1, files: 0, findings: [], file: null, count: 1 });
  assert.match(doc.errors[0].message, message);
  assert.ok(res.stderr.includes(doc.errors[0].message));
}

test('malformed database URLs: a sentence saying what is wrong, never the password, and a JSON document', () => {
  const dir = project();
  const cases: Array<[string, RegExp]> = [
    // An unencoded @ in the password is read as meant (up to the last @); nothing listens on port 1.
    ['postgresql://app:s3cr@t@127.0.0.1:1/prod', /^Could not connect to app@127\.0\.0\.1:1\/prod: the connection was refused/],
    ['postgresql://app:s3cr#t@db.internal/prod', /not a valid URL/],
    ['postgresql://app@db.internal:99999/prod', /port 99999 is not a port number \(1 to 65535\)/],
    ['postgresql://app@[::1/prod', /IPv6 address in brackets has no closing "\]"/],
  ];
  for (const [url, message] of cases) {
    const res = cli(['check', '.', '--format', 'json', '--database-url', url], dir);
    assertJsonFailure(res, message);
    assert.doesNotMatch(res.stdout + res.stderr, /s3cr/);
  }
});

test('with --format sarif a failure is a SARIF log whose run did not succeed', () => {
  const res = cli(['check', '.', '--format', 'sarif', '--database-url', 'postgresql://app@db.internal:99999/prod'], project());
  assert.equal(res.status, 2);
  const sarif = JSON.parse(res.stdout);
  assert.equal(sarif.version, '2.1.0');
  const invocation = sarif.runs[0].invocations[0];
  assert.equal(invocation.executionSuccessful, false);
  assert.match(invocation.toolExecutionNotifications[0].message.text, /port 99999/);
  assert.deepEqual(sarif.runs[0].results, []);
});

test('a ledger that cannot be read, under --format json --require-review, is a JSON document too', () => {
  const dir = project();
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.migration-review.json'), '{"version": 1, "signoffs": ');
  assertJsonFailure(cli(['check', '.', '--format', 'json', '--require-review'], dir), /\.migration-review\.json: not valid JSON/);
});

test('a path that does not exist and an unknown option fail the same way', () => {
  const dir = project();
  assertJsonFailure(cli(['check', 'nope', '--format', 'json'], dir), /^no such file or directory: nope$/);
  const unknown = cli(['check', '--format=json', '--frobnicate'], dir);
  assert.equal(unknown.status, 2);
  assert.match(JSON.parse(unknown.stdout).errors[0].message, /Unknown option '--frobnicate'/);
});

test('parity --format json answers a failure with a JSON document', () => {
  const dir = project();
  fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
  const res = cli(['parity', '.', '--format', 'json', '--database-url', 'postgresql://app@[::1/prod'], dir);
  assert.equal(res.status, 2);
  assert.deepEqual(JSON.parse(res.stdout), { version: 1, errors: [{ message: 'The database URL cannot be used: the IPv6 address in brackets has no closing "]".' }] });
});

test('with --format github a failure is an error annotation, and the summary says the run failed', () => {
  const res = cli(['check', '.', '--format', 'github', '--database-url', 'postgresql://app@db.internal:99999/prod'], project());
  assert.equal(res.status, 2);
  assert.equal(res.stdout, '::error::The database URL cannot be used: port 99999 is not a port number (1 to 65535).\nNo findings in 0 files; the run failed.\n');
});
