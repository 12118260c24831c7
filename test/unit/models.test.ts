import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildModelIndex, findProject, type ModelIndex } from '../../server/src/core/models';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-models-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function index(files: Record<string, string>, naming?: 'lower' | 'snake'): Promise<ModelIndex> {
  const dir = project(files);
  const layout = findProject(path.join(dir, 'migrations', 'versions'));
  assert.ok(layout, 'project found');
  return buildModelIndex(layout, { tableNaming: naming });
}

const tables = (i: ModelIndex) => Object.fromEntries(i.models.map((m) => [m.name, `${m.schema ? `${m.schema}.` : ''}${m.table ?? '?'}${m.reachable ? '' : ' (unreachable)'}`]));

const ALEMBIC_INI = '[alembic]\nscript_location = migrations\nprepend_sys_path = .\n';

test('declarative classes, mixins, declared_attr, Table() and reachability from env.py', async () => {
  const i = await index({
    'alembic.ini': ALEMBIC_INI,
    'migrations/versions/.keep': '',
    'migrations/env.py': 'from alembic import context\nfrom app import models  # noqa\nfrom app.db import Base\ntarget_metadata = Base.metadata\n',
    'app/__init__.py': '',
    'app/db.py': 'from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase):\n    pass\n',
    'app/mixins.py': 'from sqlalchemy.orm import declared_attr\n\nclass AutoName:\n    @declared_attr.directive\n    def __tablename__(cls) -> str:\n        return cls.__name__.lower()\n\nclass Audited:\n    __abstract__ = True\n',
    'app/models/__init__.py': 'from .user import User\nfrom . import billing\n',
    'app/models/user.py': 'from app.db import Base\nfrom app.mixins import AutoName\n\nclass User(Base):\n    __tablename__ = "users"\n    __table_args__ = {"schema": "auth"}\n\nclass Admin(User):\n    pass\n\nclass Team(AutoName, Base):\n    pass\n',
    'app/models/billing.py': 'import sqlalchemy as sa\nfrom ..db import Base\n\ninvoice_lines = sa.Table("invoice_lines", Base.metadata, sa.Column("id", sa.Integer))\n\nclass Invoice(Base):\n    __tablename__ = "invoices"\n',
    'app/models/keywords.py': 'from typing import TYPE_CHECKING\nfrom app.db import Base\nif TYPE_CHECKING:\n    from app.models.reports import Report\n\nclass ProjectKeyword(Base):\n    __tablename__ = "project_keywords"\n',
    'app/models/reports.py': 'from app.db import Base\n\nclass Report(Base):\n    __tablename__ = "reports"\n',
  });
  assert.deepEqual(tables(i), {
    User: 'auth.users',
    Admin: 'auth.users',
    Team: 'team',
    invoice_lines: 'invoice_lines',
    Invoice: 'invoices',
    ProjectKeyword: 'project_keywords (unreachable)',
    Report: 'reports (unreachable)',
  });
  assert.equal(i.targetMetadata, 'Base.metadata');
  assert.deepEqual(i.bases.map((b) => `${b.module}.${b.name}`), ['app.db.Base']);
  assert.equal(i.models.find((m) => m.name === 'User')?.base?.module, 'app.db');
});

test('a naming convention names tables a declared_attr computes in a way the index cannot read', async () => {
  const files = {
    'alembic.ini': ALEMBIC_INI,
    'migrations/env.py': 'from app.models import Base\ntarget_metadata = Base.metadata\n',
    'app/models.py': 'import re\nfrom sqlalchemy.orm import declarative_base, declared_attr\n\nclass Named:\n    @declared_attr\n    def __tablename__(cls):\n        return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()\n\nBase = declarative_base(cls=Named)\n\nclass ProjectMonthlyForecast(Named, Base):\n    pass\n',
  };
  const unnamed = await index(files);
  assert.equal(unnamed.models[0].table, undefined);
  assert.match(unnamed.notes.join('\n'), /tableNaming/);
  assert.equal((await index(files, 'snake')).models[0].table, 'project_monthly_forecast');
});

