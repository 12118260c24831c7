// What a migration's surroundings on disk say: the migrations next to it (the history it builds on) and
// the database its project is configured for. The only part of core that reads files; every reader here
// is optional for callers (AnalysisOptions.readSiblings, AnalysisOptions.dialect).

import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { directoryMemo, inRun, listingOf, mayExist, noteRead, takeRead } from './dirLookups';
import { readRegularFile } from './fileRead';
import type { AnalysisOptions, SiblingFile, SqlDialect } from './options';

const MIGRATION_FILE = /\.(?:py|sql)$/i;
const MAX_SIBLING_BYTES = 4 * 1024 * 1024;

// A CLI run or an editor session asks for the same directory once per file in it: reading each file
// again only when it changed keeps that linear.
const fileCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

function readCached(file: string): string | undefined {
  // A CLI run knows most folders' listings from its walk: no file of that name, nothing to ask the disk.
  if (mayExist(file) === false) return undefined;
  try {
    // Within a CLI run each folder's migrations are read once, so there is nothing to keep for a second
    // ask; the bytes are kept for the migration's own analysis instead (dirLookups.ts).
    if (inRun()) return readText(file);
    // Most files asked for do not exist (a configuration file looked for in every parent directory):
    // answering that without an exception keeps the look-up cheap.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > MAX_SIBLING_BYTES) return undefined;
    const cached = fileCache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    const text = readText(file);
    if (text !== undefined) fileCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  } catch {
    return undefined;
  }
}

