// The real bundled server over stdio: an Alembic migration is opened, its diagnostics pulled, edited,
// fixed with a code action, and hovered.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { applyEdits, fileUri, LspClient, type CodeAction, type Diagnostic } from './client';

const MIGRATION = `"""drop the import staging table

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("import_staging")


def downgrade():
    pass
`;

let client: LspClient;
let dir: string;
let uri: string;
let text = MIGRATION;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-edit-'));
  fs.mkdirSync(path.join(dir, 'versions'));
  uri = fileUri(path.join(dir, 'versions', '0002_drop_staging.py'));
  client = await LspClient.start({ folders: [dir] });
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dropTable = (items: Diagnostic[]) => items.find((d) => d.code === 'drop-table');

test('didOpen, then pulled diagnostics flag the drop with its exact range, severity and message', async () => {
  client.open(uri, text);
  const items = await client.diagnostics(uri);
  const drop = dropTable(items);
  assert.ok(drop, JSON.stringify(items));
  assert.deepEqual(drop.range, { start: { line: 13, character: 4 }, end: { line: 13, character: 35 } });
  assert.equal(drop.severity, 1);
  assert.equal(drop.source, 'Migration Guard');
  assert.match(drop.message, /^Drops table import_staging and every row in it\./);
});

test('didChange: diagnostics follow the edit', async () => {
  text = MIGRATION.replace('    op.drop_table("import_staging")', '    op.drop_table("import_staging")\n    op.drop_column("users", "nickname")');
  client.change(uri, text);
  const items = await client.diagnostics(uri);
  assert.deepEqual(items.map((d) => d.code).filter((c) => c.startsWith('drop-')).sort(), ['drop-column', 'drop-table']);
  assert.equal(items.find((d) => d.code === 'drop-column')?.range.start.line, 14);
});

test('hover on the drop: the table first, then one why and one safe alternative, then the docs; not the diagnostic again', async () => {
  const hover = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 10 } });
  assert.ok(hover);
  assert.equal(hover.contents.kind, 'markdown');
  const value = hover.contents.value;
  const paragraphs = value.split('\n\n');
  assert.equal(paragraphs[0], '**Table `import_staging`**');
  // Both findings on the drop in one line; the why and the alternative are the most severe one's.
  assert.equal(paragraphs[1], '**Migration Guard** `drop-table`, `irreversible-downgrade` (error)');
  // VS Code shows the diagnostic's message above the hover already.
  assert.doesNotMatch(value, /Drops table import_staging and every row in it/);
  assert.equal(value.match(/\*\*Why:\*\*/g)?.length, 1);
  assert.match(value, /\*\*Why:\*\* Once the migration commits, the rows are gone/);
  assert.equal(value.match(/\*\*Safe alternative:\*\*/g)?.length, 1);
  assert.match(paragraphs[paragraphs.length - 1], /^\[drop-table docs\]\(command:migrationGuard\.showRuleDocs\?%5B%22drop-table%22%5D\) · \[irreversible-downgrade docs\]/);
  assert.ok(value.split('\n').length <= 15, value);
  const nothing = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.equal(nothing, null);
});

test('code action: the emptiness guard applied to the text turns the error into a protected info finding', async () => {
  const drop = dropTable(await client.diagnostics(uri));
  assert.ok(drop);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: drop.range,
    context: { diagnostics: [drop], only: ['quickfix'] },
  });
  const titles = actions.map((a) => a.title);
  assert.ok(titles.some((t) => t.startsWith('Archive import_staging')), titles.join('\n'));
  assert.ok(titles.some((t) => t.startsWith('Allow drop-table here')), titles.join('\n'));
  const guard = actions.find((a) => a.title.startsWith('Guard the drop'));
  assert.ok(guard?.isPreferred);
  const change = guard.edit.documentChanges?.[0];
  assert.ok(change);
  assert.equal(change.textDocument.version, 2);
  text = applyEdits(text, change.edits);
  client.change(uri, text);
  const after = await client.diagnostics(uri);
  assert.ok(!after.some((d) => d.code === 'parse-error'), JSON.stringify(after));
  const guarded = dropTable(after);
  assert.equal(guarded?.severity, 3);
  assert.match(guarded?.message ?? '', /Protected by an emptiness check/);
});

test('an unchanged document is answered "unchanged" when the client names the previous result', async () => {
  const first = await client.request<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri } });
  const second = await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
  assert.equal(second.kind, 'unchanged');
});
