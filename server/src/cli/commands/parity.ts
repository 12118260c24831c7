import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { buildModelIndex, findProject, type ModelInfo } from '../../core/models';
import { computeParity, parityProblems, type ParityReport, type ParityTable } from '../../core/parity';
import { addExactCounts } from '../../core/db/open';
import { formatRows } from '../../core/enrich';
import { UsageError } from '../../core/walk';
import type { CliIo } from '../io';
import { DATABASE_OPTIONS, sourceSpec, withSource } from './database';

export async function parity(args: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false }, ...DATABASE_OPTIONS },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  if (positionals.length > 1) throw new UsageError('parity takes one project directory');
  const start = path.resolve(io.cwd, positionals[0] ?? '.');
  const layout = findProject(start);
  if (!layout) throw new UsageError(`no alembic.ini or manage.py found in ${positionals[0] ?? '.'} or above it`);
  const spec = sourceSpec(values, io, layout.alembicIni, true);
  if (!spec) throw new UsageError('parity needs a database');
  const index = await buildModelIndex(layout);
  const report = await withSource(spec, async (source) => {
    const db = await source.read();
    // The tables at risk are worth an exact count; the rest keep the planner's estimate.
    const first = computeParity(db, index);
    const atRisk = [...first.tablesWithoutModel, ...first.unreachableModels.flatMap((u) => (u.table ? [u.table] : []))];
    await addExactCounts(source, db, atRisk.map((t) => ({ schema: t.schema, table: t.name })));
    return computeParity(db, index);
  });
  const where = path.relative(io.cwd, layout.root) || '.';
  io.stdout(values.format === 'json' ? `${JSON.stringify({ version: 1, project: where, ...report }, null, 2)}\n` : renderParity(report, where, index.envPy));
  return parityProblems(report) > 0 ? 1 : 0;
}

function rows(t: ParityTable): string {
  return t.rows ? formatRows(t.rows) : 'rows unknown';
}

function tableName(t: ParityTable): string {
  return t.schema === 'public' ? t.name : `${t.schema}.${t.name}`;
}

function modelRef(m: ModelInfo): string {
  return `${m.name} (${m.file})`;
}

/** Aligned columns: the three reporting tables of the incident must be readable at a glance. */
function lines(items: string[][]): string[] {
  const widths = items.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return items.map((row) => `  ${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd());
}

export function renderParity(r: ParityReport, project: string, envPy: string | undefined): string {
  const out: string[] = [`Parity of ${project} (${r.framework}${envPy ? `, metadata from ${envPy}` : ''}) with ${r.source}`, ''];
  const section = (title: string, body: string[]) => out.push(`${title}: ${body.length === 0 ? 'none' : ''}`.trimEnd(), ...body, '');
  const dropVerb = r.framework === 'alembic' ? 'autogenerate would drop them' : 'Django does not manage them';
  section(`Tables with no model (${dropVerb})`, lines(r.tablesWithoutModel.map((t) => [tableName(t), rows(t), 'no model'])));
  section('Models with no table (a migration that creates them has not run)', lines(r.modelsWithoutTable.map((m) => [m.table ?? '?', modelRef(m)])));
  section(
    'Models autogenerate cannot see (never imported from env.py)',
    lines(r.unreachableModels.map((u) => [u.model.table ?? '?', u.table ? rows(u.table) : 'no table', `${modelRef(u.model)}, module ${u.model.module}`])),
  );
  section('Tables that match a model', lines(r.matched.map((m) => [tableName(m.table), rows(m.table), m.models.map(modelRef).join(', ')])));
  if (r.ignored.length > 0) section('Not compared', lines(r.ignored.map((i) => [tableName(i.table), i.reason])));
  for (const note of r.notes) out.push(`note: ${note}`);
  for (const hint of r.hints) out.push(`hint: ${hint}`);
  const problems = parityProblems(r);
  out.push(problems === 0 ? 'Every table autogenerate compares has a model it can see.' : `${problems} table${problems === 1 ? '' : 's'} would be dropped by autogenerate.`);
  return `${out.join('\n')}\n`;
}
