import * as fs from 'node:fs';
import * as path from 'node:path';
import { noteListing } from './dirLookups';
import { iniValue } from './ini';
import { isSqlMigration } from './detect';
import { readTextIfAny, specialKind } from './fileRead';
import type { FileReport } from './report';

const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.nox', 'site-packages',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', '.idea', '.vscode-test', '.next', 'dist-packages',
]);
const CANDIDATE = /\.(?:py|sql)$/i;

export interface Candidate {
  absolute: string;
  /** Named on the command line (or matched by the editor's include globs): checked whatever its location or content. */
  explicit: boolean;
  /** In a folder the project's layout names as migrations (Sqitch's deploy/ and revert/ beside sqitch.plan). */
  layout?: boolean;
  /** A named pipe named on the command line (`check <(...)`): read once, as it arrives (fileRead.ts). */
  pipe?: boolean;
}

/** alembic.ini's script_location, which may sit outside the folders being walked. */
function alembicScriptLocation(dir: string): string | undefined {
  const ini = path.join(dir, 'alembic.ini');
  const text = readTextIfAny(ini, MAX_INI_BYTES);
  if (text === undefined) return undefined;
  const value = iniValue(text, undefined, 'script_location');
  if (!value) return undefined;
  const location = value.replace(/%\(here\)s/g, dir);
  return path.resolve(dir, location);
}

const MAX_INI_BYTES = 1024 * 1024;

// Sqitch keeps its changes as deploy/<change>.sql and revert/<change>.sql next to sqitch.plan, or under
// the `top_dir` (or `deploy_dir`/`revert_dir`) sqitch.conf names.
const SQITCH_DIRS = new Set(['deploy', 'revert']);
const SQITCH_SETTINGS = new Set(['top_dir', 'deploy_dir', 'revert_dir']);

/** A path that could not be walked or read: reported with the run's results, never skipped in silence. */
export interface WalkError {
  path: string;
  message: string;
}

export interface Collected {
  candidates: Candidate[];
  errors: WalkError[];
}

interface Walk {
  out: Map<string, Candidate>;
  /** Real paths of the folders walked: a link back to one of them (a loop) is not walked twice. */
  seenDirs: Set<string>;
  errors: WalkError[];
  /** Deploy and revert folders that a sqitch.conf seen so far names. */
  sqitchDirs: Set<string>;
}

/** Why a path could not be read, in a few words a user can act on. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'it no longer exists (removed while being read)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'its path is too long for the system to open';
    case 'ELOOP':
      return 'a symbolic link on its path points back to itself (a loop)';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    default:
      return code ?? String(err);
  }
}

/** A link that leads nowhere (dangling) or to itself (a loop), described for the report. */
function brokenLink(full: string, err: unknown): string {
  let target = '';
  try {
    target = fs.readlinkSync(full);
  } catch {
    // The message still says what is wrong without the target.
  }
  const to = target ? ` to ${target}` : '';
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return `this symbolic link${to} points to nothing (dangling), so the migration it stood for was not checked`;
  if ((err as NodeJS.ErrnoException).code === 'ELOOP') return `this symbolic link${to} leads back to itself (a loop), so it was not checked`;
  return `this symbolic link${to} could not be followed: ${describeFsError(err)}`;
}

const MIGRATION_DIR_NAME = /^(?:migrations?|migrate|versions|flyway|changelog|deploy|revert|alembic)$/i;

/**
 * Whether a broken link matters: it stood for a migration (its name or its target's is a .py/.sql file or a
 * migrations folder) or sits among migrations. Elsewhere in a repository a dangling link is not ours to report.
 */
function linkMatters(full: string, inMigrations: boolean): boolean {
  if (inMigrations) return true;
  let target = '';
  try {
    target = fs.readlinkSync(full);
  } catch {
    // Judged by its own name alone.
  }
  return [path.basename(full), path.basename(target)].some((name) => CANDIDATE.test(name) || MIGRATION_DIR_NAME.test(name));
}

/** The deploy and revert folders a sqitch.conf in `dir` points to. */
function sqitchConfDirs(dir: string): string[] {
  const text = readTextIfAny(path.join(dir, 'sqitch.conf'), MAX_INI_BYTES);
  if (text === undefined) return [];
  const dirs: string[] = [];
  // Line by line with trim(), not a regex over the file: a line of a million spaces stays linear.
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
    if (!SQITCH_SETTINGS.has(key) || value === '') continue;
    const target = path.resolve(dir, value);
    if (key === 'top_dir') dirs.push(path.join(target, 'deploy'), path.join(target, 'revert'));
    else dirs.push(target);
  }
  // Sqitch's default top_dir is the folder of sqitch.conf itself.
  return dirs.length > 0 ? dirs : [path.join(dir, 'deploy'), path.join(dir, 'revert')];
}

