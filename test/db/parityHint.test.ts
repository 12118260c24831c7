// `parity` hints at Alembic's include_object hook while env.py lacks it, and once our edit has added it,
// the hint is gone and the three tables of the incident are no longer ones autogenerate would drop.
// The CLI on PGlite seeded with the incident; the LSP's parity view carries the same hints.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { initAnalyzer } from '../../server/src/core/analyze';
import { preventUnmappedDrops } from '../../server/src/core/fixes/includeObject';
import { applyFix } from '../unit/fixes.helpers';
import { runCli, type CliRun } from '../support/cli';

const REPO = path.join(__dirname, '..', '..');
const INCIDENT = path.join(REPO, 'examples', 'incident');
const SEED = path.join(INCIDENT, 'seed.sql');

before(async () => {
  await initAnalyzer();
});

const parity = (dir: string, format = 'text'): Promise<CliRun> => runCli(['parity', dir, '--embedded-seed', SEED, '--format', format], REPO, {});

test('parity hints at the include_object hook until env.py has it, then the three tables are left alone', async () => {
  const text = await parity(INCIDENT);
  assert.equal(text.code, 1, text.err);
  assert.match(text.out, /\nhint: migrations\/env\.py does not stop autogenerate from dropping tables without a model\. Add the include_object hook .*both context\.configure calls; in VS Code, "Stop autogenerate from dropping tables without a model"/);
  assert.equal(JSON.parse((await parity(INCIDENT, 'json')).out).hints.length, 1);

  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-hint-'));
  try {
    fs.cpSync(INCIDENT, copy, { recursive: true });
    const envPath = path.join(copy, 'migrations', 'env.py');
    const env = fs.readFileSync(envPath, 'utf8');
    const result = preventUnmappedDrops(env);
    assert.equal(result.kind, 'edit');
    if (result.kind === 'edit') fs.writeFileSync(envPath, applyFix(env, result));
    const json = await parity(copy, 'json');
    assert.equal(json.code, 0, json.out);
    const report = JSON.parse(json.out);
    assert.deepEqual(report.hints, []);
    assert.deepEqual(report.tablesWithoutModel, []);
    assert.deepEqual(report.ignored.filter((i: { reason: string }) => /include_object/.test(i.reason)).map((i: { table: { name: string } }) => i.table.name), ['project_keywords', 'project_monthly_forecast', 'project_resource_mappings']);
    assert.doesNotMatch((await parity(copy)).out, /hint:/);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
