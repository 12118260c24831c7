// Migration folders found by the directory walk and the editor: temporal_tables-style `versioned/`
// folders, Sqitch projects whose sqitch.conf names a top_dir, a Sqitch change opened on its own, and
// Hasura's `<from>_to_<to>.sql` files, whose direction the version numbers give.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { main } from '../../server/src/cli/main';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { isMigrationCandidate } from '../../server/src/core/walk';

before(async () => {
  await initAnalyzer();
});

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-layout-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function findings(cwd: string): Promise<string[]> {
  let out = '';
  await main(['check', '.', '--format', 'json', '--fail-on', 'never'], { cwd, stdout: (s) => (out += s), stderr: () => {}, isTty: false });
  const report = JSON.parse(out) as { findings: Array<{ file: string; rule: string; severity: string; phase?: string }> };
  return report.findings.map((f) => `${f.file.split(path.sep).join('/')} ${f.rule} ${f.severity} ${f.phase ?? ''}`.trim()).sort();
}

test('SQL under a versioned/ folder is a migration', async () => {
  const dir = workspace({ 'schema/postgresql/v12/temporal/versioned/v1.0/drop_history.sql': 'DROP TABLE account_history;\n', 'docs/example.sql': 'DROP TABLE x;\n' });
  assert.deepEqual(await findings(dir), ['schema/postgresql/v12/temporal/versioned/v1.0/drop_history.sql drop-table error up']);
});

test("Sqitch: the deploy/ and revert/ folders under sqitch.conf's top_dir are migrations, revert/ being the down direction", async () => {
  const dir = workspace({
    'sqitch.conf': '[core]\n\tengine = pg\n\ttop_dir = db\n\tplan_file = sqitch.plan\n',
    'sqitch.plan': '%project=app\n\ndrop_users 2024-01-01T00:00:00Z Ada <ada@example.com>\n',
    'db/deploy/drop_users.sql': 'BEGIN;\nDROP TABLE users;\nCOMMIT;\n',
    'db/revert/drop_users.sql': 'BEGIN;\nDROP TABLE users_v2;\nCOMMIT;\n',
    'db/verify/drop_users.sql': 'SELECT 1/COUNT(*) FROM users;\n',
  });
  assert.deepEqual(await findings(dir), ['db/deploy/drop_users.sql drop-table error up', 'db/revert/drop_users.sql drop-table info down']);
});

test('a Sqitch change opened on its own is a migration; a deploy/ folder without Sqitch is not', () => {
  const dir = workspace({ 'sqitch.plan': '%project=app\n', 'deploy/drop_users.sql': 'DROP TABLE users;\n', 'other/deploy/x.sql': 'DROP TABLE users;\n' });
  const candidate = (rel: string) => {
    const absolute = path.join(dir, rel);
    return isMigrationCandidate({ absolute, explicit: false }, rel, analyzeText(absolute, fs.readFileSync(absolute, 'utf8'), { readSiblings: () => [] }));
  };
  assert.equal(candidate('deploy/drop_users.sql'), true);
  assert.equal(candidate('other/deploy/x.sql'), false);
});

test('Hasura: 2_to_1.sql goes down a version, 1_to_2.sql up', async () => {
  const dir = workspace({ 'migrations/1_to_2.sql': 'DROP TABLE hdb_old;\n', 'migrations/2_to_1.sql': 'DROP TABLE hdb_new;\n' });
  assert.deepEqual(await findings(dir), ['migrations/1_to_2.sql drop-table error up', 'migrations/2_to_1.sql drop-table info down']);
});

test("a Sqitch change under sqitch.conf's top_dir, opened on its own, is a migration", () => {
  const dir = workspace({ 'sqitch.conf': '[core]\n\ttop_dir = db\n', 'db/revert/drop_users.sql': 'DROP TABLE users;\n' });
  const absolute = path.join(dir, 'db/revert/drop_users.sql');
  const report = analyzeText(absolute, 'DROP TABLE users;\n', { readSiblings: () => [] });
  assert.equal(isMigrationCandidate({ absolute, explicit: false }, 'db/revert/drop_users.sql', report), true);
  assert.equal(report.findings[0]?.phase, 'down');
});
