// The operations of the Alembic revisions this one builds on, for what can only be judged against a
// table's previous columns: an alter_column without existing_type, raw SQL (a MySQL MODIFY, a SQLite
// table rebuild in op.execute calls). Ancestors are found through `down_revision` among the files next
// to this one.

import * as path from 'node:path';
import { isDownPhase, type FrontendResult, type Operation } from '../../ops';
import type { AnalysisOptions, SiblingFile, SqlDialect } from '../../options';
import { directoryOf, siblingsOf } from '../../project';
import { copyTables, foldOps, type History, type Tables } from '../sql';

const REVISION = /^revision\s*(?::[^=\n]+)?=\s*['"]([^'"]+)['"]/m;
const DOWN_REVISION = /^down_revision\s*(?::[^=\n]+)?=\s*([^\n]+)/m;

export interface Revision {
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

/**
 * The revisions before this one, as a History: their operations, or the tables they leave folded.
 * `analyse` is the Alembic frontend itself, passed in so that this module does not import it back.
 * Nothing is read until a migration asks (a type change without existing_type, raw SQL).
 */
function alembicHistory(filePath: string, text: string, options: AnalysisOptions, analyse: (text: string) => Operation[]): History {
  let found: Ancestors | undefined;
  const ancestors = () => (found ??= ancestorFiles(filePath, text, options));
  const unknown = (): Operation[] => {
    const { missing } = ancestors();
    return missing === undefined ? [] : [unknownRevision(missing)];
  };
  return Object.assign(() => [...unknown(), ...ancestors().files.flatMap((file) => opsOf(file.path, file.text, options.dialect, analyse))], {
    tables: () => {
      const tables = foldedTables(directoryOf(filePath, options), ancestors().files, options.dialect, analyse);
      // The fold is shared with later revisions, so an unknown revision is folded into a copy.
      return ancestors().missing === undefined ? tables : foldOps(unknown(), copyTables(tables));
    },
  });
}

/**
 * Runs the Alembic frontend (`run`) with this file's history, and keeps its upgrade operations for the
 * later revisions, whose histories then need no second analysis of it. They are what opsOf computes for
 * the file when the history was not asked for; in PostgreSQL the history only judges type changes,
 * which leaves the columns folded from them the same, so they serve there even when it was.
 */
export function alembicWithHistory(filePath: string, text: string, options: AnalysisOptions, analyse: (text: string) => Operation[], run: (history: History) => FrontendResult): FrontendResult {
  let asked = false;
  const history = alembicHistory(filePath, text, options, analyse);
  const tracked: History = Object.assign(
    () => {
      asked = true;
      return history();
    },
    {
      tables: () => {
        asked = true;
        return foldedOrOps(history);
      },
    },
  );
  const result = run(tracked);
  if (!asked || options.dialect === 'postgres') {
    analysed.set(path.resolve(options.baseDir ?? process.cwd(), filePath), { text, dialect: options.dialect, ops: result.ops.filter((op) => !isDownPhase(op.phase)) });
  }
  return result;
}

function foldedOrOps(history: History): Tables {
  return history.tables?.() ?? foldOps(history());
}

interface Ancestors {
  /** The files of the revisions `down_revision` leads to, in the order they run. */
  files: SiblingFile[];
  /** A revision the chain names that is not in the folder: what it did is unknown. */
  missing?: string;
}

/** The revisions `down_revision` leads to, and the first one named that is not in the folder. */
function ancestorFiles(filePath: string, text: string, options: AnalysisOptions): Ancestors {
  const current = revisionOf(text);
  if (!current) return { files: [] };
  const byId = revisionsOf(siblingsOf(directoryOf(filePath, options), options));
  const self = path.basename(filePath);
  const order: SiblingFile[] = [];
  const seen = new Set<string>([current.id]);
  let missing: string | undefined;
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const found = byId.get(id);
    if (!found) {
      missing ??= id;
      return;
    }
    if (path.basename(found.file.path) === self) return;
    for (const parent of found.revision.parents) visit(parent);
    order.push(found.file);
  };
  for (const parent of current.parents) visit(parent);
  return { files: order, missing };
}

// A directory's revisions by id, for the listing they were read from: every later revision's history
// looks its ancestors up in it, and building it again for each one grew with the square of the directory.
const listings = new WeakMap<readonly SiblingFile[], Map<string, { file: SiblingFile; revision: Revision }>>();

function revisionsOf(siblings: readonly SiblingFile[]): Map<string, { file: SiblingFile; revision: Revision }> {
  let byId = listings.get(siblings);
  if (byId) return byId;
  byId = new Map();
  for (const file of siblings) {
    const revision = file.path.endsWith('.py') ? revisionOf(file.text) : undefined;
    if (revision) byId.set(revision.id, { file, revision });
  }
  listings.set(siblings, byId);
  return byId;
}

/** What a downgrade runs against: the schema the earlier revisions and its own upgrade leave. */
export function withUpgrade(history: History, upgrade: () => Operation[]): History {
  return Object.assign(() => [...history(), ...upgrade()], {
    tables: () => foldOps(upgrade(), copyTables(foldedOrOps(history))),
  });
}

/** A revision the chain names but that is not next to this file: whatever it did is unknown. */
function unknownRevision(id: string): Operation {
  const reason = `revision ${id} is not next to this migration, so what it created is not known`;
  return { kind: 'dynamic-sql', range: { start: 0, end: 0 }, phase: 'upgrade', origin: 'python-call', autogenerated: false, dynamic: true, details: { reason } };
}

// As in sql/history.ts: each directory keeps the fold of the longest history asked for so far and
// extends it when a later revision's history starts with it, rather than folding every ancestor again.
const foldedHistories = new Map<string, { dialect: SqlDialect; files: SiblingFile[]; tables: Tables }>();

function foldedTables(dir: string, files: SiblingFile[], dialect: SqlDialect, analyse: (text: string) => Operation[]): Tables {
  const kept = foldedHistories.get(dir);
  const extend = kept && kept.dialect === dialect && kept.files.length <= files.length && kept.files.every((f, i) => f.path === files[i].path && f.text === files[i].text);
  const base = extend ? kept : { dialect, files: [] as SiblingFile[], tables: new Map() as Tables };
  for (const file of files.slice(base.files.length)) foldOps(opsOf(file.path, file.text, dialect, analyse), base.tables);
  base.files = files;
  if (!kept || extend || files.length >= kept.files.length) foldedHistories.set(dir, base);
  // Not a copy: the caller only reads it, before another migration's analysis extends it.
  return base.tables;
}

function opsOf(file: string, text: string, dialect: SqlDialect, analyse: (text: string) => Operation[]): Operation[] {
  const cached = analysed.get(file);
  if (cached && cached.text === text && cached.dialect === dialect) return cached.ops;
  const ops = analyse(text).filter((op) => !isDownPhase(op.phase));
  analysed.set(file, { text, dialect, ops });
  return ops;
}
