// Which migration files have run: the database's history tables matched to the files of the project,
// else the committed baseline. Done once per project before analysis (like the model index), so that
// analysing one file is a lookup by path; the result is plain data for worker threads and the cache.

import { revisionOf } from '../frontends/alembic';
import type { HistoryTable, HistoryTool } from './history';
import { compareVersions, djangoReplaces, identityFor, normaliseId, type Identity, type MigrationFile } from './identity';

export interface AppliedEntry {
  /** What says so: a history table (`alembic_version`) or the baseline file. */
  source: string;
  /** When it ran (YYYY-MM-DD), where the history table records it. */
  at?: string;
  /** Baseline entries: the content hash recorded (review/normalize.ts); a file that no longer has it is no longer applied. */
  sha256?: string;
}

export interface AppliedFacts {
  /** The directory the paths below are relative to. */
  root: string;
  /** Applied migrations by path. */
  files: Record<string, AppliedEntry>;
  /** Pending migrations that sort before the newest applied one of their sequence, with that one's path. */
  outOfOrder: Record<string, { source: string; newest: string; tool?: HistoryTool }>;
  /** Applied migrations with no file in the repository, reported on the newest file of their sequence (by its path). */
  missing: Record<string, { source: string; ids: string[] }>;
  /** Alembic revision files that are heads, when the repository has more than one. */
  heads: string[];
  /** What was read: the history tables used and, when it decided anything, the baseline file. */
  sources: string[];
}

export interface BaselineInput {
  /** For messages: the file's name relative to the root. */
  label: string;
  /** Path relative to the root -> content hash. */
  files: Record<string, string>;
}

// SQL file layouts are tried from the most specific name shape to the least.
const SQL_TOOLS: HistoryTool[] = ['prisma', 'diesel', 'sqitch', 'flyway', 'goose', 'golang-migrate', 'dbmate'];

interface Placed {
  file: MigrationFile;
  ident: Identity;
  applied: boolean;
  source: string;
  /** The tool whose history table decided; undefined for the baseline. */
  tool?: HistoryTool;
}

export function resolveApplied(root: string, files: readonly MigrationFile[], history: readonly HistoryTable[] | undefined, baseline?: BaselineInput): AppliedFacts {
  const facts: AppliedFacts = { root, files: {}, outOfOrder: {}, missing: {}, heads: [], sources: [] };
  const tables = new Map((history ?? []).filter((t) => !t.unreadable).map((t) => [t.tool, t]));
  const used = new Set<string>();
  const placed: Placed[] = [];
  const alembic: MigrationFile[] = [];
  const rest: MigrationFile[] = [];
  const byFolder = new Map<string, MigrationFile[]>();
  for (const file of files) {
    if (file.framework === 'alembic') alembic.push(file);
    else {
      const folder = folderOf(file.path);
      const list = byFolder.get(folder);
      if (list) list.push(file);
      else byFolder.set(folder, [file]);
    }
  }
  for (const folder of byFolder.values()) {
    const table = folderTable(folder, tables);
    for (const file of folder) {
      const ident = table && identityFor(table.tool, file);
      if (!table || !ident) {
        rest.push(file);
        continue;
      }
      const row = appliedRow(table, ident.id) ?? squashRow(table, file);
      used.add(table.table);
      placed.push({ file, ident, applied: row !== undefined, source: table.table, tool: table.tool });
      if (row) facts.files[file.path] = row.at ? { source: table.table, at: row.at } : { source: table.table };
    }
  }
  const baselined = () => Object.values(facts.files).filter((e) => e.sha256 !== undefined).length;
  const alembicTable = tables.get('alembic');
  resolveAlembic(facts, alembic, alembicTable, alembicTable ? undefined : baseline);
  if (alembicTable && alembic.length > 0) used.add(alembicTable.table);
  for (const t of tables.values()) if (t.tool !== 'alembic') reportMissing(facts, t, placed);
  if (baseline) {
    placed.push(...fromBaseline(facts, rest, new Set(files.map((f) => f.path)), baseline));
    if (baselined() > 0) used.add(baseline.label);
  }
  markOutOfOrder(facts, placed);
  facts.sources = [...used];
  return facts;
}

