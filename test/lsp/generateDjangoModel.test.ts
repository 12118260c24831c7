// Generate model in a Django project over the language server, with an embedded database seeded like
// production: a DeleteModel of a model the app's migrations created gets that model back, managed, under
// its old name (so makemigrations has nothing to drop); a table no migration creates gets an unmanaged
// model. Both land in the app's models.py as one previewed edit, and the drop becomes drop-mapped-table.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { EditResult, ReviewState } from '../../server/src/protocol';
import { applyEdits, fileUri, type LspClient, TestWorkspaces, waitFor } from './client';

const FILES: Record<string, string> = {
  'manage.py': '#!/usr/bin/env python\n',
  'shop/__init__.py': '',
  'shop/models.py': 'from django.db import models\n\n\nclass Product(models.Model):\n    name = models.CharField(max_length=100)\n',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': [
    'from django.db import migrations, models',
    '',
    '',
    'class Migration(migrations.Migration):',
    '    initial = True',
    '    dependencies = []',
    '    operations = [',
    '        migrations.CreateModel(name="Product", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=100))]),',
    '        migrations.CreateModel(name="Review", fields=[("id", models.AutoField(primary_key=True)), ("product", models.ForeignKey(on_delete=models.CASCADE, to="shop.product")), ("text", models.TextField(db_column="body"))]),',
    '    ]',
    '',
  ].join('\n'),
  'shop/migrations/0002_delete_review.py': [
    'from django.db import migrations',
    '',
    '',
    'class Migration(migrations.Migration):',
    '    dependencies = [("shop", "0001_initial")]',
    '    operations = [',
    '        migrations.DeleteModel(name="Review"),',
    '        migrations.RunSQL("DROP TABLE legacy_tags"),',
    '    ]',
    '',
  ].join('\n'),
  'seed.sql': [
    'CREATE TABLE shop_product (id serial PRIMARY KEY, name varchar(100) NOT NULL);',
    'CREATE TABLE shop_review (id serial PRIMARY KEY, product_id integer NOT NULL REFERENCES shop_product (id), body text NOT NULL);',
    'CREATE TABLE legacy_tags (tag varchar(40) PRIMARY KEY, note text);',
    "INSERT INTO shop_product (name) VALUES ('lamp');",
    "INSERT INTO shop_review (product_id, body) SELECT 1, 'fine' FROM generate_series(1, 7);",
    "INSERT INTO legacy_tags VALUES ('a', NULL), ('b', 'x');",
    '',
  ].join('\n'),
};
const REL = 'shop/migrations/0002_delete_review.py';
const workspaces = new TestWorkspaces();
let client: LspClient;
let dir: string;
let uri: string;

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { timeoutMs: 60_000 });

before(async () => {
  dir = workspaces.folder('mg-lsp-django-model-');
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  uri = fileUri(path.join(dir, REL));
  client = await workspaces.start(dir, { seeded: true });
  client.open(uri, fs.readFileSync(path.join(dir, REL), 'utf8'));
});

after(() => workspaces.dispose());

/** Applies the edit as the editor does once the preview is confirmed; returns the files it touched. */
function apply(result: EditResult & { ok: true }): string[] {
  const changed: string[] = [];
  for (const change of result.edit.documentChanges) {
    if ('kind' in change) continue;
    const file = new URL(change.textDocument.uri).pathname;
    fs.writeFileSync(file, applyEdits(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '', change.edits));
    changed.push(change.textDocument.uri);
  }
  client.notify('workspace/didChangeWatchedFiles', { changes: changed.map((u) => ({ uri: u, type: 2 })) });
  return changed;
}

test('Django: the model the migrations created comes back managed under its name; a table no migration creates gets an unmanaged model', async () => {
  await until('the database', async () => {
    const r = await client.request<ReviewState>('migrationGuard/review', { uri }, 60_000);
    return r.database.state === 'ready' ? r : undefined;
  });

  const review = await client.request<EditResult>('migrationGuard/generateModel', { uri, table: 'shop_review' });
  assert.ok(review.ok, JSON.stringify(review));
  assert.deepEqual(Object.values(review.edit.changeAnnotations ?? {}).map((a) => a.needsConfirmation), [true]);
  assert.equal(review.edit.documentChanges.filter((c) => 'kind' in c).length, 0, 'no new file: the class goes into models.py');
  // What the client checks once the preview is applied (it applies only the ticked changes).
  assert.deepEqual(review.expect, { uri: fileUri(path.join(dir, 'shop/models.py')), contains: 'class Review(' });
  assert.deepEqual(apply(review), [fileUri(path.join(dir, 'shop/models.py'))]);
  const models = fs.readFileSync(path.join(dir, 'shop/models.py'), 'utf8');
  assert.match(models, /\nclass Review\(models\.Model\):\n {4}product = models\.ForeignKey\("Product", models\.DO_NOTHING\)\n {4}text = models\.TextField\(db_column="body"\)\n$/);

  const tags = await client.request<EditResult>('migrationGuard/generateModel', { uri, table: 'legacy_tags' });
  assert.ok(tags.ok, JSON.stringify(tags));
  apply(tags);
  assert.match(fs.readFileSync(path.join(dir, 'shop/models.py'), 'utf8'), /\nclass LegacyTag\(models\.Model\):\n {4}tag = models\.CharField\(max_length=40, primary_key=True\)\n {4}note = models\.TextField\(blank=True, null=True\)\n\n {4}class Meta:\n {8}managed = False\n {8}db_table = "legacy_tags"\n$/);

  const mapped = await until('drop-mapped-table on both drops', async () => {
    const ds = (await client.diagnostics(uri)).filter((d) => d.code === 'drop-mapped-table');
    return ds.length === 2 ? ds : undefined;
  });
  assert.match(mapped.map((d) => d.message).join('\n'), /model Review in shop\/models\.py/);
  assert.match(mapped.map((d) => d.message).join('\n'), /model LegacyTag in shop\/models\.py/);
});