/**
 * A file opened on its own (in the editor) is a Sqitch change when its folder is deploy/ or revert/ and
 * the folder above it holds sqitch.plan or sqitch.conf, or a sqitch.conf one folder higher names it (`top_dir`).
 */
export function inSqitchLayout(absolute: string): boolean {
  const folder = path.dirname(absolute);
  if (!SQITCH_DIRS.has(path.basename(folder))) return false;
  const top = path.dirname(folder);
  if (fs.existsSync(path.join(top, 'sqitch.plan')) || fs.existsSync(path.join(top, 'sqitch.conf'))) return true;
  return sqitchConfDirs(path.dirname(top)).includes(folder);
}

function walkDir(dir: string, walk: Walk, layout = false): void {
  let real: string;
  let entries: fs.Dirent[];
  try {
    // The system's realpath: one call, where Node's own asks for every component of the path in turn.
    real = fs.realpathSync.native(dir);
    if (walk.seenDirs.has(real)) return;
    walk.seenDirs.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    noteListing(dir, entries);
  } catch (err) {
    walk.errors.push({ path: dir, message: `this folder could not be read (${describeFsError(err)}), so the migrations in it were not checked` });
    return;
  }
  // The listing says whether there is an alembic.ini, which saves trying to open one in every folder.
  const script = entries.some((e) => e.name === 'alembic.ini') ? alembicScriptLocation(dir) : undefined;
  if (script && fs.existsSync(script)) walkDir(script, walk);
  const sqitch = entries.some((e) => e.name === 'sqitch.plan' && e.isFile());
  if (entries.some((e) => e.name === 'sqitch.conf' && e.isFile())) for (const d of sqitchConfDirs(dir)) walk.sqitchDirs.add(d);
  const inMigrations = layout || MIGRATION_DIR_NAME.test(path.basename(dir));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Links are followed, to files and to folders: sharing migrations between services by linking them is common.
    let stat: fs.Stats | fs.Dirent = entry;
    if (entry.isSymbolicLink()) {
      try {
        stat = fs.statSync(full);
      } catch (err) {
        if (linkMatters(full, inMigrations)) walk.errors.push({ path: full, message: brokenLink(full, err) });
        continue;
      }
    }
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkDir(full, walk, layout || (sqitch && SQITCH_DIRS.has(entry.name)) || walk.sqitchDirs.has(full));
    } else if (CANDIDATE.test(entry.name) && !walk.out.has(full)) {
      if (stat.isFile()) walk.out.set(full, layout ? { absolute: full, explicit: false, layout } : { absolute: full, explicit: false });
      else walk.errors.push({ path: full, message: `this is ${specialKind(stat)}, not a file; it was not read` });
    }
  }
}

/**
 * Expands the command line's paths into candidate files, and the paths that could not be walked or read.
 * Throws for a path that does not exist at all.
 */
export function collectCandidates(paths: string[], cwd: string): Collected {
  const walk: Walk = { out: new Map(), seenDirs: new Set(), errors: [], sqitchDirs: new Set() };
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (err) {
      const link = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!link && (err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no such file or directory: ${p}`);
      walk.errors.push({ path: full, message: link?.isSymbolicLink() ? brokenLink(full, err) : `this could not be read (${describeFsError(err)})` });
      continue;
    }
    if (stat.isDirectory()) walkDir(full, walk);
    else if (stat.isFile()) walk.out.set(full, { absolute: full, explicit: true });
    else if (stat.isFIFO()) walk.out.set(full, { absolute: full, explicit: true, pipe: true });
    else walk.errors.push({ path: full, message: `this is ${specialKind(stat)}, not a file; it was not read` });
  }
  return { candidates: [...walk.out.values()], errors: walk.errors };
}

/** Whether an analysed candidate is a migration (the CLI and the editor's workspace scan agree on this). */
export function isMigrationCandidate(c: Candidate, rel: string, report: FileReport): boolean {
  if (report.framework === 'sql') return isSqlMigrationCandidate(c, rel, report.text);
  if (c.explicit) return true;
  if (report.framework) return true;
  // Undecodable files only count when their location says they are migrations.
  return report.findings.length > 0 && (isSqlMigration(rel, '') || /(?:^|\/)versions\//.test(rel));
}

/** Whether a .sql candidate is a migration: named by the user, in a migration layout, or by its location, name or markers. */
export function isSqlMigrationCandidate(c: Candidate, rel: string, text: string): boolean {
  return c.explicit || (c.layout ?? inSqitchLayout(c.absolute)) || isSqlMigration(rel, text);
}

export class UsageError extends Error {}
