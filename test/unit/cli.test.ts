import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { threadsFor } from '../../server/src/cli/parallel';
import { initAnalyzer } from '../../server/src/core/analyze';
import { fastParse } from '../../server/src/core/parse/pg/fast';
import { parsePythonFast } from '../../server/src/core/parse/python/fast';
import { runCli, type CliRun } from '../support/cli';

const REPO = path.join(__dirname, '..', '..');

const run = (args: string[], cwd: string): Promise<CliRun> => runCli(args, cwd);

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const ALEMBIC = (body: string) => `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "1"\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

test('json output follows the contract, and walking finds migrations by location and content', async () => {
  const dir = workspace({
    'alembic.ini': '[alembic]\nscript_location = db/alembic\n',
    'db/alembic/versions/0001_drop.py': ALEMBIC('    op.drop_table("legacy")'),
    'db/alembic/env.py': 'from alembic import context\n',
    'app/models.py': 'class User: pass\n',
    'sql/seed.sql': 'DELETE FROM users;\n',
    'flyway/V2__truncate.sql': 'TRUNCATE audit;\n',
  });
  const { code, out } = await run(['check', '.', '--format', 'json'], dir);
  assert.equal(code, 1);
  const json = JSON.parse(out);
  assert.equal(json.version, 1);
  assert.equal(json.files, 2, 'seed.sql, env.py and models.py are not migrations');
  assert.deepEqual(json.errors, []);
  const drop = json.findings.find((f: { rule: string }) => f.rule === 'drop-table');
  assert.deepEqual(
    { file: drop.file, line: drop.line, column: drop.column, endLine: drop.endLine, endColumn: drop.endColumn, severity: drop.severity, phase: drop.phase, table: drop.table, column_name: drop.column_name },
    { file: 'db/alembic/versions/0001_drop.py', line: 9, column: 5, endLine: 9, endColumn: 28, severity: 'error', phase: 'upgrade', table: 'legacy', column_name: null },
  );
  assert.ok(json.findings.some((f: { rule: string; file: string }) => f.rule === 'truncate' && f.file === 'flyway/V2__truncate.sql'));
});

test('exit codes: 0 when clean, 1 at or above --fail-on, 2 for usage errors and missing paths', async () => {
  const dir = workspace({ 'migrations/0001.sql': 'CREATE INDEX ix ON t (a);\n', 'migrations/0002.sql': 'CREATE TABLE t (a int);\n' });
  assert.equal((await run(['check', 'migrations/0002.sql'], dir)).code, 0);
  assert.equal((await run(['check', '.'], dir)).code, 0, 'a warning does not fail by default');
  assert.equal((await run(['check', '.', '--fail-on', 'warning'], dir)).code, 1);
  assert.equal((await run(['check', '.', '--fail-on', 'never', '--format', 'github'], dir)).code, 0);
  const missing = await run(['check', 'nope'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file or directory: nope/);
  assert.equal((await run(['check', '--format', 'xml'], dir)).code, 2);
  assert.equal((await run(['check', '--bogus'], dir)).code, 2);
  assert.equal((await run(['frobnicate'], dir)).code, 2);
});

test('acknowledged findings do not fail the run', async () => {
  const dir = workspace({ 'migrations/0001.sql': '-- migration-guard: allow drop-table -- replaced by events_v2 in #88\nDROP TABLE events;\n' });
  const { code, out } = await run(['check', '.', '--format', 'json'], dir);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).findings[0].acknowledged, 'replaced by events_v2 in #88');
});

test('sarif output is SARIF 2.1.0 with the rule catalogue', async () => {
  const dir = workspace({ 'migrations/0001.sql': 'DROP TABLE events;\n' });
  const sarif = JSON.parse((await run(['check', '.', '--format', 'sarif'], dir)).out);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'migration-guard');
  assert.ok(run0.tool.driver.rules.length >= 25);
  assert.equal(run0.results[0].ruleId, 'drop-table');
  assert.equal(run0.results[0].level, 'error');
});

test('the bundled CLI runs on the incident example and names the three dropped tables', () => {
  const cli = path.join(REPO, 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), 'run `npm run build` first (npm test does)');
  const res = spawnSync(process.execPath, [cli, 'check', 'examples/incident', '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(res.status, 1, res.stderr);
  // One finding per drop: drop-unmapped-table, with the drop-table it stands for in alsoRules.
  type Json = { rule: string; alsoRules?: string[]; table: string };
  const drops = (JSON.parse(res.stdout).findings as Json[]).filter((f) => f.rule === 'drop-table' || f.alsoRules?.includes('drop-table'));
  assert.deepEqual(drops.map((f) => [f.table, f.rule]), [
    ['project_keywords', 'drop-unmapped-table'],
    ['project_resource_mappings', 'drop-unmapped-table'],
    ['project_monthly_forecast', 'drop-unmapped-table'],
  ]);
});

test('--dialect reads SQL with the chosen dialect and rejects unknown ones', async () => {
  const dir = workspace({ 'migrations/0001.sql': 'ALTER TABLE `orders` DROP COLUMN `coupon`;\n' });
  const mysql = await run(['check', '.', '--format', 'json', '--dialect', 'mysql'], dir);
  assert.equal(mysql.code, 1);
  assert.deepEqual(JSON.parse(mysql.out).findings.map((f: { rule: string; column_name: string }) => [f.rule, f.column_name]), [['drop-column', 'coupon']]);
  const bad = await run(['check', '.', '--dialect', 'oracle'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--dialect must be one of postgres, mysql, sqlite/);
});

test('worker threads change nothing: --jobs 1 and --jobs 3 give the same report over every rule fixture', () => {
  const cli = path.join(REPO, 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), 'run `npm run build` first (npm test does)');
  const runWith = (jobs: string) => {
    const res = spawnSync(process.execPath, [cli, 'check', 'test/fixtures/rules', '--format', 'json', '--fail-on', 'never', '--jobs', jobs], { cwd: REPO, encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    return JSON.parse(res.stdout) as { findings: unknown[]; summary: unknown };
  };
  const one = runWith('1');
  assert.ok(one.findings.length > 100, `expected the fixtures to produce findings, got ${one.findings.length}`);
  assert.deepEqual(runWith('3'), one);
});

test('threads are started only when the work ahead pays for their start-up and there are cores to run them', () => {
  assert.equal(threadsFor(0, 8), 1);
  assert.equal(threadsFor(300, 8), 1, '300 ms of work: a worker would cost more than it saves');
  assert.equal(threadsFor(1000, 4), 2);
  assert.equal(threadsFor(5000, 2), 1, 'on two cores one thread and its V8 background threads already keep both busy');
  assert.equal(threadsFor(1000, 1), 1, 'never more threads than cores');
  assert.equal(threadsFor(5000, 4), 2);
  assert.equal(threadsFor(5000, 8), 4, 'a fifth thread would save 250 ms');
});

test('--cache: a second run reuses results, and every input a report depends on invalidates it', () => {
  const cli = path.join(REPO, 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), 'run `npm run build` first (npm test does)');
  const dir = workspace({
    'flyway.conf': 'flyway.url=jdbc:mysql://localhost/app\n',
    'sql/V1__create.sql': 'CREATE TABLE t (a varchar(100), b int);\n',
    'sql/V2__narrow.sql': 'ALTER TABLE t MODIFY a varchar(10);\n',
    'sql/V3__drop.sql': 'ALTER TABLE t DROP COLUMN b;\n',
  });
  const cacheFile = path.join(dir, '.migration-guard-cache.json');
  const check = (...extra: string[]) => {
    const res = spawnSync(process.execPath, [cli, 'check', 'sql', '--format', 'json', '--fail-on', 'never', ...extra], { cwd: dir, encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    return res.stdout;
  };
  // The property that matters: with the cache, every run prints what a run without it prints.
  const sameAsUncached = (what: string) => assert.equal(check('--cache'), check(), what);

  sameAsUncached('first run (empty cache)');
  const stored = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> };
  assert.deepEqual(Object.keys(stored.entries).sort(), ['sql/V1__create.sql', 'sql/V2__narrow.sql', 'sql/V3__drop.sql']);
  sameAsUncached('second run (all from the cache)');
  assert.match(check('--cache'), /values that do not fit are cut/, 'V2 narrows what V1 created');

  // V2's report depends on V1 (its history): changing only V1 must change V2's report.
  fs.writeFileSync(path.join(dir, 'sql/V1__create.sql'), 'CREATE TABLE t (a varchar(5), b int);\n');
  sameAsUncached('after an earlier migration changed');
  assert.match(check('--cache'), /values are kept/, 'V2 now widens the column');

  // The dialect comes from flyway.conf, outside the file.
  fs.writeFileSync(path.join(dir, 'flyway.conf'), 'flyway.url=jdbc:postgresql://localhost/app\n');
  sameAsUncached('after the project switched dialect');

  fs.writeFileSync(cacheFile, '{ not json');
  sameAsUncached('with a corrupt cache file');
  assert.doesNotThrow(() => JSON.parse(fs.readFileSync(cacheFile, 'utf8')), 'the corrupt cache is rewritten');
  assert.equal(check('--cache', '--no-downgrades'), check('--no-downgrades'));
});

/** Asks a fresh process about the bundle's code cache: this one may have changed V8's flags, which V8 checks. */
function codeCache(bundle: string, ask: 'cacheFileOf' | 'cacheUse'): string {
  const module = JSON.stringify(path.join(REPO, 'server', 'src', 'cli', 'codeCache.ts'));
  const call = ask === 'cacheFileOf' ? `cacheFileOf(${JSON.stringify(bundle)})` : `compileBundle(${JSON.stringify(bundle)}).use`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', `process.stdout.write(require(${module}).${call})`], { cwd: REPO, encoding: 'utf8' }).stdout;
}
const cacheUse = (bundle: string) => codeCache(bundle, 'cacheUse');

test('the build leaves V8 code caches that Node accepts', () => {
  for (const bundle of ['cli.main.js', 'cliWorker.main.js']) {
    const file = path.join(REPO, 'out', bundle);
    assert.ok(fs.existsSync(file), 'run `npm run build` first (npm test does)');
    assert.equal(cacheUse(file), 'accepted', bundle);
  }
});

test('a missing, damaged or stale code cache changes nothing but speed, and is replaced', () => {
  const out = path.join(REPO, 'out');
  assert.ok(fs.existsSync(path.join(out, 'cli.js')), 'run `npm run build` first (npm test does)');
  const project = workspace({
    'alembic.ini': '[alembic]\nscript_location = alembic\n',
    'alembic/versions/0001_drop.py': ALEMBIC('    op.drop_table("legacy")'),
    'migrations/V1__truncate.sql': 'TRUNCATE audit;\n',
  });
  const checkWith = (cli: string) => spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--jobs', '1'], { cwd: project, encoding: 'utf8' });
  const expected = checkWith(path.join(out, 'cli.js'));
  assert.equal(expected.status, 1, expected.stderr);

  const valid = fs.readFileSync(codeCache(path.join(out, 'cli.main.js'), 'cacheFileOf'));
  const flipped = Buffer.from(valid);
  flipped[flipped.length >> 1] ^= 0xff;
  const caches: Record<string, Buffer | undefined> = {
    missing: undefined,
    garbage: Buffer.from('not a code cache'),
    truncated: valid.subarray(0, valid.length >> 1),
    'one byte changed': flipped,
    "another bundle's": fs.readFileSync(codeCache(path.join(out, 'cliWorker.main.js'), 'cacheFileOf')),
  };
  const install = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-code-cache-'));
    for (const file of ['cli.js', 'cli.main.js']) fs.copyFileSync(path.join(out, file), path.join(dir, file));
    for (const file of ['libpg-query.wasm', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.symlinkSync(path.join(out, file), path.join(dir, file));
    return { dir, bundle: path.join(dir, 'cli.main.js'), cacheFile: codeCache(path.join(dir, 'cli.main.js'), 'cacheFileOf') };
  };
  const sameAsExpected = (dir: string, what: string) => {
    const res = checkWith(path.join(dir, 'cli.js'));
    assert.equal(res.status, expected.status, `${what}: ${res.stderr}`);
    assert.equal(res.stdout, expected.stdout, what);
    assert.equal(res.stderr, expected.stderr, what);
  };
  for (const [what, cache] of Object.entries(caches)) {
    const { dir, bundle, cacheFile } = install();
    if (cache) fs.writeFileSync(cacheFile, cache);
    sameAsExpected(dir, what);
    assert.equal(cacheUse(bundle), 'accepted', `${what}: a fresh cache is written`);
    fs.rmSync(dir, { recursive: true });
  }
  // A directory where the cache would go: neither readable nor replaceable, like a read-only install.
  const { dir, bundle, cacheFile } = install();
  fs.mkdirSync(path.join(cacheFile, 'taken'), { recursive: true });
  sameAsExpected(dir, 'unwritable');
  assert.equal(cacheUse(bundle), 'missing');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left behind');
  fs.rmSync(dir, { recursive: true });
});

// The CLI loads a wasm parser only when a file needs what the fast paths decline, then analyses that file
// again from scratch. Texts each fast path declines: they need libpg-query and tree-sitter.
const DECLINED_SQL = ['CREATE TABLE t (a int) PARTITION BY RANGE (a);', 'DELETE FROM t USING u WHERE t.id = u.id;'];
const DECLINED_PYTHON = 'sort_key = lambda name: name\n';

// An Alembic project, whose model index reads env.py, and SQL migrations outside it.
const LAZY_PROJECT = {
  'service/alembic.ini': '[alembic]\nscript_location = alembic\n',
  'service/app/models.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
  'service/alembic/env.py': `from alembic import context\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\nIGNORED = ["audit_log"]\n${DECLINED_PYTHON}\n\ndef include_object(obj, name, type_, reflected, compare_to):\n    if type_ == "table" and name in IGNORED:\n        return False\n    return True\n\n\ncontext.configure(target_metadata=target_metadata, include_object=include_object)\n`,
  'service/alembic/versions/0001_fast.py': ALEMBIC('    op.drop_table("legacy")\n    op.drop_table("audit_log")\n    op.drop_table("users")'),
  'service/alembic/versions/0002_slow.py': ALEMBIC(`    op.drop_column("users", "email")\n    op.execute("${DECLINED_SQL[1]}")\n    ${DECLINED_PYTHON}`).replace('revision = "1"\ndown_revision = None', 'revision = "2"\ndown_revision = "1"'),
  // MySQL: a revision's raw MODIFY is judged against the columns its history created, in a revision only tree-sitter reads.
  'shop/alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = mysql+pymysql://localhost/shop\n',
  'shop/alembic/versions/0001_create.py': ALEMBIC(`    op.create_table("t", sa.Column("a", sa.String(100)))\n    ${DECLINED_PYTHON}`),
  'shop/alembic/versions/0002_narrow.py': ALEMBIC('    op.execute("ALTER TABLE t MODIFY a varchar(10)")').replace('revision = "1"\ndown_revision = None', 'revision = "2"\ndown_revision = "1"'),
  'migrations/V1__create.sql': `${DECLINED_SQL[0]}\nCREATE TABLE u (id int, b int);\n`,
  'migrations/V2__drop.sql': `${DECLINED_SQL[1]}\nALTER TABLE u DROP COLUMN b;\n`,
  'migrations/V3__fast.sql': 'TRUNCATE audit;\n',
  // Prints the wasm files the CLI reads, to show which parsers a run loaded.
  'wasm-reads.js': [
    "const fs = require('fs');",
    "const note = (p) => String(p).endsWith('.wasm') && process.stderr.write(`wasm ${require('path').basename(String(p))}\\n`);",
    'const spy = (o, name) => { const f = o[name]; o[name] = function (p, ...rest) { note(p); return f.call(this, p, ...rest); }; };',
    "spy(fs, 'readFile'); spy(fs, 'readFileSync'); spy(fs.promises, 'readFile');",
  ].join('\n'),
};

test('the bundled CLI loads each wasm parser only for a file that needs it, with the same findings as with both loaded', async () => {
  const cli = path.join(REPO, 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), 'run `npm run build` first (npm test does)');
  for (const sql of DECLINED_SQL) assert.equal(fastParse(sql), undefined, `the SQL fast path now reads ${sql}: pick a statement it declines`);
  assert.equal(parsePythonFast(DECLINED_PYTHON), undefined, 'the Python fast path now reads lambdas: pick a construct it declines');
  const dir = workspace(LAZY_PROJECT);
  await initAnalyzer();
  const cases: Array<{ paths: string[]; loads: string[] }> = [
    { paths: ['migrations/V3__fast.sql'], loads: [] },
    { paths: ['migrations/V2__drop.sql'], loads: ['libpg-query.wasm'] },
    { paths: ['migrations'], loads: ['libpg-query.wasm'] },
    { paths: ['service/alembic/versions/0001_fast.py'], loads: ['tree-sitter-python.wasm', 'web-tree-sitter.wasm'] },
    { paths: ['service/alembic/versions/0002_slow.py'], loads: ['libpg-query.wasm', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm'] },
    { paths: ['shop/alembic/versions/0002_narrow.py'], loads: ['tree-sitter-python.wasm', 'web-tree-sitter.wasm'] },
    { paths: ['.'], loads: ['libpg-query.wasm', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm'] },
  ];
  for (const { paths, loads } of cases) {
    const args = ['check', ...paths, '--format', 'json', '--fail-on', 'never', '--jobs', '1'];
    const fresh = spawnSync(process.execPath, ['--require', path.join(dir, 'wasm-reads.js'), cli, ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(fresh.status, 0, fresh.stderr);
    const read = [...new Set(fresh.stderr.split('\n').filter((l) => l.startsWith('wasm ')).map((l) => l.slice(5)))].sort();
    assert.deepEqual(read, loads, `parsers loaded by check ${paths.join(' ')}`);
    const loaded = await run(args, dir);
    assert.equal(fresh.stdout, loaded.out, `check ${paths.join(' ')}`);
  }
  const all = JSON.parse((await run(['check', '.', '--format', 'json', '--fail-on', 'never'], dir)).out) as { findings: Array<{ rule: string; file: string; table?: string }> };
  const found = (rule: string, file: string) => all.findings.some((f) => f.rule === rule && f.file === file);
  assert.ok(found('delete-rows', 'migrations/V2__drop.sql') && found('delete-rows', 'service/alembic/versions/0002_slow.py'), 'the DELETEs only libpg-query reads are flagged');
  assert.ok(found('drop-column', 'service/alembic/versions/0002_slow.py'), 'the revision only tree-sitter reads is checked');
  assert.ok(all.findings.some((f) => f.file === 'shop/alembic/versions/0002_narrow.py' && /values that do not fit are cut/.test(JSON.stringify(f))), 'the history only tree-sitter reads is used');
  const unmapped = all.findings.filter((f) => f.rule === 'drop-unmapped-table').map((f) => f.table);
  assert.deepEqual(unmapped, ['legacy'], 'env.py, read by tree-sitter, leaves audit_log to itself; users has a model');
});
