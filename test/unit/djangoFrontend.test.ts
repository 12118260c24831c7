import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/findings';
import type { SiblingFile } from '../../server/src/core/options';

before(async () => {
  await initAnalyzer();
});

const DIR = '/proj/shop/migrations';

function migration(deps: string[], operations: string, extra = ''): string {
  const dependencies = deps.map((d) => `        ("shop", "${d}"),\n`).join('');
  return `from django.db import migrations, models\nimport django.db.models.deletion\n${extra}\n\nclass Migration(migrations.Migration):\n    dependencies = [\n${dependencies}    ]\n\n    operations = [\n${operations}\n    ]\n`;
}

const INITIAL = migration(
  [],
  `        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("new", "New")], max_length=20)),
                ("code", models.CharField(max_length=12)),
                ("note", models.TextField(null=True)),
                ("qty", models.IntegerField()),
                ("customer", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.customer")),
                ("tags", models.ManyToManyField(to="shop.tag")),
            ],
            options={"db_table": "orders"},
        ),
        migrations.CreateModel(name="Legacy", fields=[("id", models.AutoField(primary_key=True))], options={"managed": False}),`,
);

/** Analyses `text` as 0002 of the shop app, with 0001 (and `others`) as its siblings on "disk". */
function analyse(text: string, others: Record<string, string> = {}): Finding[] {
  const siblings: SiblingFile[] = Object.entries({ '0001_initial': INITIAL, ...others }).map(([name, t]) => ({ path: `${DIR}/${name}.py`, text: t }));
  const readSiblings = (dir: string) => (dir === DIR ? siblings : []);
  return analyzeText(`${DIR}/0002_change.py`, text, { readSiblings, dialect: 'postgres' }).findings;
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.severity} ${f.table ?? ''}${f.column ? `.${f.column}` : ''}`);

test('AlterField that changes only choices or blank is not reported; a real type, length or null change is', () => {
  const cosmetic = analyse(migration(['0001_initial'], '        migrations.AlterField(model_name="order", name="status", field=models.CharField(blank=True, choices=[("new", "New"), ("paid", "Paid")], max_length=20, help_text="state")),'));
  assert.deepEqual(summary(cosmetic), []);
  const real = analyse(
    migration(
      ['0001_initial'],
      [
        '        migrations.AlterField(model_name="order", name="status", field=models.CharField(max_length=10)),',
        '        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=40)),',
        '        migrations.AlterField(model_name="order", name="qty", field=models.BigIntegerField()),',
        '        migrations.AlterField(model_name="order", name="note", field=models.TextField(default="")),',
      ].join('\n'),
    ),
  );
  assert.deepEqual(summary(real), [
    'alter-column-type error orders.status',
    'alter-column-type warning orders.code',
    'alter-column-type warning orders.qty',
    'set-not-null warning orders.note',
  ]);
  assert.match(real[3].message, /after filling its NULLs with the default/);
});

test('an AlterField whose previous definition is not found is still reported, as a warning that says so', () => {
  const findings = analyse(migration(['0001_initial'], '        migrations.AlterField(model_name="invoice", name="total", field=models.DecimalField(max_digits=8, decimal_places=2)),'));
  assert.deepEqual(summary(findings), ['alter-column-type warning shop_invoice.total']);
  assert.match(findings[0].message, /previous definition was not found/);
});

test('history follows dependencies, not file names: a field altered on another branch is not replayed', () => {
  const branch = migration(['0001_initial'], '        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=5)),');
  const text = migration(['0001_initial'], '        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=12, blank=True)),');
  assert.deepEqual(summary(analyse(text, { '0001_branch': branch })), []);
  const after = migration(['0001_branch'], '        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=12, blank=True)),');
  assert.deepEqual(summary(analyse(after, { '0001_branch': branch })), ['alter-column-type warning orders.code']);
});

test('RemoveField, DeleteModel, RenameField and RenameModel use the replayed table and column names', () => {
  const findings = analyse(
    migration(
      ['0001_initial'],
      [
        '        migrations.RemoveField(model_name="order", name="customer"),',
        '        migrations.RemoveField(model_name="order", name="tags"),',
        '        migrations.RenameField(model_name="order", old_name="code", new_name="reference"),',
        '        migrations.DeleteModel(name="Legacy"),',
        '        migrations.RenameModel(old_name="Order", new_name="Purchase"),',
        '        migrations.DeleteModel(name="Purchase"),',
      ].join('\n'),
    ),
  );
  assert.deepEqual(summary(findings.filter((f) => f.rule !== 'irreversible-downgrade')), [
    'drop-column error orders.customer_id',
    'drop-table error orders_tags',
    'rename-column warning orders.code',
    'drop-table error orders',
  ]);
});

test('RunSQL goes through the SQL frontend; reverse_sql runs on rollback; no reverse makes data loss irreversible', () => {
  const findings = analyse(
    migration(
      ['0001_initial'],
      [
        '        migrations.RunSQL("DELETE FROM orders WHERE status = \'void\'", reverse_sql=migrations.RunSQL.noop),',
        '        migrations.RunSQL(["TRUNCATE audit_log", ("UPDATE orders SET note = %s", ["x"])]),',
        '        migrations.RunSQL("CREATE TABLE tmp (id int)", "DROP TABLE tmp"),',
      ].join('\n'),
    ),
  );
  assert.deepEqual(summary(findings), [
    'delete-rows warning orders',
    'irreversible-downgrade warning audit_log',
    'truncate error audit_log',
    'irreversible-downgrade warning orders',
    'update-rows-without-where warning orders',
  ]);
});

test('RunPython: ORM deletes and unfiltered updates in the function are found; filtered updates and dict.update are not', () => {
  const code = `

