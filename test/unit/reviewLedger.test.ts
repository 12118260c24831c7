// The review ledger: content hashes that survive line-ending and whitespace churn but not edits, a ledger
// that cannot be read (a clear error, never overwritten), and sign-offs that race (no entry lost).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { findRepositoryRoot, LedgerError, ledgerKey, parseLedger, readLedger, recordSignOff, serialiseLedger, signOffStatus, type SignOff } from '../../server/src/core/review/ledger';
import { contentHash, normalizeContent } from '../../server/src/core/review/normalize';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-ledger-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const ledgerFile = () => path.join(fs.mkdtempSync(path.join(tmp, `l${n++}-`)), '.migration-review.json');

const MIGRATION = 'def upgrade():\n    op.drop_table("project_keywords")\n';

function signoff(text: string, by = 'Ada Lovelace <ada@example.com>'): SignOff {
  return { sha256: contentHash(text), signedBy: by, signedAt: '2026-03-02T10:15:00.000Z', checklist: [{ id: 'data-loss-handled', state: 'checked', by: 'tool' }] };
}

test('line endings, trailing whitespace, trailing blank lines and a BOM do not change the hash; an edit does', () => {
  const variants = [MIGRATION, MIGRATION.replace(/\n/g, '\r\n'), MIGRATION.replace(/\n/g, '  \n'), `${MIGRATION}\n\n\n`, `\ufeff${MIGRATION}`, MIGRATION.replace(/\n/g, '\r')];
  for (const v of variants) assert.equal(contentHash(v), contentHash(MIGRATION), JSON.stringify(v));
  assert.equal(normalizeContent('a \r\nb\t\r\n\r\n'), 'a\nb\n');
  assert.notEqual(contentHash(MIGRATION.replace('project_keywords', 'project_keyword')), contentHash(MIGRATION));
  assert.notEqual(contentHash(MIGRATION.replace('    op', '  op')), contentHash(MIGRATION), 'indentation is code in Python');
  assert.match(contentHash(MIGRATION), /^[0-9a-f]{64}$/);
});

test('a sign-off is valid for the content it hashed and stale after an edit', () => {
  const file = ledgerFile();
  recordSignOff(file, 'migrations/0002.py', signoff(MIGRATION));
  const ledger = readLedger(file);
  assert.equal(signOffStatus(ledger, 'migrations/0002.py', MIGRATION).state, 'valid');
  assert.equal(signOffStatus(ledger, 'migrations/0002.py', MIGRATION.replace(/\n/g, '\r\n')).state, 'valid');
  const edited = signOffStatus(ledger, 'migrations/0002.py', `${MIGRATION}    op.drop_table("users")\n`);
  assert.equal(edited.state, 'stale');
  assert.equal(edited.state === 'stale' && edited.signoff.signedBy, 'Ada Lovelace <ada@example.com>');
  assert.equal(signOffStatus(ledger, 'migrations/0003.py', MIGRATION).state, 'none');
});

test('the ledger is written with sorted keys, so a sign-off shows in a diff as the lines it added', () => {
  const file = ledgerFile();
  recordSignOff(file, 'b.py', signoff('b'));
  recordSignOff(file, 'a.py', signoff('a'));
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.indexOf('"a.py"') < text.indexOf('"b.py"'));
  assert.equal(text, serialiseLedger(parseLedger(text, file)));
  assert.equal(JSON.parse(text).version, 1);
});

test('a malformed ledger is a clear error naming the file and the problem', () => {
  const cases: Array<[string, RegExp]> = [
    ['{"version": 1, "signoffs": {', /not valid JSON/],
    ['[]', /expected a JSON object/],
    ['{"version": 2, "signoffs": {}}', /"version" is 2, but this Migration Guard reads version 1/],
    ['{"version": 1}', /"signoffs" must be an object/],
    ['{"version": 1, "signoffs": {"a.py": {"sha256": "xyz", "signedBy": "A", "signedAt": "2026-01-01", "checklist": []}}}', /"a\.py" has no valid "sha256"/],
    [`{"version": 1, "signoffs": {"../a.py": ${JSON.stringify(signoff('a'))}}}`, /not relative to the repository root/],
    [`{"version": 1, "signoffs": {"/abs/a.py": ${JSON.stringify(signoff('a'))}}}`, /not relative to the repository root/],
    [`{"version": 1, "signoffs": {"a.py": ${JSON.stringify({ ...signoff('a'), checklist: [{ id: 'x', state: 'maybe', by: 'tool' }] })}}}`, /checklist item without a valid/],
    [`{"version": 1, "signoffs": {"a.py": ${JSON.stringify({ ...signoff('a'), signedAt: 'yesterday' })}}}`, /no valid "signedAt"/],
  ];
  for (const [text, problem] of cases) {
    const file = ledgerFile();
    fs.writeFileSync(file, text);
    assert.throws(() => readLedger(file), (err: unknown) => err instanceof LedgerError && err.message.startsWith(`${file}: `) && problem.test(err.message), text);
  }
});

