// `migration-guard baseline` and what `check` does with it: migrations recorded there have run, so their
// findings are hints that neither fail the run nor need a sign-off, unless --include-applied.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli, type CliRun } from '../support/cli';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const run = (args: string[], cwd: string): Promise<CliRun> => runCli(args, cwd, {});

/** A repository (it has .git) whose first migration, run long ago, dropped a table. */
function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-applied-cli-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'migrations', '20240101_drop_audit.sql'), 'DROP TABLE audit;\n');
  fs.writeFileSync(path.join(dir, 'db', 'migrations', '20240301_add_note.sql'), 'ALTER TABLE orders ADD COLUMN note text;\n');
  return dir;
}

const write = (dir: string, rel: string, text: string) => fs.writeFileSync(path.join(dir, rel), text);

test('after `baseline`, the old drop is history: a hint, exit 0, and the run says what it read', async () => {
  const dir = repo();
  assert.equal((await run(['check'], dir)).code, 1);
  const recorded = await run(['baseline'], dir);
  assert.equal(recorded.code, 0, recorded.err);
  assert.match(recorded.out, /Recorded 2 migrations as applied in \.migration-guard-baseline\.json/);
  const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.migration-guard-baseline.json'), 'utf8'));
  assert.deepEqual(Object.keys(baseline.files), ['db/migrations/20240101_drop_audit.sql', 'db/migrations/20240301_add_note.sql']);

  const r = await run(['check'], dir);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /20240101_drop_audit\.sql:1:1 {2}hint {2}drop-table/);
  assert.match(r.out, /already run \(\.migration-guard-baseline\.json\); error if it had not/);
  assert.match(r.out, /2 of the checked migrations have already run \(read from \.migration-guard-baseline\.json\)/);
  const json = JSON.parse((await run(['check', '--format', 'json'], dir)).out);
  assert.deepEqual(json.findings.find((f: { rule: string }) => f.rule === 'drop-table').applied, { source: '.migration-guard-baseline.json', severity: 'error' });

  const full = await run(['check', '--include-applied'], dir);
  assert.equal(full.code, 1);
  assert.match(full.out, /20240101_drop_audit\.sql:1:1 {2}error {2}drop-table/);
  assert.match(full.out, /1 \| DROP TABLE audit;\n.*\n {2}already run \(\.migration-guard-baseline\.json\)\n/);
});

test('an edited baselined migration is pending again and says so; a new one sorting before the baseline is out of order', async () => {
  const dir = repo();
  await run(['baseline'], dir);
  write(dir, 'db/migrations/20240101_drop_audit.sql', 'DROP TABLE audit;\nDROP TABLE audit_archive;\n');
  write(dir, 'db/migrations/20240201_from_old_branch.sql', 'ALTER TABLE orders ADD COLUMN ref text;\n');
  const r = await run(['check', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const found = JSON.parse(r.out).findings.map((f: { file: string; rule: string; severity: string }) => `${f.file.split('/').pop()} ${f.rule} ${f.severity}`);
  assert.deepEqual(found.sort(), [
    '20240101_drop_audit.sql drop-table error',
    '20240101_drop_audit.sql drop-table error',
    '20240101_drop_audit.sql edited-after-apply warning',
    '20240201_from_old_branch.sql pending-out-of-order warning',
  ]);
});

test('--require-review asks for sign-offs on pending migrations only, unless --include-applied', async () => {
  const dir = repo();
  await run(['baseline'], dir);
  write(dir, 'db/migrations/20240401_drop_orders.sql', 'DROP TABLE orders;\n');
  const r = await run(['check', '--require-review', '--fail-on', 'never'], dir);
  assert.equal(r.code, 1);
  assert.match(r.out, /1 migration that destroys data has no valid sign-off/);
  assert.match(r.out, /20240401_drop_orders\.sql: no sign-off/);
  assert.doesNotMatch(r.out, /20240101_drop_audit\.sql: no sign-off/);
  const all = await run(['check', '--require-review', '--fail-on', 'never', '--include-applied'], dir);
  assert.match(all.out, /20240101_drop_audit\.sql: no sign-off/);
});

test('a baseline that cannot be read ends the run with exit 2 and says why', async () => {
  const dir = repo();
  write(dir, '.migration-guard-baseline.json', '{"version": 1, "files": {"db/migrations/20240101_drop_audit.sql": 42}}');
  const r = await run(['check'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /the entry for db\/migrations\/20240101_drop_audit\.sql is not a sha256 content hash/);
});
