// What one `check` run remembers of the disk (core/dirLookups.ts): each migration is read once, a down
// migration is analysed after its up migration, and a second run in the same process sees what changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runOrder } from '../../server/src/cli/parallel';
import { runCli } from '../support/cli';

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-run-memory-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('a down migration is analysed just after its up migration, whose operations its history holds', () => {
  const names = ['1_a.down.sql', '1_a.up.sql', '2_b.down.sql', '2_b.up.sql', 'U1__x.sql', 'V1__x.sql', 'lemmy/down.sql', 'lemmy/up.sql'];
  const files = names.map((name) => ({ absolute: `/m/${name}`, rel: name }));
  assert.deepEqual(
    runOrder(files).map((i) => names[i]),
    ['1_a.up.sql', '1_a.down.sql', '2_b.up.sql', '2_b.down.sql', 'V1__x.sql', 'U1__x.sql', 'lemmy/up.sql', 'lemmy/down.sql'],
  );
});

const HISTORY = {
  'migrations/001_users.up.sql': 'CREATE TABLE users (id int, name varchar(10));\n',
  'migrations/001_users.down.sql': 'DROP TABLE users;\n',
  'migrations/002_widen.up.sql': 'ALTER TABLE users ALTER COLUMN name TYPE varchar(20);\n',
  'migrations/002_widen.down.sql': 'ALTER TABLE users ALTER COLUMN name TYPE varchar(10);\n',
  'migrations/003_drop.up.sql': 'DROP TABLE IF EXISTS users;\n',
};

/** The history was read (the widening is judged against the CREATE TABLE before it: values are kept), and no file was opened twice for it. */
function readOnce(out: string, opened: Map<string, number>): void {
  const findings = (JSON.parse(out) as { findings: { file: string; message: string }[] }).findings;
  assert.match(findings.find((f) => f.file.endsWith('002_widen.up.sql'))?.message ?? '', /values are kept/);
  assert.deepEqual([...opened].filter(([, n]) => n > 1), []);
  assert.equal(opened.size, 5);
}

test('each migration is opened once, though later ones read it as their history', async () => {
  const dir = tempDir(HISTORY);
  const opened = new Map<string, number>();
  // The module object itself: the core reads fs.openSync from it at each call, so this sees every open.
  const fsModule = require('node:fs') as { openSync: typeof fs.openSync };
  const real = fsModule.openSync;
  fsModule.openSync = (file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) => {
    if (String(file).endsWith('.sql')) opened.set(path.basename(String(file)), (opened.get(path.basename(String(file))) ?? 0) + 1);
    return real(file, flags ?? 'r', mode);
  };
  let run;
  try {
    run = await runCli(['check', '.', '--format', 'json', '--fail-on', 'never', '--jobs', '1'], dir);
  } finally {
    fsModule.openSync = real;
  }
  assert.equal(run.code, 0, run.err);
  readOnce(run.out, opened);
});

test('with --cache too (the built CLI), each migration its run analyses is opened once', () => {
  const cli = path.join(__dirname, '..', '..', 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), 'run `npm run build` first (npm test does)');
  const dir = tempDir(HISTORY);
  // Loaded before the CLI, in its process: counts the opens of .sql files and prints them at exit.
  const counter = path.join(dir, 'count-opens.js');
  fs.writeFileSync(
    counter,
    `const fs = require('node:fs'); const path = require('node:path'); const real = fs.openSync; const opened = {};
fs.openSync = (file, ...rest) => { if (String(file).endsWith('.sql')) opened[path.basename(String(file))] = (opened[path.basename(String(file))] ?? 0) + 1; return real(file, ...rest); };
process.on('exit', () => process.stderr.write(JSON.stringify(opened)));`,
  );
  const run = spawnSync(process.execPath, ['--require', counter, cli, 'check', 'migrations', '--format', 'json', '--fail-on', 'never', '--jobs', '1', '--cache', '--cache-location', path.join(dir, 'cache')], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  readOnce(run.stdout, new Map(Object.entries(JSON.parse(run.stderr) as Record<string, number>)));
});

test('a second run in the same process sees a configuration file written after the first', async () => {
  const dir = tempDir({ 'db/migration/V1__index.sql': 'CREATE INDEX idx ON users (name);\n' });
  const rules = async () => (JSON.parse((await runCli(['check', '.', '--format', 'json', '--fail-on', 'never'], dir)).out) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
  // No configuration: PostgreSQL, where a plain CREATE INDEX blocks writes to the table.
  assert.deepEqual(await rules(), ['create-index-non-concurrently']);
  // MySQL builds the index online.
  fs.writeFileSync(path.join(dir, 'flyway.conf'), 'flyway.url=jdbc:mysql://localhost/app\n');
  assert.deepEqual(await rules(), []);
});