/** A regular file as UTF-8 (fileRead.ts refuses anything else), undefined past the size limit. */
function readText(file: string): string | undefined {
  const kept = takeRead(file);
  const bytes = kept ?? readRegularFile(file, MAX_SIBLING_BYTES);
  if (bytes.length > MAX_SIBLING_BYTES) return undefined;
  if (!kept) noteRead(file, bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/** The .py and .sql files of `dir`, and the migration.sql of each sub-folder (Prisma keeps one folder per migration). */
export function readSiblingsFromDisk(dir: string): SiblingFile[] {
  let entries: readonly fs.Dirent[];
  try {
    entries = listingOf(dir) ?? fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: SiblingFile[] = [];
  for (const entry of entries) {
    const full = entry.isDirectory() ? path.join(dir, entry.name, 'migration.sql') : path.join(dir, entry.name);
    if (!entry.isDirectory() && !MIGRATION_FILE.test(entry.name)) continue;
    const text = readCached(full);
    if (text !== undefined) out.push({ path: full, text });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The absolute directory holding `filePath`, resolved the way options say. */
export function directoryOf(filePath: string, options: Pick<AnalysisOptions, 'baseDir'>): string {
  return path.dirname(path.resolve(options.baseDir ?? process.cwd(), filePath));
}

export function siblingsOf(dir: string, options: Pick<AnalysisOptions, 'readSiblings'>): SiblingFile[] {
  return (options.readSiblings ?? readSiblingsFromDisk)(dir);
}

// ------------------------------------------------------------------------------------------ dialect

/**
 * The dialect named by the nearest project configuration above `dir`: alembic.ini's sqlalchemy.url,
 * Prisma's migration_lock.toml provider, flyway.conf's flyway.url, or a Spring Boot application's
 * datasource URL (application.properties/.yml). The nearest file decides, even
 * when its URL names no known database (a placeholder or an interpolated variable). With none, the
 * file's own name (`x.mysql.up.sql`), then the names of the folders nearest it may say it.
 */
export function dialectFromProject(dir: string, fileName?: string): SqlDialect | undefined {
  const configured = configuredAbove(dir);
  if (configured !== 'none') return configured ?? undefined;
  return (fileName === undefined ? undefined : dialectOfFileName(fileName)) ?? dialectOfFolders(dir);
}

// What the nearest configuration file at or above each directory says ('none': there is none), so each
// directory's files are looked for once however many directories lie below it.
const configuredDialects = directoryMemo<SqlDialect | null | 'none'>();

function configuredAbove(dir: string): SqlDialect | null | 'none' {
  const known = configuredDialects.get(dir);
  if (known !== undefined) return known;
  const here = configuredAt(dir);
  const parent = path.dirname(dir);
  const found = here !== undefined ? here : parent === dir ? 'none' : configuredAbove(parent);
  configuredDialects.set(dir, found);
  return found;
}

// Projects that keep each database's migrations side by side in one folder name the file after it:
// authelia's `V0005.Add_Table.mysql.up.sql`, `..._init.postgres.sql`, `001_init_sqlite.sql`, `schema-mysql.sql`.
const FILE_DIALECT = /[._-](mysql|mariadb|sqlite3?|postgres(?:ql)?|pgsql|clickhouse)(?:[._-](?:up|down))?\.sql$/i;

/** The dialect a migration's file name says it is written in, when it says one. */
export function dialectOfFileName(fileName: string): SqlDialect | undefined {
  const named = FILE_DIALECT.exec(path.basename(fileName));
  return named ? FOLDER_DIALECTS[named[1].toLowerCase()] : undefined;
}

const FOLDER_DIALECTS: Record<string, SqlDialect> = {
  mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite', sqlite3: 'sqlite', postgres: 'postgres', postgresql: 'postgres', pgsql: 'postgres',
  clickhouse: 'clickhouse',
};
const FOLDER_LEVELS = 6;

/**
 * With no configuration file, a project that keeps one migration folder per database says which one by
 * the folder's name: golang-migrate's `migrations/mysql/000001_x.up.sql`, Prisma schemas kept side by
 * side (`db/sqlite/migrations/<ts>_x/migration.sql`). Only the folders nearest the file count, so a
 * checkout that happens to sit under a folder called `mysql` is not read as MySQL.
 */
function dialectOfFolders(dir: string): SqlDialect | undefined {
  let current = dir;
  for (let level = 0; level < FOLDER_LEVELS; level++) {
    const dialect = FOLDER_DIALECTS[path.basename(current).toLowerCase()];
    if (dialect !== undefined) return dialect;
    if (path.dirname(current) === current) return undefined;
    current = path.dirname(current);
  }
  return undefined;
}

// `optional`: the file is mostly about other things (a Spring Boot application's settings), so it only
// counts when it has the setting.
const CONFIGS: Array<{ file: string; setting: RegExp; optional?: boolean }> = [
  { file: 'alembic.ini', setting: /^\s*sqlalchemy\.url\s*=\s*(\S+)/m },
  { file: 'migration_lock.toml', setting: /^\s*provider\s*=\s*"([^"]+)"/m },
  { file: 'flyway.conf', setting: /^\s*flyway\.url\s*=\s*(\S+)/m },
  // Spring Boot runs Flyway with the application's datasource (src/main/resources/db/migration).
  { file: 'application.properties', setting: /^\s*spring\.(?:flyway|datasource)\.url\s*[=:]\s*(\S+)/m, optional: true },
  { file: 'application.yml', setting: /^\s*url\s*:\s*["']?(jdbc:[^\s"']+)/m, optional: true },
  { file: 'application.yaml', setting: /^\s*url\s*:\s*["']?(jdbc:[^\s"']+)/m, optional: true },
];

/** The names of the files that can decide a project's dialect: an editor watches them. */
export const DIALECT_FILES: readonly string[] = CONFIGS.map((c) => c.file);
const CONFIG_NAMES = new Set(DIALECT_FILES);

/** null: a configuration file is here but names no known dialect; undefined: there is none. */
function configuredAt(dir: string): SqlDialect | null | undefined {
  const listed = listingOf(dir);
  if (listed && !listed.some((e) => CONFIG_NAMES.has(e.name))) return undefined;
  for (const { file, setting, optional } of CONFIGS) {
    const text = readCached(path.join(dir, file));
    if (text === undefined) continue;
    const url = setting.exec(text)?.[1];
    if (url === undefined && optional) continue;
    return dialectOfUrl(url ?? '') ?? null;
  }
  return undefined;
}

/** `mysql+pymysql://...`, `sqlite:///app.db`, `jdbc:mysql://...`, Prisma's `provider = "sqlite"`. */
export function dialectOfUrl(url: string): SqlDialect | undefined {
  const scheme = /^(?:jdbc:)?([a-z0-9]+)/i.exec(url.trim())?.[1]?.toLowerCase() ?? '';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  if (scheme.startsWith('sqlite')) return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'pg' || scheme === 'cockroachdb') return 'postgres';
  if (scheme.startsWith('clickhouse') || scheme === 'ch') return 'clickhouse';
  return undefined;
}

// Words only ClickHouse's DDL is written with: a MergeTree-family or Distributed/Kafka engine, ON CLUSTER.
const CLICKHOUSE = /\bENGINE\s*=\s*(?:\w*MergeTree\b|Distributed\s*\(|Kafka\b)|\bON\s+CLUSTER\b/i;

// Statements only ClickHouse writes this way (PostgreSQL's DETACH PARTITION included, which only costs a look
// at the neighbours): a file of them alone does not say its dialect, the CREATE TABLE next to it does.
const CLICKHOUSE_MUTATION = /\b(?:DELETE\s+WHERE|DROP\s+PARTITION|DETACH\s+PARTITION|REPLACE\s+PARTITION|MOVE\s+PARTITION|CLEAR\s+COLUMN|MODIFY\s+(?:TTL|SETTING|ORDER\s+BY|QUERY)|MATERIALIZE\s+(?:INDEX|COLUMN|PROJECTION))\b|\bALTER\s+TABLE\s+[\w.`"]+\s+UPDATE\b|\bOPTIMIZE\s+TABLE\b|\bSYSTEM\s+\w/i;

// Whether a directory's listing holds ClickHouse migrations, kept per listing: every file of the directory asks.
const clickhouseListings = new WeakMap<readonly SiblingFile[], boolean>();

/**
 * When nothing configured the dialect: ClickHouse when the file or a migration next to it is written in
 * ClickHouse's DDL (golang-migrate keeps `ALTER TABLE t DELETE WHERE ...` files next to the one that
 * created the table with `ENGINE = MergeTree`).
 */
export function dialectOfContent(text: string, siblings: () => readonly SiblingFile[]): SqlDialect | undefined {
  if (CLICKHOUSE.test(text)) return 'clickhouse';
  // The neighbours are read only for a file written with ClickHouse's own mutations: reading every
  // directory's texts for every SQL file kept a 10,000-file workspace's texts in the server's memory.
  if (!CLICKHOUSE_MUTATION.test(text)) return undefined;
  const listing = siblings();
  let found = clickhouseListings.get(listing);
  if (found === undefined) {
    found = listing.some((f) => f.path.toLowerCase().endsWith('.sql') && isClickhouseFile(f));
    clickhouseListings.set(listing, found);
  }
  return found ? 'clickhouse' : undefined;
}

// An editor asks with a new listing each time, of mostly unchanged files: each file is searched once per
// content. The content is remembered by its digest, not its text: keeping the text of every SQL file of a
// 10,000-file workspace doubled the language server's memory.
const clickhouseFiles = new Map<string, { digest: string; found: boolean }>();

function isClickhouseFile(file: SiblingFile): boolean {
  const digest = createHash('sha1').update(file.text).digest('base64');
  const known = clickhouseFiles.get(file.path);
  if (known && known.digest === digest) return known.found;
  const found = CLICKHOUSE.test(file.text);
  clickhouseFiles.set(file.path, { digest, found });
  return found;
}
