import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSqlMigration } from './detect';
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
}

/** alembic.ini's script_location, which may sit outside the folders being walked. */
function alembicScriptLocation(dir: string): string | undefined {
  const ini = path.join(dir, 'alembic.ini');
  if (!fs.existsSync(ini)) return undefined;
  const m = /^\s*script_location\s*=\s*(.+?)\s*$/m.exec(fs.readFileSync(ini, 'utf8'));
  if (!m) return undefined;
  const location = m[1].replace(/%\(here\)s/g, dir);
  return path.resolve(dir, location);
}

// Sqitch keeps its changes as deploy/<change>.sql and revert/<change>.sql next to sqitch.plan, or under
// the `top_dir` (or `deploy_dir`/`revert_dir`) sqitch.conf names.
const SQITCH_DIRS = new Set(['deploy', 'revert']);
const SQITCH_SETTING = /^\s*(top_dir|deploy_dir|revert_dir)\s*=\s*(.+?)\s*$/gm;

/** The deploy and revert folders a sqitch.conf in `dir` points to. */
function sqitchConfDirs(dir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'sqitch.conf'), 'utf8');
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const [, key, value] of text.matchAll(SQITCH_SETTING)) {
    const target = path.resolve(dir, value.replace(/^["']|["']$/g, ''));
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

function walkDir(dir: string, out: Map<string, Candidate>, seenDirs: Set<string>, layout = false, sqitchDirs = new Set<string>()): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return;
  }
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  const script = alembicScriptLocation(dir);
  if (script && fs.existsSync(script)) walkDir(script, out, seenDirs);
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const sqitch = entries.some((e) => e.name === 'sqitch.plan' && e.isFile());
  if (entries.some((e) => e.name === 'sqitch.conf' && e.isFile())) for (const d of sqitchConfDirs(dir)) sqitchDirs.add(d);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkDir(full, out, seenDirs, layout || (sqitch && SQITCH_DIRS.has(entry.name)) || sqitchDirs.has(full), sqitchDirs);
    } else if (entry.isFile() && CANDIDATE.test(entry.name) && !out.has(full)) {
      out.set(full, layout ? { absolute: full, explicit: false, layout } : { absolute: full, explicit: false });
    }
  }
}

/** Expands the command line's paths into candidate files; throws for a path that does not exist. */
export function collectCandidates(paths: string[], cwd: string): Candidate[] {
  const out = new Map<string, Candidate>();
  const seenDirs = new Set<string>();
  const sqitchDirs = new Set<string>();
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`no such file or directory: ${p}`);
    if (stat.isDirectory()) walkDir(full, out, seenDirs, false, sqitchDirs);
    else out.set(full, { absolute: full, explicit: true });
  }
  return [...out.values()];
}

/** Whether an analysed candidate is a migration (the CLI and the editor's workspace scan agree on this). */
export function isMigrationCandidate(c: Candidate, rel: string, report: FileReport): boolean {
  if (c.explicit) return true;
  if (report.framework === 'sql' && (c.layout ?? inSqitchLayout(c.absolute))) return true;
  if (report.framework === 'sql') return isSqlMigration(rel, report.text);
  if (report.framework) return true;
  // Undecodable files only count when their location says they are migrations.
  return report.findings.length > 0 && (isSqlMigration(rel, '') || /(?:^|\/)versions\//.test(rel));
}

export class UsageError extends Error {}
