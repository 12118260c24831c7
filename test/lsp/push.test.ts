// Clients without pull diagnostics (Neovim before 0.10, Sublime LSP, Emacs lsp-mode...) announce no
// capabilities.textDocument.diagnostic; the server publishes diagnostics to them instead, on open,
// change and save, after settings changes and rescans, and clears them on close. Clients that pull get
// nothing published.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient, type Diagnostic } from './client';

const SQL = 'DROP TABLE audit_log;\nTRUNCATE sessions;\n';
const codes = (items: Diagnostic[]) => items.map((d) => String(d.code)).sort();

let dir: string;
let uri: string;
let pusher: LspClient;
let puller: LspClient;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-push-'));
  const file = path.join(dir, 'db', 'migrations', 'V2__cleanup.sql');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, SQL);
  uri = fileUri(file);
  [pusher, puller] = await Promise.all([LspClient.start({ folders: [dir], pull: false }), LspClient.start({ folders: [dir] })]);
});

after(async () => {
  await Promise.all([pusher?.stop(), puller?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('without pull support: diagnostics are published on open, follow each change and come again on save', async () => {
  assert.equal(pusher.serverCapabilities.diagnosticProvider, undefined, 'no pull provider is offered to a client that cannot pull');
  pusher.open(uri, SQL);
  const opened = await pusher.publishedUntil(uri, (d) => d.length > 0);
  assert.deepEqual(codes(opened), ['drop-table', 'truncate']);
  assert.match(opened.find((d) => d.code === 'drop-table')!.message, /^Drops table audit_log and every row in it\./);

  pusher.change(uri, 'TRUNCATE sessions;\n');
  assert.deepEqual(codes(await pusher.publishedUntil(uri, (d) => d.length === 1)), ['truncate']);
  const before = pusher.published.get(uri)!.length;
  pusher.save(uri);
  await pusher.publishedUntil(uri, () => pusher.published.get(uri)!.length > before);
  pusher.change(uri, SQL);
  await pusher.publishedUntil(uri, (d) => d.length === 2);
});

test('without pull support: a settings change and a rescan publish again', async () => {
  pusher.settings = { rules: { truncate: 'off' } };
  pusher.notify('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(codes(await pusher.publishedUntil(uri, (d) => d.length === 1)), ['drop-table']);
  pusher.settings = {};
  await pusher.request('migrationGuard/rescan', null);
  assert.deepEqual(codes(await pusher.publishedUntil(uri, (d) => d.length === 2)), ['drop-table', 'truncate']);
});

test('without pull support: closing the document clears its diagnostics', async () => {
  pusher.close(uri);
  await pusher.publishedUntil(uri, (d) => d.length === 0);
});

test('a client that pulls gets pull diagnostics and nothing published', async () => {
  assert.ok(puller.serverCapabilities.diagnosticProvider);
  puller.open(uri, SQL);
  assert.deepEqual(codes(await puller.diagnostics(uri)), ['drop-table', 'truncate']);
  puller.change(uri, 'TRUNCATE sessions;\n');
  assert.deepEqual(codes(await puller.diagnostics(uri)), ['truncate']);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(puller.published.size, 0);
});
