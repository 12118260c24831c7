// The operations of the Alembic revisions this one builds on, for raw SQL that can only be judged
// against a table's previous columns (a MySQL MODIFY, a SQLite table rebuild in op.execute calls).
// Ancestors are found through `down_revision` among the files next to this one.

import * as path from 'node:path';
import { isDownPhase, type Operation } from '../ops';
import type { AnalysisOptions, SqlDialect } from '../options';
import { directoryOf, siblingsOf } from '../project';

const REVISION = /^revision\s*(?::[^=\n]+)?=\s*['"]([^'"]+)['"]/m;
const DOWN_REVISION = /^down_revision\s*(?::[^=\n]+)?=\s*([^\n]+)/m;

interface Revision {
  id: string;
  parents: string[];
}

export function revisionOf(text: string): Revision | undefined {
  const id = REVISION.exec(text)?.[1];
  if (!id) return undefined;
  const down = DOWN_REVISION.exec(text)?.[1] ?? '';
  return { id, parents: [...down.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]) };
}

// Each earlier revision is analysed once per process, however many later ones ask for it.
const analysed = new Map<string, { text: string; dialect: SqlDialect; ops: Operation[] }>();

/** `analyse` is the Alembic frontend itself, passed in so that this module does not import it back. */
export function alembicHistory(filePath: string, text: string, options: AnalysisOptions, analyse: (text: string) => Operation[]): Operation[] {
  const current = revisionOf(text);
  if (!current) return [];
  const dir = directoryOf(filePath, options);
  const byId = new Map<string, { path: string; text: string; revision: Revision }>();
  for (const file of siblingsOf(dir, options)) {
    if (!file.path.endsWith('.py') || path.basename(file.path) === path.basename(filePath)) continue;
    const revision = revisionOf(file.text);
    if (revision) byId.set(revision.id, { ...file, revision });
  }
  const order: string[] = [];
  const seen = new Set<string>([current.id]);
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const file = byId.get(id);
    if (!file) return;
    for (const parent of file.revision.parents) visit(parent);
    order.push(id);
  };
  for (const parent of current.parents) visit(parent);
  return order.flatMap((id) => {
    const file = byId.get(id);
    return file ? opsOf(file.path, file.text, options.dialect, analyse) : [];
  });
}

function opsOf(file: string, text: string, dialect: SqlDialect, analyse: (text: string) => Operation[]): Operation[] {
  const cached = analysed.get(file);
  if (cached && cached.text === text && cached.dialect === dialect) return cached.ops;
  const ops = analyse(text).filter((op) => !isDownPhase(op.phase));
  analysed.set(file, { text, dialect, ops });
  return ops;
}
