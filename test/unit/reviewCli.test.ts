// `check --require-review`: a migration that destroys data needs a sign-off in .migration-review.json
// whose hash matches the file as it is; the run says which migrations lack one and why.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { contentHash } from '../../server/src/core/review/normalize';
import { runCli, type CliRun } from '../support/cli';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const run = (args: string[], cwd: string): Promise<CliRun> => runCli(args, cwd, {});

const DROP = '-- migration-guard: allow drop-table -- replaced by events_v2 in ticket 88\nDROP TABLE events;\n';
const SAFE = 'CREATE TABLE events_v2 (id int);\n';

/** A repository (it has .git) with two migrations and, optionally, a ledger. */
function repo(ledger?: (hash: (text: string) => string) => unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-review-cli-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'migrations', 'V1__create.sql'), SAFE);
  fs.writeFileSync(path.join(dir, 'db', 'migrations', 'V2__drop.sql'), DROP);
  if (ledger) fs.writeFileSync(path.join(dir, '.migration-review.json'), JSON.stringify(ledger(contentHash)));
  return dir;
}

const signedOff = (sha256: string) => ({
  version: 1,
  signoffs: { 'db/migrations/V2__drop.sql': { sha256, signedBy: 'Ada Lovelace <ada@example.com>', signedAt: '2026-03-02T10:15:00.000Z', checklist: [] } },
});

test('an acknowledged drop without a sign-off fails the review gate, and says which file and why', async () => {
  const dir = repo();
  const plain = await run(['check'], dir);
  assert.equal(plain.code, 0, 'without --require-review the acknowledged drop passes');
  const gated = await run(['check', '--require-review'], dir);
  assert.equal(gated.code, 1);
  assert.match(gated.out, /1 migration that destroys data has no valid sign-off in \.migration-review\.json:\n {2}db\/migrations\/V2__drop\.sql: no sign-off\n/);
  assert.doesNotMatch(gated.out, /V1__create/, 'a migration that destroys nothing needs no sign-off');
});

test('a valid sign-off passes; an edit after it fails with who signed and when', async () => {
  const dir = repo((hash) => signedOff(hash(DROP)));
  assert.equal((await run(['check', '--require-review'], dir)).code, 0);
  // Line endings and trailing spaces are not an edit.
  fs.writeFileSync(path.join(dir, 'db', 'migrations', 'V2__drop.sql'), DROP.replace(/\n/g, '  \r\n'));
  assert.equal((await run(['check', '--require-review'], dir)).code, 0);
  fs.appendFileSync(path.join(dir, 'db', 'migrations', 'V2__drop.sql'), 'DROP TABLE audit;\n');
  const stale = await run(['check', '--require-review', '--fail-on', 'never'], dir);
  assert.equal(stale.code, 1);
  assert.match(stale.out, /db\/migrations\/V2__drop\.sql: signed off by Ada Lovelace <ada@example\.com> on 2026-03-02, but the file changed since/);
  assert.match(stale.out, /warning {2}stale-review {2}Ada Lovelace <ada@example\.com> signed this migration off on 2026-03-02, but it has changed since/);
});

test('from a subfolder the ledger at the repository root is used; json output stays parseable', async () => {
  const dir = repo();
  const sub = path.join(dir, 'db');
  const { code, out, err } = await run(['check', '--require-review', '--format', 'json'], sub);
  assert.equal(code, 1);
  assert.equal(JSON.parse(out).version, 1);
  assert.match(err, /migrations\/V2__drop\.sql: no sign-off/);
});

test('a ledger that cannot be read stops the gate with a clear error (exit 2); a plain check warns and goes on', async () => {
  const dir = repo();
  fs.writeFileSync(path.join(dir, '.migration-review.json'), '{"version": 1, "signoffs": ');
  const gated = await run(['check', '--require-review'], dir);
  assert.equal(gated.code, 2);
  assert.match(gated.err, /\.migration-review\.json: not valid JSON .* does not overwrite a ledger it cannot read/);
  const plain = await run(['check'], dir);
  assert.equal(plain.code, 0);
  assert.match(plain.err, /Sign-offs are not checked in this run/);
  assert.equal(fs.readFileSync(path.join(dir, '.migration-review.json'), 'utf8'), '{"version": 1, "signoffs": ');
});
