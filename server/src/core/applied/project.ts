// Which migrations of a project have run, for `check` and the editor: the database's history tables when it has them,
// else the committed baseline. The history is matched against every migration in the folders being
// checked, not only the files named, so that checking one file does not make the others look missing.

import * as path from 'node:path';
import { mayReplace, type MigrationFile } from './identity';
import { resolveApplied, type AppliedFacts, type BaselineInput } from './resolve';
import type { SchemaSnapshot } from '../db/schemaSource';
import { detectFramework, isSqlMigration } from '../detect';
import { collectCandidates } from '../walk';
import { readTextFile } from '../fileRead';
import { DEFAULT_OPTIONS } from '../options';

// One folder per migration (Prisma, diesel): the sequence is the folder above.
const PER_FOLDER = /^(?:migration|up|down)\.sql$/i;

/** The folder holding a migration's sequence: its own, or the one above for one-folder-per-migration layouts. */
export function sequenceFolder(absolute: string): string {
  return PER_FOLDER.test(path.basename(absolute)) ? path.dirname(path.dirname(absolute)) : path.dirname(absolute);
}

/** The migrations in the folders of `absolutes` (and the files themselves), relative to `root`. */
export function migrationFilesAround(absolutes: readonly string[], root: string): MigrationFile[] {
  const dirs = new Set(absolutes.map(sequenceFolder));
  // Walk errors are reported by the run's own walk; here only the files found count.
  const candidates = collectCandidates([...dirs], root).candidates;
  const seen = new Set(candidates.map((c) => c.absolute));
  for (const a of absolutes) if (!seen.has(a)) candidates.push({ absolute: a, explicit: true });
  const out: MigrationFile[] = [];
  for (const c of candidates) {
    const rel = path.relative(root, c.absolute).split(path.sep).join('/');
    if (/\.sql$/i.test(rel)) {
      if (c.explicit || c.layout || isSqlMigration(rel, '')) out.push({ path: rel, framework: 'sql' });
      continue;
    }
    let text: string;
    try {
      text = readTextFile(c.absolute, DEFAULT_OPTIONS.maxFileBytes);
    } catch {
      continue;
    }
    const framework = detectFramework(rel, text);
    if (framework) out.push(framework === 'alembic' || (framework === 'django' && mayReplace(text)) ? { path: rel, framework, text } : { path: rel, framework });
  }
  return out;
}

/** undefined when nothing says what has run (no history table, no baseline). */
export function appliedFacts(root: string, absolutes: readonly string[], db: SchemaSnapshot | undefined, baseline: BaselineInput | undefined): AppliedFacts | undefined {
  const history = db?.history?.filter((t) => !t.unreadable);
  if (!baseline && (!history || history.length === 0)) return undefined;
  return resolveApplied(root, migrationFilesAround(absolutes, root), history, baseline);
}