/** The folder a migration's sequence lives in (one folder per migration for Prisma and diesel: the one above). */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.slice(0, /^(?:migration|up|down)\.sql$/.test(parts[parts.length - 1]) ? -2 : -1).join('/');
}

/**
 * Which history table a folder's migrations belong to: among the tables whose naming fits them, the one
 * that records the most of them. Two tables that fit equally and record none of them (goose's and
 * dbmate's next to a folder neither has run) decide nothing, rather than guess.
 */
function folderTable(folder: readonly MigrationFile[], tables: ReadonlyMap<HistoryTool, HistoryTable>): HistoryTable | undefined {
  const tools = folder[0].framework === 'django' ? (['django'] as HistoryTool[]) : SQL_TOOLS;
  let best: { table: HistoryTable; score: number } | undefined;
  let tied = false;
  for (const tool of tools) {
    const table = tables.get(tool);
    if (!table) continue;
    const ids = folder.map((f) => identityFor(tool, f)).filter((i): i is Identity => i !== undefined);
    if (ids.length === 0) continue;
    const score = ids.filter((i) => appliedRow(table, i.id) !== undefined).length;
    if (best && score === best.score) tied = true;
    if (!best || score > best.score) {
      best = { table, score };
      tied = false;
    }
  }
  return best && !(tied && best.score === 0) ? best.table : undefined;
}

/** The row that makes `id` applied: its own, or a row standing for every version up to it. */
function appliedRow(table: HistoryTable, id: string): { at?: string } | undefined {
  let through: { at?: string } | undefined;
  for (const row of indexRows(table).through) if (compareVersions(id, row.id) <= 0) through = row;
  return indexRows(table).byId.get(id) ?? through;
}

const indexes = new WeakMap<HistoryTable, { byId: Map<string, { id: string; at?: string }>; through: { id: string; at?: string }[] }>();

function indexRows(table: HistoryTable) {
  let index = indexes.get(table);
  if (!index) {
    const rows = table.rows.map((r) => ({ ...r, id: normaliseId(table.tool, r.id) }));
    index = { byId: new Map(rows.map((r) => [r.id, r])), through: rows.filter((r) => r.through) };
    indexes.set(table, index);
  }
  return index;
}

/** A Django squash whose replaced migrations have all run has run too (the latest of their dates). */
function squashRow(table: HistoryTable, file: MigrationFile): { at?: string } | undefined {
  if (table.tool !== 'django' || file.text === undefined) return undefined;
  const replaced = djangoReplaces(file.text);
  const rows = replaced.map((id) => indexRows(table).byId.get(id));
  if (rows.length === 0 || rows.some((r) => r === undefined)) return undefined;
  const dates = rows.map((r) => r?.at).filter((d): d is string => d !== undefined).sort();
  return dates.length > 0 ? { at: dates[dates.length - 1] } : {};
}

/** Rows no file stands for: the database is ahead of the code. Django's own apps (auth, admin) are not the project's, so only apps with files count. */
function reportMissing(facts: AppliedFacts, table: HistoryTable, placed: readonly Placed[]): void {
  const mine = placed.filter((p) => p.source === table.table);
  if (mine.length === 0) return;
  // A squash stands for the migrations it replaces, whose files are usually deleted afterwards.
  const ids = new Set([...mine.map((p) => p.ident.id), ...mine.flatMap((p) => (p.file.text === undefined ? [] : djangoReplaces(p.file.text)))]);
  const newestOf = new Map<string | undefined, Placed>();
  for (const p of mine) {
    const best = newestOf.get(p.ident.sequence);
    if (!best || compareVersions(best.ident.id, p.ident.id) < 0) newestOf.set(p.ident.sequence, p);
  }
  for (const row of table.rows) {
    const id = normaliseId(table.tool, row.id);
    if (ids.has(id) || (row.through && [...ids].some((x) => compareVersions(x, id) >= 0))) continue;
    const sequence = table.tool === 'django' ? `django:${id.slice(0, id.indexOf('/'))}` : mine[0].ident.sequence;
    const anchor = newestOf.get(sequence);
    if (!anchor) continue;
    const entry = (facts.missing[anchor.file.path] ??= { source: table.table, ids: [] });
    entry.ids.push(row.id);
  }
}

