// `check --changed-since <ref>`: the files a pull request (or a commit about to be made) adds or changes,
// asked of git. Only these are checked and reported; the others are still read from disk as the
// history of the changed ones (the analysis reads a migration's neighbours itself).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A question git could not answer; the CLI prints its message as one sentence and exits 2. */
export class ChangedFilesError extends Error {}

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new ChangedFilesError(`--changed-since needs git, which could not be run (${(run.error as NodeJS.ErrnoException).code ?? run.error.message}).`);
  return { ok: run.status === 0, out: run.stdout, err: run.stderr.trim() };
}

/**
 * The real paths of the files added or modified since the merge base of `ref` and HEAD, committed or
 * not, plus untracked files git does not ignore. Deleted files are left out: there is nothing to check.
 */
export function changedFiles(cwd: string, ref: string): Set<string> {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new ChangedFilesError(`--changed-since needs a git repository, and ${cwd} is not in one.`);
  const root = top.out.trim();
  const base = mergeBase(root, ref);
  // Diffing the merge base against the working tree covers committed, staged and unstaged changes at once.
  const diff = git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', base, '--']);
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (!diff.ok || !untracked.ok) throw new ChangedFilesError(`--changed-since: git could not list the changed files (${diff.err || untracked.err}).`);
  const files = new Set<string>();
  for (const rel of [...diff.out.split('\0'), ...untracked.out.split('\0')]) {
    if (rel !== '') files.add(path.join(root, rel));
  }
  return files;
}

// git's empty tree: before the first commit, every file is new.
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function mergeBase(root: string, ref: string): string {
  // `--end-of-options` keeps a ref that starts with `-` from being read as an option.
  const commit = (rev: string) => git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).ok;
  if (!commit(ref)) {
    // The first commit of a repository, as a pre-commit hook sees it: HEAD names no commit yet.
    if (ref === 'HEAD' && git(root, ['symbolic-ref', '--quiet', 'HEAD']).ok) return EMPTY_TREE;
    throw new ChangedFilesError(`--changed-since: "${ref}" is not a commit, branch or tag in this repository (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0).`);
  }
  const base = git(root, ['merge-base', '--end-of-options', ref, 'HEAD']);
  if (!base.ok) {
    throw new ChangedFilesError(`--changed-since: "${ref}" and HEAD have no common ancestor in this clone (a shallow clone needs its full history, e.g. fetch-depth: 0).`);
  }
  return base.out.trim();
}

/** Whether `absolute` is one of `changed`; compared as real paths, since git reports them from the real root. */
export function isChanged(changed: ReadonlySet<string>, absolute: string): boolean {
  if (changed.has(absolute)) return true;
  try {
    return changed.has(fs.realpathSync(absolute));
  } catch {
    return false;
  }
}
