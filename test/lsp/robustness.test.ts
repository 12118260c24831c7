// Malformed, huge and binary documents must cost at most a parse-error finding: the server keeps
// answering, within a bounded time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient } from './client';

let client: LspClient;

before(async () => {
  client = await LspClient.start();
});

after(async () => {
  await client.stop();
});

const ALEMBIC = 'from alembic import op\nrevision = "9"\n\ndef upgrade():\n';

test('malformed Python and SQL are parse errors, not crashes', async () => {
  const samples: Array<[string, string]> = [
    ['file:///w/versions/broken.py', `${ALEMBIC}    op.drop_table(\n    ((((\n`],
    ['file:///w/versions/deep.py', `${ALEMBIC}    x = ${'('.repeat(5000)}\n`],
    ['file:///w/migrations/broken.sql', "DROP TABLE users;\nDO $$ BEGIN\nSELECT 'unterminated\n"],
    ['file:///w/migrations/garbage.sql', ')))(((;;;$$$ /* never closed'],
  ];
  for (const [uri, text] of samples) {
    client.open(uri, text);
    const items = await client.diagnostics(uri, 10_000);
    assert.ok(Array.isArray(items), uri);
  }
  const broken = await client.diagnostics('file:///w/versions/broken.py');
  assert.ok(broken.some((d) => d.code === 'parse-error'));
});

test('a 5 MB document is reported as over the size limit, quickly', async () => {
  const uri = 'file:///w/migrations/V1__huge.sql';
  const started = Date.now();
  client.open(uri, `DROP TABLE users;\n${'-- padding padding padding padding padding\n'.repeat(120_000)}`);
  const items = await client.diagnostics(uri, 10_000);
  assert.deepEqual(items.map((d) => d.code), ['parse-error']);
  assert.match(items[0].message, /larger than the 4 MiB \(4,194,304 bytes\) limit/);
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});

test('binary content is reported as binary', async () => {
  const uri = 'file:///w/migrations/V2__blob.sql';
  const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  client.open(uri, binary);
  const items = await client.diagnostics(uri, 10_000);
  assert.deepEqual(items.map((d) => d.code), ['parse-error']);
  assert.match(items[0].message, /binary/);
});

test('hovers and code actions on nonsense positions and payloads get empty answers', async () => {
  const uri = 'file:///w/migrations/V4__clean.sql';
  client.open(uri, 'CREATE TABLE t (id int);\n');
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 9999 } }), null);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.py' }, position: { line: 0, character: 0 } }), null);
  const bogus = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source: 'Migration Guard', message: 'x', data: { fixes: 'nope' } };
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: bogus.range, context: { diagnostics: [bogus] } });
  assert.deepEqual(actions, []);
});

test('after all that, the server still answers a normal request promptly', async () => {
  const uri = 'file:///w/migrations/V3__ok.sql';
  client.open(uri, 'TRUNCATE events;\n');
  const started = Date.now();
  const items = await client.diagnostics(uri, 2_000);
  assert.deepEqual(items.map((d) => d.code), ['truncate']);
  assert.ok(Date.now() - started < 2_000);
});