/** Revisions reachable through down_revision from the stored heads have run; a repository with two heads cannot upgrade to "head". */
function resolveAlembic(facts: AppliedFacts, files: readonly MigrationFile[], table: HistoryTable | undefined, baseline: BaselineInput | undefined): void {
  const byId = new Map<string, { file: MigrationFile; parents: string[] }>();
  for (const file of files) {
    const revision = file.text === undefined ? undefined : revisionOf(file.text);
    if (revision) byId.set(revision.id, { file, parents: revision.parents });
  }
  const parents = new Set([...byId.values()].flatMap((r) => r.parents));
  const heads = [...byId.entries()].filter(([id]) => !parents.has(id)).map(([, r]) => r.file.path).sort();
  if (heads.length > 1) facts.heads = heads;
  if (table) {
    const applied = new Set<string>();
    const stack = table.rows.map((r) => r.id);
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (applied.has(id)) continue;
      applied.add(id);
      stack.push(...(byId.get(id)?.parents ?? []));
    }
    for (const [id, r] of byId) if (applied.has(id)) facts.files[r.file.path] = { source: table.table };
    const unknown = table.rows.filter((r) => !byId.has(r.id)).map((r) => r.id);
    if (unknown.length > 0 && heads.length > 0) facts.missing[heads[heads.length - 1]] = { source: table.table, ids: unknown };
    return;
  }
  if (baseline) for (const file of files) fromBaselineEntry(facts, file, baseline);
}

function fromBaselineEntry(facts: AppliedFacts, file: MigrationFile, baseline: BaselineInput): boolean {
  const sha256 = baseline.files[file.path];
  if (sha256 === undefined) return false;
  facts.files[file.path] = { source: baseline.label, sha256 };
  return true;
}

/**
 * Files the baseline decides: listed means applied (while the content is unchanged, checked per file at
 * analysis). A file's place in its folder's order comes from its name, or its folder's name for layouts
 * with one folder per migration (Prisma, diesel).
 */
function fromBaseline(facts: AppliedFacts, files: readonly MigrationFile[], present: ReadonlySet<string>, baseline: BaselineInput): Placed[] {
  const out: Placed[] = [];
  const newestInDir = new Map<string, string>();
  for (const file of files) {
    const applied = fromBaselineEntry(facts, file, baseline);
    const ident = baselineIdentity(file.path);
    if (ident) out.push({ file, ident, applied, source: baseline.label });
  }
  for (const p of out) {
    const dir = p.ident.sequence ?? '';
    const best = newestInDir.get(dir);
    if (!best || compareVersions(best, p.file.path) < 0) newestInDir.set(dir, p.file.path);
  }
  for (const listed of Object.keys(baseline.files)) {
    if (present.has(listed)) continue;
    const ident = baselineIdentity(listed);
    const anchor = ident && newestInDir.get(ident.sequence ?? '');
    if (!anchor) continue;
    const entry = (facts.missing[anchor] ??= { source: baseline.label, ids: [] });
    entry.ids.push(listed);
  }
  return out;
}

function baselineIdentity(file: string): Identity | undefined {
  const parts = file.split('/');
  if (parts.includes('deploy') || parts.includes('revert') || parts.includes('verify')) return undefined;
  const perFolder = /^(?:migration|up|down)\.sql$/.test(parts[parts.length - 1]);
  const unit = perFolder ? parts.length - 2 : parts.length - 1;
  if (unit < 0) return undefined;
  return { tool: 'dbmate', id: parts[unit], sequence: parts.slice(0, unit).join('/') };
}

/** A pending migration that sorts before the newest applied one of its sequence runs out of order, or never. */
function markOutOfOrder(facts: AppliedFacts, placed: readonly Placed[]): void {
  const newest = new Map<string, Placed>();
  for (const p of placed) {
    if (!p.applied || p.ident.sequence === undefined) continue;
    const best = newest.get(p.ident.sequence);
    if (!best || compareVersions(best.ident.id, p.ident.id) < 0) newest.set(p.ident.sequence, p);
  }
  for (const p of placed) {
    if (p.applied || p.ident.sequence === undefined) continue;
    const best = newest.get(p.ident.sequence);
    if (!best || compareVersions(p.ident.id, best.ident.id) >= 0) continue;
    facts.outOfOrder[p.file.path] = p.tool ? { source: p.source, newest: best.file.path, tool: p.tool } : { source: p.source, newest: best.file.path };
  }
}
