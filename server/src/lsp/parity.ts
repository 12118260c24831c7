// migrationGuard/parity: the project's tables and models in the four categories of `migration-guard
// parity`, for the sidebar. The tables at risk get exact counts, as in the CLI.

import * as path from 'node:path';
import { formatRows } from '../core/enrich';
import type { ModelInfo } from '../core/models';
import { computeParity, type ParityTable } from '../core/parity';
import type { ParityParams, ParityView, ParityViewModel, ParityViewTable } from '../protocol';
import { uriToPath } from './scope';
import type { LspState } from './state';

export function parity(state: LspState) {
  return async (params: ParityParams): Promise<ParityView> => {
    const absolute = uriToPath(params.uri);
    const layout = absolute ? state.facts.layoutOf(absolute) : undefined;
    if (!absolute || !layout) {
      return { available: false, message: 'Parity needs an Alembic or Django project: no alembic.ini or manage.py above this file.', database: state.facts.db.status(layout) };
    }
    const db = await state.facts.db.open(layout);
    const models = await state.facts.modelsFor(absolute);
    if (!db || !models) {
      const database = state.facts.db.status(layout);
      return { available: false, message: database.message ?? 'Parity needs a database.', database };
    }
    let report = computeParity(db.snapshot, models);
    const atRisk = [...report.tablesWithoutModel, ...report.unreachableModels.flatMap((u) => (u.table ? [u.table] : []))];
    if (await state.facts.db.count(layout, atRisk.map((t) => ({ schema: t.schema, table: t.name })))) report = computeParity(db.snapshot, models);
    return {
      available: true,
      project: path.basename(layout.root),
      source: report.source,
      tablesWithoutModel: report.tablesWithoutModel.map(table),
      modelsWithoutTable: report.modelsWithoutTable.map(model),
      unreachableModels: report.unreachableModels.map((u) => (u.table ? { model: model(u.model), table: table(u.table) } : { model: model(u.model) })),
      matched: report.matched.map((m) => ({ table: table(m.table), models: m.models.map(model) })),
      database: state.facts.db.status(layout),
      hints: report.hints,
      unmappedDropsPossible: models.framework === 'alembic' && models.targetMetadata !== undefined && models.unmappedGuard === false,
    };
  };
}

function table(t: ParityTable): ParityViewTable {
  return t.rows ? { schema: t.schema, name: t.name, rows: formatRows(t.rows) } : { schema: t.schema, name: t.name };
}

function model(m: ModelInfo): ParityViewModel {
  return m.table === undefined ? { name: m.name, file: m.file } : { name: m.name, table: m.table, file: m.file };
}
