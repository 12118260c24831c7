// ProjectFacts for the files of one run: the model index of each project they belong to (static, always
// loaded when a project is found) and, when a database was asked for, its schema and row counts.

import * as path from 'node:path';
import { addExactCounts, type CountTarget } from '../../core/db/open';
import { findTable, type SchemaSnapshot, type SchemaSource } from '../../core/db/schemaSource';
import type { ProjectFacts } from '../../core/facts';
import { buildModelIndex, findProject, type ProjectLayout } from '../../core/models';
import { rulesOf } from '../../core/merge';
import type { FileReport } from '../../core/report';
import { RULES } from '../../core/rules';

export interface ProjectGroup<T> {
  layout?: ProjectLayout;
  items: T[];
}

/** Groups files by the Alembic/Django project above them (one lookup per directory). */
export function groupByProject<T>(items: T[], absoluteOf: (item: T) => string): ProjectGroup<T>[] {
  const byDir = new Map<string, ProjectLayout | undefined>();
  const groups = new Map<string, ProjectGroup<T>>();
  for (const item of items) {
    const dir = path.dirname(absoluteOf(item));
    if (!byDir.has(dir)) byDir.set(dir, findProject(dir));
    const layout = byDir.get(dir);
    const key = layout?.root ?? '';
    const group = groups.get(key) ?? { layout, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export async function projectFacts(layout: ProjectLayout | undefined, db: SchemaSnapshot | undefined): Promise<ProjectFacts | undefined> {
  const models = layout ? await buildModelIndex(layout) : undefined;
  if (!models && !db) return undefined;
  const facts: ProjectFacts = {};
  if (models) facts.models = models;
  if (db) facts.db = db;
  return facts;
}

const COUNTED = new Set(RULES.filter((r) => r.category === 'data-loss').map((r) => r.id).concat(['drop-unmapped-table', 'model-not-on-metadata']));

/**
 * Exact counts for what the findings would destroy. Returns the reports that quoted a table, which the
 * caller analyses again so their messages carry the counts instead of estimates.
 */
export async function countFindingTargets(source: SchemaSource, db: SchemaSnapshot, reports: FileReport[]): Promise<Set<string>> {
  const targets: CountTarget[] = [];
  const seen = new Set<string>();
  const recount = new Set<string>();
  for (const r of reports) {
    for (const f of r.findings) {
      if (!f.table || !rulesOf(f).some((r) => COUNTED.has(r)) || !findTable(db, { name: f.table })) continue;
      recount.add(r.path);
      const key = `${f.table}\u0000${f.column ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ table: f.table, ...(f.rule === 'drop-column' && f.column ? { column: f.column } : {}) });
    }
  }
  await addExactCounts(source, db, targets);
  return recount;
}
