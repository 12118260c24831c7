// The install paths the README gives, run for real: the packed CLI installed into a project that has
// never seen Node tooling (a copy of examples/incident, no package.json), and the pre-commit hooks
// installed by pre-commit itself (Debian's package) from this repository. Both reach the npm registry
// (or npm's cache) for the dependencies, as a user's install does; together they take a few minutes.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.join(__dirname, '..', '..');
const INCIDENT = path.join(REPO, 'examples', 'incident');
const DROPPED = ['project_keywords', 'project_resource_mappings', 'project_monthly_forecast'];
// Installs answer from npm's cache when it has the package, and reach the registry only when it does not.
const ENV = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1' };

function sh(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }): { status: number | null; out: string } {
  const run = spawnSync(command, args, { env: ENV, encoding: 'utf8', timeout: 6 * 60_000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (run.error) throw run.error;
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** The lines of the README's fenced block that follows `heading`, so the test runs what users copy. */
function readmeBlock(heading: string): string[] {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README has no ${JSON.stringify(heading)}`);
  const open = readme.indexOf('```', at);
  const body = readme.indexOf('\n', open) + 1;
  return readme.slice(body, readme.indexOf('```', body)).split('\n').filter((l) => l.trim() !== '');
}

/** The text report's error line for the drop of `table` (whichever rule reports it: drop-table, drop-unmapped-table). */
function dropLine(table: string): RegExp {
  return new RegExp(`0002_add_project_budget\\.py:\\d+:5  error  [a-z-]+  Drops table ${table}[ (,]`);
}

/** A copy of the incident project, as a team that uses Python alone has it: no package.json, no node_modules. */
function incidentProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-install-'));
  fs.cpSync(INCIDENT, dir, { recursive: true });
  assert.ok(!fs.existsSync(path.join(dir, 'package.json')));
  return dir;
}

test('npm pack: the tarball holds the CLI and installs into a project without Node tooling', { timeout: 6 * 60_000 }, () => {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-pack-'));
  // `npm test` has just built out/; the prepare script that builds it on a git-URL install is run by
  // the pre-commit test below, from a fresh clone.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: REPO });
  assert.equal(pack.status, 0, pack.out);
  const [{ filename, files }] = JSON.parse(pack.out.slice(pack.out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  const packed = files.map((f) => f.path.replace(/\.[0-9a-f]+\.cache$/, '.<v8>.cache')).sort();
  assert.deepEqual([...new Set(packed)], [
    'LICENSE', 'README.md',
    'out/cli.js', 'out/cli.main.js', 'out/cli.main.js.<v8>.cache',
    'out/cliWorker.js', 'out/cliWorker.main.js', 'out/cliWorker.main.js.<v8>.cache',
    'out/libpg-query.wasm', 'out/tree-sitter-python.wasm', 'out/web-tree-sitter.wasm',
    'package.json',
  ]);

  // The README's block, minus the Git URL line, in a project without package.json.
  const project = incidentProject();
  fs.copyFileSync(path.join(packDir, filename), path.join(project, filename));
  const [install, check] = readmeBlock('**Any project, with npm**').filter((l) => !l.includes('git+https'));
  assert.equal(install, `npm install --save-dev ./${filename}`);
  const installed = sh('sh', ['-c', install], { cwd: project });
  assert.equal(installed.status, 0, installed.out);

  assert.equal(check, 'npx migration-guard check');
  const checked = sh('sh', ['-c', check], { cwd: project });
  assert.equal(checked.status, 1, checked.out);
  for (const table of DROPPED) assert.match(checked.out, dropLine(table));

  // PGlite is not bundled (it finds its wasm next to its own module): the installed dependency serves it.
  const seeded = sh('npx', ['--no-install', 'migration-guard', 'check', '--embedded-seed', 'seed.sql', '--format', 'markdown'], { cwd: project });
  assert.equal(seeded.status, 1, seeded.out);
  assert.match(seeded.out, /\| 19 \| `project_keywords` \| 412 \| `drop-table`, `drop-unmapped-table` \| \*\*not acknowledged\*\* \|/);
});

test('pre-commit try-repo: both hooks install with language: node and fail on the three drops', { timeout: 8 * 60_000 }, () => {
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  assert.ok(!version.error, "pre-commit is not installed: apt-get install pre-commit (Debian's package; .ci/run installs it)");
  // The incident migration about to be committed, in a repository with no commit yet.
  const project = incidentProject();
  assert.equal(sh('git', ['init', '-q', '-b', 'main'], { cwd: project }).status, 0);
  assert.equal(sh('git', ['add', '.'], { cwd: project }).status, 0);
  // A fresh pre-commit home, so that the hook environment is installed here and now: npm install of a
  // clone of this repository (its prepare script builds the CLI), npm pack, npm install -g of the tarball.
  // try-repo takes HEAD plus the uncommitted changes to tracked files.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-pre-commit-'));
  const run = sh('pre-commit', ['try-repo', REPO], { cwd: project, env: { ...ENV, PRE_COMMIT_HOME: home } });
  // try-repo ran every hook of .pre-commit-hooks.yaml; the README's configuration names the same ones.
  const ids = (text: string) => Array.from(text.matchAll(/- id: ([\w-]+)/g), (m) => m[1]);
  const hooks = ids(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.deepEqual(hooks, ['migration-guard', 'migration-guard-review']);
  assert.deepEqual(ids(readmeBlock('**Python project, with [pre-commit]').join('\n')), hooks);
  assert.equal(run.status, 1, run.out);
  assert.match(run.out, /Migration Guard \(destructive migrations\)\.+Failed/);
  assert.match(run.out, /Migration Guard \(destructive migrations are signed off\)\.+Failed/);
  // Each hook's output names every dropped table.
  const [first, second] = run.out.split('Migration Guard (destructive migrations are signed off)');
  for (const table of DROPPED) {
    assert.match(first, dropLine(table));
    assert.match(second, dropLine(table));
  }
  assert.match(run.out, /migrations\/versions\/0002_add_project_budget\.py: no sign-off/);
  fs.rmSync(home, { recursive: true, force: true });
});
