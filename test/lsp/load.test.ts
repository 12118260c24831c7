// A workspace of 10,000 migrations: the first scan must not block an open document, must show
// cancellable progress, must keep the server under 300 MB, and a later pull must re-read nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient } from './client';

const FILES = 10_000;
const MAX_RSS_MB = 300;
let dir: string;

interface WorkspaceItem {
  uri: string;
  kind: string;
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-load-'));
  fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = alembic\n');
  fs.mkdirSync(path.join(dir, 'alembic', 'versions'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    if (i % 2 === 0) {
      const body = i % 10 === 0 ? `    op.drop_table("t_${i}")` : `    op.add_column("t_${i}", sa.Column("c", sa.Integer(), nullable=True))`;
      fs.writeFileSync(
        path.join(dir, 'alembic', 'versions', `${String(i).padStart(5, '0')}_m.py`),
        `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "r${i}"\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`,
      );
    } else {
      const sql = i % 10 === 1 ? `DELETE FROM t_${i};\n` : `CREATE TABLE t_${i} (id bigint PRIMARY KEY, name text);\nCREATE INDEX ix_${i} ON t_${i} (name);\n`;
      fs.writeFileSync(path.join(dir, 'migrations', `${String(i).padStart(5, '0')}_m.sql`), sql);
    }
  }
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a 10,000-file scan shows progress, can be cancelled, never blocks an open document, and stays under 300 MB', { timeout: 10 * 60_000 }, async () => {
  const client = await LspClient.start({ folders: [dir] });
  try {
    const pid = client.pid;
    assert.ok(pid);
    const scan = client.request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds: [] }, 10 * 60_000);
    await until(() => [...client.workDone.values()].some((v) => v.some((p) => p.kind === 'report')), 60_000, 'progress to report how far it is');

    // While the scan runs, an open document is still answered promptly.
    const open = path.join(dir, 'alembic', 'versions', 'open.py');
    client.open(fileUri(open), 'from alembic import op\nrevision = "x"\n\ndef upgrade():\n    op.drop_table("events")\n');
    const started = Date.now();
    const diagnostics = await client.diagnostics(fileUri(open), 10_000);
    const latency = Date.now() - started;
    assert.ok(diagnostics.some((d) => d.code === 'drop-table'));
    assert.ok(latency < 2_000, `an open document waited ${latency} ms behind the scan`);

    // Cancel from the progress notification: the scan stops early.
    const [token] = client.workDone.keys();
    client.notify('window/workDoneProgress/cancel', { token });
    const cancelled = await scan;
    const ended = client.workDone.get(token) ?? [];
    assert.ok(ended.some((p) => p.kind === 'end'), 'the progress ends');
    assert.equal(ended[0]?.kind, 'begin', 'the progress begins before it reports');
    assert.ok(cancelled.items.length < FILES / 5, `the cancelled scan stopped early (${cancelled.items.length} reports)`);

    // A full scan, then a second pull that re-reads nothing: every file with findings is "unchanged".
    const full = await client.request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds: [] }, 10 * 60_000);
    const withFindings = full.items.filter((i) => i.kind === 'full');
    assert.equal(withFindings.length, FILES / 5, "one file in ten drops a table and one in ten deletes rows");
    const previousResultIds = full.items.map((i) => ({ uri: i.uri, value: (i as unknown as { resultId: string }).resultId }));
    const t = Date.now();
    const again = await client.request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds }, 10 * 60_000);
    const secondPullMs = Date.now() - t;
    assert.ok(again.items.every((i) => i.kind === 'unchanged'), 'nothing was re-analysed');
    const rss = peakRssMb(pid);
    console.log(`load: ${FILES} files, open-document latency during the scan ${latency} ms, second pull ${secondPullMs} ms, server peak RSS ${rss.toFixed(0)} MB`);
    assert.ok(rss < MAX_RSS_MB, `server peak RSS ${rss.toFixed(0)} MB`);
  } finally {
    await client.stop();
  }
});