def forwards(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.all().delete()
    Order.objects.filter(status="new").update(status="paid")
    Order.objects.update(note="")
    defaults = {}
    defaults.update(status="x")
    for order in Order.objects.filter(qty=0):
        order.delete()
    _cleanup(schema_editor)


def _cleanup(schema_editor):
    schema_editor.execute("DROP TABLE shop_draft")
`;
  const findings = analyse(migration(['0001_initial'], '        migrations.RunPython(forwards, migrations.RunPython.noop),', code));
  assert.deepEqual(summary(findings), ['delete-rows error orders', 'update-rows-without-where warning orders', 'delete-rows warning orders', 'drop-table error shop_draft']);
  const irreversible = analyse(migration(['0001_initial'], '        migrations.RunPython(forwards),', code));
  assert.equal(irreversible.filter((f) => f.rule === 'irreversible-downgrade').length, 4);
});

test('SeparateDatabaseAndState: only database_operations reach the database', () => {
  const findings = analyse(
    migration(
      ['0001_initial'],
      `        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Order")],
            database_operations=[migrations.RunSQL("ALTER TABLE orders RENAME TO orders_archive", reverse_sql="ALTER TABLE orders_archive RENAME TO orders")],
        ),
        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=2)),`,
    ),
  );
  // The state now says Order is gone, so the AlterField after it cannot know the field.
  assert.deepEqual(summary(findings), ['rename-table warning orders', 'alter-column-type warning shop_order.code']);
});

test('indexes and constraints; AddIndexConcurrently needs atomic = False', () => {
  const ops = [
    '        migrations.AddIndex(model_name="order", index=models.Index(fields=["status"], name="order_status_idx")),',
    '        AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="order_code_idx")),',
    '        migrations.RemoveIndex(model_name="order", name="old_idx"),',
    '        migrations.AddConstraint(model_name="order", constraint=models.CheckConstraint(check=models.Q(qty__gte=0), name="qty_gte_0")),',
    '        migrations.RemoveConstraint(model_name="order", name="uniq_code"),',
  ].join('\n');
  const findings = analyse(migration(['0001_initial'], ops, 'from django.contrib.postgres.operations import AddIndexConcurrently'));
  assert.deepEqual(summary(findings), [
    'create-index-non-concurrently warning orders',
    'concurrently-in-transaction error orders',
    'drop-index warning orders',
    'add-check-without-not-valid warning orders',
    'drop-constraint warning orders',
  ]);
});

test('AddField: NOT NULL without a default on an existing table; a Python default counts, Django backfills it', () => {
  const findings = analyse(
    migration(
      ['0001_initial'],
      [
        '        migrations.AddField(model_name="order", name="region", field=models.CharField(max_length=8)),',
        '        migrations.AddField(model_name="order", name="flag", field=models.BooleanField(default=False)),',
        '        migrations.AddField(model_name="order", name="seen", field=models.DateTimeField(null=True)),',
      ].join('\n'),
    ),
  );
  assert.deepEqual(summary(findings), ['add-not-null-column-without-default error orders.region']);
});

test('operations built at run time are reported, never skipped; a module-level list is read', () => {
  const built = analyse(migration(['0001_initial'], '').replace('operations = [\n\n    ]', 'operations = [migrations.RunSQL(f"DROP TABLE {t}") for t in TABLES]'));
  // The list is reported as unreadable, and the RunSQL written inside it is still read: its DROP TABLE
  // names a table only known at run time.
  assert.deepEqual(summary(built), ['dynamic-sql warning ', 'drop-table error ', 'dynamic-sql error ', 'irreversible-downgrade warning ']);
  const imported = analyse(migration(['0001_initial'], '').replace('operations = [\n\n    ]', 'operations = OPERATIONS'));
  assert.deepEqual(summary(imported), ['dynamic-sql warning '], 'a name this file does not define');
  const listed = analyse(`${migration(['0001_initial'], '').replace('operations = [\n\n    ]', 'operations = OPERATIONS')}\nOPERATIONS = [migrations.DeleteModel(name="Order")]\n`);
  assert.deepEqual(summary(listed), ['drop-table error orders', 'drop-table error orders_tags']);
});

test('operations added with +=, append(), extend(), concatenation or a helper of the migration are read', () => {
  const body = [
    'operations = [migrations.RemoveField(model_name="order", name="note")] + [',
    '        drop("Order"),',
    '    ]',
    '    operations += [migrations.RemoveField(model_name="order", name="total")]',
    '    operations.append(migrations.RemoveField(model_name="order", name="placed_at"))',
  ].join('\n');
  const text = `${migration(['0001_initial'], '').replace('operations = [\n\n    ]', body)}\ndef drop(name):\n    return migrations.DeleteModel(name=name)\n`;
  assert.deepEqual(summary(analyse(text)), [
    'drop-column error orders.note',
    'dynamic-sql warning ',
    'drop-column error orders.total',
    'drop-column error orders.placed_at',
    // The helper's DeleteModel, reported where the helper builds it, with its model known only at run time.
    'drop-table error ',
  ]);
});

test('a custom operation reads its methods as Python binds them: a redefined database_forwards is the last one, bases are inherited', () => {
  const extra = [
    'from django.db.migrations.operations.base import Operation',
    '',
    'class Base(Operation):',
    '    def database_backwards(self, app_label, schema_editor, from_state, to_state):',
    '        schema_editor.execute("DROP TABLE shop_restored")',
    '',
    'class DropLegacy(Base):',
    '    def database_forwards(self, app_label, schema_editor, from_state, to_state):',
    '        pass',
    '',
    '    def database_forwards(self, app_label, schema_editor, from_state, to_state):',
    '        schema_editor.execute("DROP TABLE shop_legacy_export")',
  ].join('\n');
  const findings = analyse(migration(['0001_initial'], '        DropLegacy(),', extra));
  assert.deepEqual(
    findings.filter((f) => f.rule === 'drop-table').map((f) => `${f.table} ${f.phase}`),
    ['shop_restored down', 'shop_legacy_export up'],
  );
});