test('a malformed ledger is never overwritten by a sign-off', () => {
  const file = ledgerFile();
  const broken = '{"version": 1, "signoffs": {"a.py": {"sha256": ';
  fs.writeFileSync(file, broken);
  assert.throws(() => recordSignOff(file, 'b.py', signoff('b')), /does not overwrite a ledger it cannot read/);
  assert.equal(fs.readFileSync(file, 'utf8'), broken);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.migration-review.json'], 'no temporary or lock file is left behind');
});

test('a ledger changed by someone else during the write is read again, and both entries survive', () => {
  const file = ledgerFile();
  recordSignOff(file, 'first.py', signoff('1'));
  let interruptions = 0;
  recordSignOff(file, 'mine.py', signoff('2'), {
    beforeRename: () => {
      // An editor (which takes no lock) saves the ledger with another entry while ours is being written.
      if (interruptions++ > 0) return;
      const theirs = readLedger(file);
      theirs.signoffs['theirs.py'] = signoff('3', 'Grace Hopper');
      fs.writeFileSync(file, serialiseLedger(theirs));
    },
  });
  assert.equal(interruptions, 2, 'the write started again once');
  assert.deepEqual(Object.keys(readLedger(file).signoffs), ['first.py', 'mine.py', 'theirs.py']);
});

test('a ledger that keeps changing is left to the other writer, with an error', () => {
  const file = ledgerFile();
  let i = 0;
  assert.throws(
    () => recordSignOff(file, 'mine.py', signoff('2'), { beforeRename: () => fs.writeFileSync(file, serialiseLedger({ version: 1, signoffs: { [`other${i++}.py`]: signoff('x') } })) }),
    /kept changing .* nothing was written/,
  );
  assert.deepEqual(Object.keys(readLedger(file).signoffs), [`other${i - 1}.py`]);
});

test('two processes signing off at the same time lose neither one\'s entries', async () => {
  const file = ledgerFile();
  const writer = path.join(__dirname, '..', 'support', 'ledgerWriter.ts');
  const run = (prefix: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, file, prefix, '25'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${prefix} exited with ${code}: ${err}`))));
    });
  await Promise.all([run('alice'), run('bob')]);
  const keys = Object.keys(readLedger(file).signoffs);
  assert.equal(keys.length, 50);
  assert.equal(keys.filter((k) => k.startsWith('alice/')).length, 25);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.migration-review.json']);
});

test('a lock left by a writer that died is taken over; a live one makes the write wait, then fail clearly', () => {
  const file = ledgerFile();
  const lock = `${file}.lock`;
  fs.writeFileSync(lock, '99999\n');
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
  recordSignOff(file, 'a.py', signoff('a'));
  assert.ok(!fs.existsSync(lock));
  fs.writeFileSync(lock, '99999\n');
  assert.throws(() => recordSignOff(file, 'b.py', signoff('b'), { lockTimeoutMs: 100 }), /another sign-off is being written/);
  assert.deepEqual(Object.keys(readLedger(file).signoffs), ['a.py']);
});

test('the repository root is the nearest folder holding .git; keys are relative with forward slashes', () => {
  const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.mkdirSync(path.join(repo, '.git'));
  fs.mkdirSync(path.join(repo, 'db', 'migrations'), { recursive: true });
  assert.equal(findRepositoryRoot(path.join(repo, 'db', 'migrations'), '/fallback'), repo);
  assert.equal(ledgerKey(repo, path.join(repo, 'db', 'migrations', '0001.py')), 'db/migrations/0001.py');
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-norepo-'));
  try {
    assert.equal(findRepositoryRoot(outside, outside), outside);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
