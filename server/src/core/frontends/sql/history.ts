// The operations of the SQL migrations that ran before this one, for judging a MySQL MODIFY or a SQLite
// table rebuild against the table's previous columns. Migrations are ordered by name with numbers
// compared as numbers (Flyway V2 before V10, timestamps, golang-migrate sequence numbers); Prisma keeps
// each migration in a folder of its own, so its history is the sibling folders.

import * as path from 'node:path';
import { isDownPhase, type FrontendResult, type Operation } from '../../ops';
import type { AnalysisOptions, SiblingFile, SqlDialect } from '../../options';
import { dialectOfFileName, directoryOf, siblingsOf } from '../../project';
import { downgradesVersion, sqlFileFrontend } from './file';
import { foldOps, type History, type Tables } from './schema';

const DOWN_FILE = /(?:^|[./\\])down\.sql$|^U\d[\w.]*__/i;
// Flyway's repeatable migrations (views, functions) run after every versioned one, in no order of their own.
const REPEATABLE = /^R__/i;

// Each earlier migration is analysed once per process, however many later ones ask for it.
const analysed = new Map<string, { text: string; dialect: SqlDialect; guessed: boolean; ops: Operation[] }>();

/**
 * Where a file's history is listed: the folder whose migrations run before it (Prisma's migrations folder,
 * above the file's own), the name it is ordered by, and which per-database variant runs with it.
 */
function placeOf(filePath: string, options: Pick<AnalysisOptions, 'baseDir'> & Partial<Pick<AnalysisOptions, 'dialect'>>): { root: string; prisma: boolean; name: string; own: string } {
  const dir = directoryOf(filePath, options);
  const prisma = path.basename(filePath) === 'migration.sql';
  const name = prisma ? path.basename(dir) : path.basename(filePath);
  return { root: prisma ? path.dirname(dir) : dir, prisma, name, own: prisma ? '' : ownVariant(name, options.dialect ?? 'postgres') };
}

