// Workspace diagnostics for files nobody opened, and settings: a rule turned off, downgrades not checked,
// files excluded, with the server asking the client to pull again when settings change.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient, type Diagnostic } from './client';

interface WorkspaceItem {
  kind: 'full' | 'unchanged';
  uri: string;
  version: number | null;
  resultId?: string;
  items?: Diagnostic[];
}

let client: LspClient;
let dir: string;
const file = (rel: string) => path.join(dir, rel);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-ws-'));
  fs.mkdirSync(file('db/migrations'), { recursive: true });
  fs.mkdirSync(file('app'), { recursive: true });
  fs.writeFileSync(file('db/migrations/V1__init.sql'), 'CREATE TABLE users (id int);\n');
  fs.writeFileSync(file('db/migrations/V2__cleanup.sql'), 'TRUNCATE audit_log;\nDROP TABLE import_staging;\n');
  fs.writeFileSync(file('db/migrations/0003_legacy.down.sql'), 'DROP TABLE legacy;\n');
  // Not a migration: a query file outside any migrations folder.
  fs.writeFileSync(file('app/report.sql'), 'DELETE FROM sessions;\n');
  client = await LspClient.start({ folders: [dir] });
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pullWorkspace(previous: Array<{ uri: string; value: string }> = []): Promise<WorkspaceItem[]> {
  const report = await client.request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds: previous });
  return report.items;
}

const codes = (items: WorkspaceItem[], rel: string) =>
  items.find((i) => i.uri === fileUri(file(rel)))?.items?.map((d) => d.code).sort() ?? [];

test('unopened migration files are reported; files that are not migrations are not', async () => {
  const items = await pullWorkspace();
  assert.deepEqual(codes(items, 'db/migrations/V2__cleanup.sql'), ['drop-table', 'truncate']);
  assert.deepEqual(codes(items, 'db/migrations/0003_legacy.down.sql'), ['drop-table']);
  assert.ok(!items.some((i) => i.uri.endsWith('report.sql')));
  assert.ok(!items.some((i) => i.uri.endsWith('V1__init.sql')), 'a file without findings is not listed');
  assert.ok(items.every((i) => i.version === null));
});

test('files unchanged since the previous pull are answered "unchanged"; edited ones in full', async () => {
  const first = await pullWorkspace();
  const previous = first.filter((i) => i.resultId).map((i) => ({ uri: i.uri, value: i.resultId! }));
  const again = await pullWorkspace(previous);
  assert.ok(again.every((i) => i.kind === 'unchanged'), JSON.stringify(again));
  fs.writeFileSync(file('db/migrations/V2__cleanup.sql'), 'TRUNCATE audit_log;\n');
  const edited = await pullWorkspace(previous);
  assert.deepEqual(codes(edited, 'db/migrations/V2__cleanup.sql'), ['truncate']);
});

test('the findings summary for the status bar counts the workspace', async () => {
  const summary = await client.request<{ errors: number; warnings: number; files: number }>('migrationGuard/rescan', null);
  assert.deepEqual(summary, { errors: 1, warnings: 0, files: 1 });
  await waitFor(() => client.summaries.length > 0);
  assert.deepEqual(client.summaries.at(-1), summary);
});

test('a settings change makes the server ask for a pull, and a rule set to off disappears', async () => {
  const refreshesBefore = client.refreshRequests;
  client.settings = { rules: { truncate: 'off' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await waitFor(() => client.refreshRequests > refreshesBefore);
  const items = await pullWorkspace();
  assert.deepEqual(codes(items, 'db/migrations/V2__cleanup.sql'), []);
  const uri = fileUri(file('db/migrations/V2__cleanup.sql'));
  client.open(uri, 'TRUNCATE audit_log;\nDROP TABLE t;\n');
  assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['drop-table']);
  client.close(uri);
});

test('checkDowngrades false, a rule severity override, include and exclude globs', async () => {
  fs.writeFileSync(file('app/cleanup.sql'), 'DROP TABLE sessions;\n');
  client.settings = { checkDowngrades: false, rules: { 'drop-table': 'warning' }, include: ['app/cleanup.sql'], exclude: ['db/migrations/V2__*'] };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.request('migrationGuard/rescan', null);
  const items = await pullWorkspace();
  assert.deepEqual(codes(items, 'db/migrations/0003_legacy.down.sql'), []);
  assert.deepEqual(codes(items, 'db/migrations/V2__cleanup.sql'), []);
  const included = items.find((i) => i.uri === fileUri(file('app/cleanup.sql')))?.items ?? [];
  assert.deepEqual(included.map((d) => [d.code, d.severity]), [['drop-table', 2]]);
});

test('a workspace folder added later is scanned too', async () => {
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-extra-'));
  fs.mkdirSync(path.join(extra, 'migrations'));
  fs.writeFileSync(path.join(extra, 'migrations', 'V1__wipe.sql'), 'TRUNCATE orders;\n');
  try {
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(extra), name: 'extra' }], removed: [] } });
    const uri = fileUri(path.join(extra, 'migrations', 'V1__wipe.sql'));
    // Messages are handled in order, so the pull sees the new folder.
    const items = await pullWorkspace();
    assert.deepEqual(items.find((x) => x.uri === uri)?.items?.map((d) => d.code), ['truncate']);
  } finally {
    fs.rmSync(extra, { recursive: true, force: true });
  }
});

test('a large scan streams partial results and does not hold up an open document', async () => {
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-big-'));
  fs.mkdirSync(path.join(big, 'migrations'));
  for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(big, 'migrations', `V${i + 1}__drop_${i}.sql`), `DROP TABLE t${i};\n`);
  const scanner = await LspClient.start({ folders: [big] });
  try {
    const partials: WorkspaceItem[] = [];
    scanner.onProgress<{ items: WorkspaceItem[] }>('scan-1', (value) => partials.push(...value.items));
    const order: string[] = [];
    const scan = scanner
      .request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'scan-1' }, 60_000)
      .then((r) => {
        order.push('workspace');
        return r;
      });
    const uri = fileUri(path.join(big, 'migrations', 'V999__open.sql'));
    scanner.open(uri, 'TRUNCATE events;\n');
    const open = scanner.diagnostics(uri).then((items) => {
      order.push('document');
      return items;
    });
    const [result, items] = await Promise.all([scan, open]);
    assert.deepEqual(order, ['document', 'workspace']);
    assert.deepEqual(items.map((d) => d.code), ['truncate']);
    assert.deepEqual(result.items, [], 'with partial results the final answer is empty');
    assert.equal(partials.filter((p) => p.items?.some((d) => d.code === 'drop-table')).length, 300);
  } finally {
    await scanner.stop();
    fs.rmSync(big, { recursive: true, force: true });
  }
});

test('an untrusted workspace is still checked, and the server says it connects nowhere', async () => {
  const untrusted = await LspClient.start({ folders: [dir], trusted: false });
  try {
    const uri = fileUri(file('db/migrations/V9__x.sql'));
    untrusted.open(uri, 'DROP TABLE t;\n');
    assert.deepEqual((await untrusted.diagnostics(uri)).map((d) => d.code), ['drop-table']);
    await waitFor(() => untrusted.logs.some((l) => /not trusted/.test(l)));
  } finally {
    await untrusted.stop();
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((r) => setTimeout(r, 20));
  }
}
