// migrationGuard.preflight.examples off: the language server asks preflight for counts only, so no
// verdict quotes a primary-key value.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient } from './client';

const INCIDENT = path.join(__dirname, '..', '..', 'examples', 'incident');
const REL = 'migrations/versions/0003_require_display_name_and_unique_slug.py';
let client: LspClient;
let dir: string;
let uri: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-preflight-examples-'));
  fs.cpSync(INCIDENT, dir, { recursive: true });
  uri = fileUri(path.join(dir, REL));
  client = await LspClient.start({ folders: [dir], database: { embeddedSeed: path.join(dir, 'seed.sql'), preflightExamples: false } });
  client.open(uri, fs.readFileSync(path.join(dir, REL), 'utf8'));
});

after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with migrationGuard.preflight.examples off, the verdicts give counts without primary-key values', async () => {
  const deadline = Date.now() + 60_000;
  let failing: Array<{ message: string }> = [];
  while (failing.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    failing = (await client.diagnostics(uri)).filter((d) => d.code === 'fails-on-current-data');
  }
  assert.deepEqual(failing.map((d) => d.message.split(', so ')[0]), [
    "Fails on today's data: 4 rows of users.display_name are NULL",
    "Fails on today's data: 3 groups of rows in projects share (slug)",
  ]);
});
