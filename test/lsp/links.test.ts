// The language server's workspace scan walks folders as the CLI does: a migration reached through a
// symbolic link is checked, and a link that leads nowhere or a named pipe among migrations shows as an
// error on that path in the Problems panel instead of being left out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient, type Diagnostic } from './client';

let client: LspClient;
let dir: string;
const file = (rel: string) => path.join(dir, rel);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-links-'));
  fs.mkdirSync(file('shared'), { recursive: true });
  fs.mkdirSync(file('svc/db/migrations'), { recursive: true });
  fs.writeFileSync(file('shared/V1__drop.sql'), 'DROP TABLE accounts;\n');
  fs.symlinkSync('../../../shared/V1__drop.sql', file('svc/db/migrations/V1__drop.sql'));
  fs.symlinkSync('../../../shared/V2__gone.sql', file('svc/db/migrations/V2__gone.sql'));
  assert.equal(spawnSync('mkfifo', [file('svc/db/migrations/V3__pipe.sql')]).status, 0);
  client = await LspClient.start({ folders: [path.join(dir, 'svc')] });
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a linked migration is checked; a dangling link and a named pipe are errors on their paths, and the scan does not hang', async () => {
  const report = await client.request<{ items: Array<{ uri: string; items?: Diagnostic[] }> }>('workspace/diagnostic', { previousResultIds: [] });
  const diagnostics = (rel: string) => report.items.find((i) => i.uri === fileUri(file(rel)))?.items ?? [];
  assert.deepEqual(diagnostics('svc/db/migrations/V1__drop.sql').map((d) => d.code), ['drop-table']);
  const gone = diagnostics('svc/db/migrations/V2__gone.sql');
  assert.deepEqual(gone.map((d) => [d.code, d.severity]), [['parse-error', 1]]);
  assert.match(gone[0].message, /symbolic link to \.\.\/\.\.\/\.\.\/shared\/V2__gone\.sql points to nothing \(dangling\)/);
  assert.match(diagnostics('svc/db/migrations/V3__pipe.sql')[0]?.message ?? '', /named pipe, not a file/);
});
