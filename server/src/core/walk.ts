import * as fs from 'node:fs';
import * as path from 'node:path';
import { iniValue } from './ini';
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
  const value = iniValue(fs.readFileSync(ini, 'utf8'), undefined, 'script_location');
  if (!value) return undefined;
  const location = value.replace(/%\(here\)s/g, dir);
  return path.resolve(dir, location);
}

// Sqitch keeps its changes as deploy/<change>.sql and revert/<change>.sql next to sqitch.plan.
const SQITCH_DIRS = new Set(['deploy', 'revert']);

function walkDir(dir: string, out: Map<string, Candidate>, seenDirs: Set<string>, layout = false): void {
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
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkDir(full, out, seenDirs, layout || (sqitch && SQITCH_DIRS.has(entry.name)));
    } else if (entry.isFile() && CANDIDATE.test(entry.name) && !out.has(full)) {
      out.set(full, layout ? { absolute: full, explicit: false, layout } : { absolute: full, explicit: false });
    }
  }
}

/** Expands the command line's paths into candidate files; throws for a path that does not exist. */
export function collectCandidates(paths: string[], cwd: string): Candidate[] {
  const out = new Map<string, Candidate>();
  const seenDirs = new Set<string>();
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`no such file or directory: ${p}`);
    if (stat.isDirectory()) walkDir(full, out, seenDirs);
    else out.set(full, { absolute: full, explicit: true });
  }
  return [...out.values()];
}

/** Whether an analysed candidate is a migration (the CLI and the editor's workspace scan agree on this). */
export function isMigrationCandidate(c: Candidate, rel: string, report: FileReport): boolean {
  if (c.explicit) return true;
  if (report.framework === 'sql' && c.layout) return true;
  if (report.framework === 'sql') return isSqlMigration(rel, report.text);
  if (report.framework) return true;
  // Undecodable files only count when their location says they are migrations.
  return report.findings.length > 0 && (isSqlMigration(rel, '') || /(?:^|\/)versions\//.test(rel));
}

export class UsageError extends Error {}