test("env.py's include_object exclusions, version_table, include_schemas and a missing target_metadata", async () => {
  const i = await index({
    'alembic.ini': `${ALEMBIC_INI}\n[alembic:exclude]\ntables = legacy_a, legacy_b\n`,
    'migrations/env.py': [
      'from alembic import context',
      'EXCLUDED = {"spatial_ref_sys", "celery_taskmeta"}',
      'exclude_tables = config.get_section("alembic:exclude").get("tables", "").split(",")',
      'def include_object(object, name, type_, reflected, compare_to):',
      '    if type_ == "table" and (name in EXCLUDED or name.startswith("tmp_")):',
      '        return False',
      '    if type_ == "index" and name in ["ix_skip"]:',
      '        return False',
      '    return True',
      'target_metadata = None',
      'context.configure(connection=c, target_metadata=target_metadata, include_object=include_object, include_schemas=True, version_table="schema_versions")',
    ].join('\n'),
  });
  assert.deepEqual(i.exclusions, { names: ['spatial_ref_sys', 'celery_taskmeta', 'legacy_a', 'legacy_b'], prefixes: ['tmp_'], suffixes: [], unmappedExcluded: false });
  assert.equal(i.versionTable.name, 'schema_versions');
  assert.equal(i.includeSchemas, true);
  assert.equal(i.targetMetadata, undefined);
  assert.match(i.notes.join('\n'), /sets no target_metadata/);

  const guarded = await index({
    'alembic.ini': ALEMBIC_INI,
    'migrations/env.py': 'def keep_unmapped(obj, name, type_, reflected, compare_to):\n    if type_ == "table" and reflected and compare_to is None:\n        return False\n    return True\ntarget_metadata = None\ncontext.configure(include_object=keep_unmapped)\n',
  });
  assert.equal(guarded.exclusions.unmappedExcluded, true);
});

test('Django models: db_table, app_label_modelname, abstract and proxy models, many-to-many join tables', async () => {
  const dir = project({
    'manage.py': '',
    'shop/models.py': [
      'from django.db import models',
      'class Stamped(models.Model):',
      '    class Meta:',
      '        abstract = True',
      'class Order(Stamped):',
      '    tags = models.ManyToManyField("Tag")',
      '    items = models.ManyToManyField("Item", through="OrderItem")',
      'class Tag(models.Model):',
      '    class Meta:',
      '        db_table = "shop_tags"',
      'class RecentOrder(Order):',
      '    class Meta:',
      '        proxy = True',
    ].join('\n'),
  });
  const layout = findProject(path.join(dir, 'shop'));
  assert.equal(layout?.framework, 'django');
  const i = await buildModelIndex(layout!);
  assert.deepEqual(tables(i), { Order: 'shop_order', 'Order.tags': 'shop_order_tags', Tag: 'shop_tags' });
});

test('the columns a model declares itself, by their database names', async () => {
  const i = await index({
    'alembic.ini': ALEMBIC_INI,
    'migrations/versions/.keep': '',
    'migrations/env.py': 'from app.models import Base\ntarget_metadata = Base.metadata\n',
    'app/__init__.py': '',
    'app/models.py': [
      'import sqlalchemy as sa',
      'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
      'class Base(DeclarativeBase):',
      '    pass',
      'class User(Base):',
      '    __tablename__ = "users"',
      '    id: Mapped[int] = mapped_column(primary_key=True)',
      '    email = sa.Column("email_address", sa.Text)',
      '    nickname: Mapped[str] = mapped_column(sa.String(40))',
      '    full_name = sa.orm.column_property(sa.text("x"))',
    ].join('\n'),
  });
  assert.deepEqual(i.models.find((m) => m.name === 'User')?.columns, ['id', 'email_address', 'nickname']);
  const dir = project({
    'manage.py': '',
    'shop/models.py': [
      'from django.db import models',
      'class Customer(models.Model):',
      '    name = models.CharField(max_length=120)',
      '    region = models.ForeignKey("Region", on_delete=models.CASCADE)',
      '    code = models.CharField(max_length=8, db_column="customer_code")',
      '    tags = models.ManyToManyField("Tag")',
    ].join('\n'),
  });
  const django = await buildModelIndex(findProject(path.join(dir, 'shop'))!);
  assert.deepEqual(django.models.find((m) => m.name === 'Customer')?.columns, ['name', 'region_id', 'customer_code']);
});
