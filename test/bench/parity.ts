/**
 * Parity on a database with 1,000 tables against 1,000 models (target: 1 s). Measures what
 * `migration-guard parity` does after connecting: read the schema from the database, build the model
 * index from 1,000 model files, and compare. The database is PGlite, filled once before timing.
 * Run alone with `npm run bench:parity`; test/bench/run.ts calls runParityBench().
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import { buildModelIndex, findProject } from '../../server/src/core/models';
import { computeParity } from '../../server/src/core/parity';
import { formatMs, median } from './stats';

const TABLES = 1000;
const RUNS = 5;

function tableName(i: number): string {
  return `table_${String(i).padStart(4, '0')}`;
}

function className(i: number): string {
  return `Model${String(i).padStart(4, '0')}`;
}

/** 1,000 model modules in a models package whose __init__ imports all but the last ten (unreachable). */
function writeProject(root: string): void {
  const models = path.join(root, 'app', 'models');
  fs.mkdirSync(models, { recursive: true });
  fs.mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = migrations\nprepend_sys_path = .\n');
  fs.writeFileSync(path.join(root, 'migrations', 'env.py'), 'from alembic import context\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n');
  fs.writeFileSync(path.join(root, 'app', '__init__.py'), '');
  fs.writeFileSync(path.join(models, 'base.py'), 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n');
  const imports = ['from app.models.base import Base'];
  for (let i = 0; i < TABLES; i++) {
    const module = `m${String(i).padStart(4, '0')}`;
    fs.writeFileSync(
      path.join(models, `${module}.py`),
      [
        'from sqlalchemy import ForeignKey, Integer, Numeric, String',
        'from sqlalchemy.orm import Mapped, mapped_column',
        '',
        'from app.models.base import Base',
        '',
        '',
        `class ${className(i)}(Base):`,
        `    __tablename__ = "${tableName(i)}"`,
        '',
        '    id: Mapped[int] = mapped_column(primary_key=True)',
        '    name: Mapped[str] = mapped_column(String(200))',
        '    amount: Mapped[float] = mapped_column(Numeric(12, 2))',
        `    parent_id: Mapped[int | None] = mapped_column(ForeignKey("${tableName(Math.max(0, i - 1))}.id"))`,
        '',
      ].join('\n'),
    );
    if (i < TABLES - 10) imports.push(`from app.models.${module} import ${className(i)}`);
  }
  fs.writeFileSync(path.join(models, '__init__.py'), `${imports.join('\n')}\n`);
}

/** 1,000 tables: 990 mapped, 10 without a model; the last 10 models are unreachable and have tables too. */
function schemaSql(): string {
  const out: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    const name = i < TABLES - 10 ? tableName(i) : `orphan_${i}`;
    out.push(`CREATE TABLE ${name} (id serial PRIMARY KEY, name varchar(200) NOT NULL, amount numeric(12,2), parent_id integer);`);
    out.push(`INSERT INTO ${name} (name, amount) SELECT 'n' || g, g FROM generate_series(1, ${1 + (i % 7)}) g;`);
  }
  return `${out.join('\n')}\nANALYZE;`;
}

export async function runParityBench(): Promise<{ medianMs: number }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-parity-bench-'));
  writeProject(root);
  const source = await PgliteSchemaSource.create({ seedSql: schemaSql(), seedName: 'bench schema' });
  try {
    const layout = findProject(root);
    if (!layout) throw new Error('bench project not found');
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      // One after the other, as the CLI does: PGlite runs on this thread, so overlapping the two only interleaves them.
      const db = await source.read();
      const index = await buildModelIndex(layout);
      const report = computeParity(db, index);
      timings.push(performance.now() - started);
      if (db.tables.length !== TABLES || index.models.length !== TABLES || report.tablesWithoutModel.length !== 10 || report.matched.length !== TABLES - 10) {
        throw new Error(`unexpected parity: ${db.tables.length} tables, ${index.models.length} models, ${report.tablesWithoutModel.length} without model, ${report.matched.length} matched`);
      }
    }
    return { medianMs: median(timings) };
  } finally {
    await source.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runParityBench().then(
    ({ medianMs }) => console.log(`parity, ${TABLES} tables against ${TABLES} models: median ${formatMs(medianMs)} over ${RUNS} runs (target 1 s)`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