/** The earlier up migrations of the file's directory (or Prisma's migrations folder), in the order they run. */
export function earlierMigrations(filePath: string, options: Pick<AnalysisOptions, 'baseDir' | 'readSiblings'> & Partial<Pick<AnalysisOptions, 'dialect'>>): SiblingFile[] {
  const { root, prisma, name, own } = placeOf(filePath, options);
  // A down migration (x.down.sql, Flyway's U5__x.sql) runs after its own up migration.
  const down = DOWN_FILE.test(name);
  const key = down ? upName(name) : name;
  const all = upMigrations(siblingsOf(root, options), prisma, own);
  // The first migration that does not run before this one (binary search: the list is in run order).
  let lo = 0;
  for (let hi = all.length; lo < hi; ) {
    const mid = (lo + hi) >>> 1;
    if (compareNames(all[mid].key, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  const earlier = all.slice(0, lo).map((s) => s.file);
  // A down migration also sees its own up migration; names that only collate alike are not it.
  for (let i = lo; down && i < all.length && compareNames(all[i].key, key) === 0; i++) if (all[i].key === key) earlier.push(all[i].file);
  return earlier;
}

export function sqlHistory(filePath: string, options: AnalysisOptions): Operation[] {
  return earlierMigrations(filePath, options).flatMap((file) => opsOf(file.path, file.text, options));
}

/**
 * The tables the earlier migrations leave (to be read, not changed). Files are mostly analysed in the order they run, so
 * each directory keeps the fold of its longest history asked for so far and extends it: the fold of
 * every earlier migration for each later one grew with the square of the directory. The kept fold is
 * reused while the files it folded are unchanged (same path and text, as the editor re-reads them).
 */
export function sqlHistoryTables(filePath: string, options: AnalysisOptions): Tables {
  const earlier = earlierMigrations(filePath, options);
  // Each dialect's variants of a directory have a history of their own. Prisma's migrations, one folder
  // each, share their parent's: keyed by the file's own folder, each of them folded its whole history anew.
  const { root, own } = placeOf(filePath, options);
  const dir = `${root}\u0000${own}`;
  const guessed = !!options.dialectGuessed;
  const folded = foldedHistories.get(dir);
  // The earlier files are analysed as the asking file is read (opsOf): a fold read otherwise is not its history.
  const extends_ =
    folded && folded.dialect === options.dialect && folded.guessed === guessed && folded.files.length <= earlier.length && folded.files.every((f, i) => f.path === earlier[i].path && f.text === earlier[i].text);
  const base = extends_ ? folded : { dialect: options.dialect, guessed, files: [] as SiblingFile[], tables: new Map() as Tables };
  for (const file of earlier.slice(base.files.length)) foldOps(opsOf(file.path, file.text, options), base.tables);
  base.files = earlier;
  if (!folded || extends_ || earlier.length >= folded.files.length) foldedHistories.set(dir, base);
  // Not a copy: the caller only reads it, before the next migration's analysis extends it.
  return base.tables;
}

const foldedHistories = new Map<string, { dialect: SqlDialect; guessed: boolean; files: SiblingFile[]; tables: Tables }>();

interface Ranked {
  file: SiblingFile;
  key: string;
}

// A directory's up migrations in the order they run, for the listing they were read from: a run asks
// for the same listing once per statement that needs history, and sorting it each time was quadratic.
const ranked = new WeakMap<readonly SiblingFile[], Map<string, Ranked[]>>();

// Projects that write each migration once per database side by side (ory's `x.mysql.up.sql`,
// `x.sqlite3.up.sql`, `x.cockroach.up.sql` next to `x.up.sql`): only one of them runs on a database.
const VARIANT = /[._-](mysql|mariadb|sqlite3?|postgres(?:ql)?|pgsql|clickhouse|cockroach(?:db)?)(?:[._-]autocommit)?(?:[._-](?:up|down))?\.sql$/i;

/** Which per-database variant a file name says it is: its dialect, `cockroach`, or '' for every database. */
function variantOf(name: string): string {
  const word = VARIANT.exec(name)?.[1].toLowerCase();
  if (!word) return '';
  return word.startsWith('cockroach') ? 'cockroach' : (dialectOfFileName(name) ?? word);
}

/** The variant whose files run with this one: its own, or for a file every database runs, the dialect it is read as. */
function ownVariant(name: string, dialect: SqlDialect): string {
  return variantOf(name) || dialect;
}

/** The up migrations that run on the same database as a file of variant `own` (none for Prisma), in order. */
function upMigrations(siblings: readonly SiblingFile[], prisma: boolean, own: string): Ranked[] {
  let byVariant = ranked.get(siblings);
  if (!byVariant) ranked.set(siblings, (byVariant = new Map()));
  let order = byVariant.get(own);
  if (!order) {
    order = siblings
      .map((file) => ({ file, key: prisma ? path.basename(path.dirname(file.path)) : path.basename(file.path) }))
      .filter((s) => s.file.path.endsWith('.sql') && !DOWN_FILE.test(s.key) && !downgradesVersion(s.key) && !REPEATABLE.test(s.key))
      .filter((s) => prisma || ['', own].includes(variantOf(s.key)))
      .sort((a, b) => compareNames(a.key, b.key));
    byVariant.set(own, order);
  }
  return order;
}

function upName(down: string): string {
  return down.replace(/(^|[./\\])down\.sql$/i, '$1up.sql').replace(/^U(\d)/, 'V$1');
}

/**
 * Where a file comes in the order a run analyses its directory: down migrations sort as their up
 * migration, just after it. A down migration's history holds its own up migration, so analysing the down
 * first (`x.down.sql` sorts before `x.up.sql`) analysed that up migration twice.
 */
export function analysisKey(name: string): { name: string; down: boolean } {
  return DOWN_FILE.test(name) ? { name: upName(name), down: true } : { name, down: false };
}

// One collator for every comparison: String.localeCompare with options builds one per call.
const NAME_ORDER = new Intl.Collator('en', { numeric: true });

function compareNames(a: string, b: string): number {
  return NAME_ORDER.compare(a, b);
}

/**
 * Analyses a migration as analyze.ts does, with its history on demand, and keeps its up operations for
 * the later migrations of the directory, whose histories then need no second analysis of it. They are
 * what opsOf computes for this file when the analysis never asked for the history; in PostgreSQL the
 * history only marks type changes as lossless, which folding a history does not read, so they serve
 * there even when it did.
 */
export function sqlFileWithHistory(text: string, filePath: string, options: AnalysisOptions): FrontendResult {
  let asked = false;
  const history: History = Object.assign(
    () => {
      asked = true;
      return sqlHistory(filePath, options);
    },
    {
      tables: () => {
        asked = true;
        return sqlHistoryTables(filePath, options);
      },
    },
  );
  const guessed = !!options.dialectGuessed;
  const result = sqlFileFrontend(text, filePath, { dialect: options.dialect, dialectGuessed: guessed, history });
  markNewInMigration(result.ops, filePath, options);
  if (!asked || options.dialect === 'postgres') {
    const absolute = path.resolve(options.baseDir ?? process.cwd(), filePath);
    analysed.set(absolute, { text, dialect: options.dialect, guessed, ops: result.ops.filter((op) => !isDownPhase(op.phase)) });
  }
  return result;
}

// gobuffalo/pop's fizz, through ory's popx, writes one migration as numbered files that run back to
// back: `<14-digit version><6-digit index>_name.<database>.up.sql`.
const SPLIT_MIGRATION = /^(\d{14})\d{6}_/;

/**
 * The earlier files of the same split migration, read as one migration with this file: a column or
 * table one of them added (SQLite's `ADD COLUMN nid` in one file, `DROP COLUMN nid` in the next) is new
 * in the migration, so dropping it loses nothing; a column one of them copied into another of its
 * table (CockroachDB's `UPDATE t SET x = _x_tmp` before `DROP COLUMN _x_tmp`) keeps its values there.
 * The files run in name order and are adjacent in it, so they are the last ones of the file's history.
 */
function markNewInMigration(ops: Operation[], filePath: string, options: AnalysisOptions): void {
  const version = SPLIT_MIGRATION.exec(path.basename(filePath))?.[1];
  if (!version || !ops.some((op) => op.kind === 'drop-column' || op.kind === 'drop-table')) return;
  const earlier = earlierMigrations(filePath, options);
  const added = new Set<string>();
  const copied = new Map<string, { into: string; file: string }>();
  const tableCopies = new Map<string, NonNullable<Operation['details']['tableCopy']>>();
  for (let i = earlier.length - 1; i >= 0 && path.basename(earlier[i].path).startsWith(version); i--) {
    for (const op of opsOf(earlier[i].path, earlier[i].text, options)) {
      if (op.kind === 'add-column' && op.table && op.column) added.add(`${op.table.toLowerCase()}\u0000${op.column.toLowerCase()}`);
      else if (op.kind === 'create-table' && op.table && !op.details.ifExists) added.add(op.table.toLowerCase());
      else if (op.details.tableCopy && !tableCopies.has(op.details.tableCopy.from.toLowerCase())) tableCopies.set(op.details.tableCopy.from.toLowerCase(), op.details.tableCopy);
      else if (op.kind === 'update-rows' && op.table && !op.details.hasWhere) {
        for (const c of op.details.columnCopies ?? []) copied.set(`${op.table.toLowerCase()}\u0000${c.from.toLowerCase()}`, { into: c.into, file: path.basename(earlier[i].path) });
      }
    }
  }
  for (const op of ops) {
    if (isDownPhase(op.phase) || !op.table) continue;
    const key = op.kind === 'drop-column' && op.column ? `${op.table.toLowerCase()}\u0000${op.column.toLowerCase()}` : op.kind === 'drop-table' ? op.table.toLowerCase() : undefined;
    if (key === undefined) continue;
    if (added.has(key)) op.details.newInMigration = true;
    const whole = op.kind === 'drop-table' && !op.details.rebuild ? tableCopies.get(key) : undefined;
    const columns = whole ? sqlHistoryTables(filePath, options).get(key) : undefined;
    // As for a rebuild within one file: old columns not known make it a warning that says so.
    if (whole && columns == null && whole.sourceColumns !== '*') op.details.rebuild = { table: op.table, copy: whole.into, columnsKnown: false };
    else if (whole && copiesEveryColumn(whole.sourceColumns, columns)) op.details.rebuild = { table: op.table, copy: whole.into, columnsKnown: true };
    const copy = op.kind === 'drop-column' && !op.guard ? copied.get(key) : undefined;
    if (copy) op.guard = { kind: 'backup', range: op.range, copiedInto: copy.into, copiedIn: copy.file };
  }
}

/** A SQLite rebuild split over files: its copy keeps the table's rows when it reads every column the history knows. */
function copiesEveryColumn(source: string[] | '*', columns: Map<string, unknown> | null | undefined): boolean {
  if (source === '*') return columns !== undefined;
  if (!columns) return false;
  const read = new Set(source.map((c) => c.toLowerCase()));
  return [...columns.keys()].every((c) => read.has(c));
}

function opsOf(file: string, text: string, options: Pick<AnalysisOptions, 'dialect' | 'dialectGuessed'>): Operation[] {
  const { dialect } = options;
  const guessed = !!options.dialectGuessed;
  const cached = analysed.get(file);
  if (cached && cached.text === text && cached.dialect === dialect && cached.guessed === guessed) return cached.ops;
  const ops = sqlFileFrontend(text, file, { dialect, dialectGuessed: guessed }).ops.filter((op) => !isDownPhase(op.phase));
  analysed.set(file, { text, dialect, guessed, ops });
  return ops;
}
