import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { TableInfo } from '../../server/src/core/db/schemaSource';
import type { TextEdit } from '../../server/src/core/findings';
import { className, generateModel, type GeneratedModel } from '../../server/src/core/fixes/generateModel';
import { buildModelIndex, findProject, type ModelIndex } from '../../server/src/core/models';
import { initPythonParser, parsePythonSource } from '../../server/src/core/parse/python';

// The incident's tables as catalog.ts reads them from PostgreSQL.
const KEYWORDS: TableInfo = {
  schema: 'public', name: 'project_keywords', rowEstimate: 412, primaryKey: ['project_id', 'keyword'],
  columns: [{ name: 'project_id', type: 'integer', nullable: false }, { name: 'keyword', type: 'text', nullable: false }],
  foreignKeys: [{ name: 'project_keywords_project_id_fkey', columns: ['project_id'], refSchema: 'public', refTable: 'projects', refColumns: ['id'] }],
};
const MAPPINGS: TableInfo = {
  schema: 'public', name: 'project_resource_mappings', rowEstimate: 1236, primaryKey: [],
  columns: [
    { name: 'project_id', type: 'integer', nullable: false },
    { name: 'resource_id', type: 'integer', nullable: false },
    { name: 'hours', type: 'numeric(8,2)', nullable: false, default: '0' },
    { name: 'class', type: 'character varying(20)', nullable: true },
    { name: 'tags', type: 'text[]', nullable: true },
    { name: 'ext', type: 'uuid', nullable: true },
    { name: 'weird', type: 'ltree', nullable: true },
  ],
  foreignKeys: [{ name: 'fk', columns: ['project_id'], refSchema: 'public', refTable: 'projects', refColumns: ['id'] }],
};

const FILES: Record<string, string> = {
  'alembic.ini': '[alembic]\nscript_location = migrations\nprepend_sys_path = .\n',
  'migrations/env.py': 'from app.models import Base\ntarget_metadata = Base.metadata\n',
  'app/__init__.py': '',
  'app/models/__init__.py': 'from app.models.base import Base\nfrom app.models.project import Project\n\n__all__ = ["Base", "Project"]\n',
  'app/models/base.py': 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n',
  'app/models/project.py': 'import sqlalchemy as sa\n\nfrom app.models.base import Base\n\n\nclass Project(Base):\n    __tablename__ = "projects"\n\n    id = sa.Column(sa.Integer, primary_key=True)\n',
};

let dir: string;
let index: ModelIndex;

before(async () => {
  await initPythonParser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-genmodel-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  index = await buildModelIndex(findProject(dir)!);
});

const read = (rel: string) => (fs.existsSync(path.join(dir, rel)) ? fs.readFileSync(path.join(dir, rel), 'utf8') : undefined);

function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

function apply(g: GeneratedModel): void {
  assert.ok(g.newFile && g.importEdit);
  fs.writeFileSync(path.join(dir, g.newFile.path), g.newFile.text);
  fs.writeFileSync(path.join(dir, g.importEdit.path), applyEdits(read(g.importEdit.path) ?? '', g.importEdit.edits));
}

function assertParses(text: string, what: string): void {
  const { tree } = parsePythonSource(text);
  try {
    assert.equal(tree.rootNode.hasError, false, `${what} parses:\n${text}`);
  } finally {
    tree.delete();
  }
}

function pythonWithSqlalchemy(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import sqlalchemy'], { timeout: 20_000 }).status === 0) return python;
  }
  return undefined;
}

test('class names are singular CamelCase', () => {
  assert.equal(className('project_keywords'), 'ProjectKeyword');
  assert.equal(className('project_monthly_forecast'), 'ProjectMonthlyForecast');
  assert.equal(className('categories'), 'Category');
  assert.equal(className('status'), 'Status');
});

test('generated models parse, land next to the models and are imported where env.py sees them', async (t) => {
  const keywords = generateModel(KEYWORDS, index, read);
  assert.ok(!('error' in keywords));
  apply(keywords);
  // Each edit is computed against the files as they are then, as an editor would ask for it.
  const mappings = generateModel(MAPPINGS, index, read);
  assert.ok(!('error' in mappings) && keywords.newFile && keywords.importEdit && mappings.newFile);
  assert.equal(keywords.newFile.path, 'app/models/project_keywords.py');
  assert.equal(keywords.importEdit.path, 'app/models/__init__.py');
  assert.match(keywords.newFile.text, /class ProjectKeyword\(Base\):\n    __tablename__ = "project_keywords"/);
  assert.match(keywords.newFile.text, /project_id = sa\.Column\(sa\.Integer, sa\.ForeignKey\("projects\.id"\), primary_key=True, nullable=False\)/);
  assert.match(mappings.newFile.text, /project_resource_mappings = sa\.Table\(\n    "project_resource_mappings",\n    Base\.metadata,/);
  assert.match(mappings.newFile.text, /server_default=sa\.text\("0"\)/);
  assert.match(mappings.newFile.text, /ltree: no SQLAlchemy type known here/);
  apply(mappings);
  for (const file of [keywords.newFile.path, mappings.newFile.path, keywords.importEdit.path]) assertParses(read(file) ?? '', file);
  assert.match(read('app/models/__init__.py') ?? '', /from app\.models\.project_resource_mappings import project_resource_mappings\n\n__all__ = \["Base", "Project", "ProjectKeyword", "project_resource_mappings"\]/);

  // The index now sees both tables as reachable models.
  const after = await buildModelIndex(findProject(dir)!);
  const seen = after.models.filter((m) => m.reachable).map((m) => m.table).sort();
  assert.deepEqual(seen, ['project_keywords', 'project_resource_mappings', 'projects']);

  const python = pythonWithSqlalchemy();
  if (!python) {
    t.skip('SQLAlchemy is not installed: checked structurally only');
    return;
  }
  const script = [
    'import json, app.models',
    'from app.models.base import Base',
    'out = {}',
    'for name, t in Base.metadata.tables.items():',
    '    out[name] = [[c.name, str(c.type), c.nullable, c.primary_key, [f.target_fullname for f in c.foreign_keys]] for c in t.columns]',
    'from sqlalchemy.orm import configure_mappers',
    'configure_mappers()',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(python, ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const tables = JSON.parse(r.stdout);
  assert.deepEqual(tables.project_keywords, [['project_id', 'INTEGER', false, true, ['projects.id']], ['keyword', 'TEXT', false, true, []]]);
  assert.deepEqual(tables.project_resource_mappings.map((c: unknown[]) => c.slice(0, 3)), [
    ['project_id', 'INTEGER', false], ['resource_id', 'INTEGER', false], ['hours', 'NUMERIC(8, 2)', false], ['class', 'VARCHAR(20)', true],
    ['tags', 'ARRAY', true], ['ext', 'UUID', true], ['weird', 'NULL', true],
  ]);
});

test('in a project whose models use SQLAlchemy 2.0 typed columns, the generated model does too', async () => {
  const typedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-genmodel-typed-'));
  const files: Record<string, string> = {
    ...FILES,
    'app/models/base.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n',
    'app/models/project.py': 'from sqlalchemy import String\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.models.base import Base\n\n\nclass Project(Base):\n    __tablename__ = "projects"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    name: Mapped[str] = mapped_column(String(200))\n',
  };
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(typedDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(typedDir, rel), text);
    }
    const typedIndex = await buildModelIndex(findProject(typedDir)!);
    const readTyped = (rel: string) => (fs.existsSync(path.join(typedDir, rel)) ? fs.readFileSync(path.join(typedDir, rel), 'utf8') : undefined);
    const table: TableInfo = {
      ...KEYWORDS,
      columns: [...KEYWORDS.columns, { name: 'added_at', type: 'timestamp with time zone', nullable: true }, { name: 'weight', type: 'numeric(8,2)', nullable: false }],
    };
    const g = generateModel(table, typedIndex, readTyped);
    assert.ok(!('error' in g) && g.newFile);
    const text = g.newFile.text;
    assert.match(text, /\nimport datetime\nimport decimal\nfrom typing import Optional\n\nimport sqlalchemy as sa\nfrom sqlalchemy\.orm import Mapped, mapped_column\n/);
    assert.match(text, /\n {4}project_id: Mapped\[int\] = mapped_column\(sa\.Integer, sa\.ForeignKey\("projects\.id"\), primary_key=True, nullable=False\)\n/);
    assert.match(text, /\n {4}keyword: Mapped\[str\] = mapped_column\(sa\.Text, primary_key=True, nullable=False\)\n/);
    assert.match(text, /\n {4}added_at: Mapped\[Optional\[datetime\.datetime\]\] = mapped_column\(sa\.DateTime\(timezone=True\), nullable=True\)\n/);
    assert.match(text, /\n {4}weight: Mapped\[decimal\.Decimal\] = mapped_column\(sa\.Numeric\(8, 2\), nullable=False\)\n/);
    assert.doesNotMatch(text, /sa\.Column\(/);
    assertParses(text, g.newFile.path);
    // The classic project above keeps sa.Column.
    const classic = generateModel(KEYWORDS, index, read);
    assert.ok(!('error' in classic) && /project_id = sa\.Column\(/.test(classic.newFile?.text ?? ''));
  } finally {
    fs.rmSync(typedDir, { recursive: true, force: true });
  }
});

test('in a Flask-SQLAlchemy project the generated model derives from db.Model and imports db as the other models do', async () => {
  const flaskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-genmodel-flask-'));
  const files: Record<string, string> = {
    'alembic.ini': '[alembic]\nscript_location = migrations\nprepend_sys_path = .\n',
    'migrations/env.py': 'from app.extensions import db\nimport app.models\ntarget_metadata = db.metadata\n',
    'app/__init__.py': '',
    'app/extensions.py': 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n',
    'app/models/__init__.py': 'from app.models.project import Project\n',
    'app/models/project.py': 'from ..extensions import db\n\n\nclass Project(db.Model):\n    __tablename__ = "projects"\n\n    id = db.Column(db.Integer, primary_key=True)\n',
  };
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(flaskDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(flaskDir, rel), text);
    }
    const flaskIndex = await buildModelIndex(findProject(flaskDir)!);
    const readFlask = (rel: string) => (fs.existsSync(path.join(flaskDir, rel)) ? fs.readFileSync(path.join(flaskDir, rel), 'utf8') : undefined);
    const g = generateModel(KEYWORDS, flaskIndex, readFlask);
    assert.ok(!('error' in g) && g.newFile, JSON.stringify(g));
    assert.match(g.newFile.text, /\nfrom app\.extensions import db\n\n\nclass ProjectKeyword\(db\.Model\):\n {4}__tablename__ = "project_keywords"\n/);
    assert.match(g.newFile.text, /\n {4}project_id = db\.Column\(sa\.Integer, sa\.ForeignKey\("projects\.id"\), primary_key=True, nullable=False\)\n/);
    assert.equal(g.newFile.path, 'app/models/project_keywords.py');
    assertParses(g.newFile.text, g.newFile.path);
  } finally {
    fs.rmSync(flaskDir, { recursive: true, force: true });
  }
});
