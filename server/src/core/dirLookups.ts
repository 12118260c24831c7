// Answers about a directory's surroundings (its project, its configured dialect), remembered per directory,
// misses included: every file of a directory asks the same question, and each parent directory is asked
// for every directory below it, so without this a run stat-ed the same missing alembic.ini thousands of
// times. A CLI run never sees these files change; the language server forgets all answers when one of the
// files they come from is created, changed or deleted, and on rescan (lsp/facts.ts).

const memos: Map<string, unknown>[] = [];

/** A per-directory memo that forgetDirectoryLookups() clears. */
export function directoryMemo<T>(): Map<string, T> {
  const memo = new Map<string, T>();
  memos.push(memo as Map<string, unknown>);
  return memo;
}

export function forgetDirectoryLookups(): void {
  for (const memo of memos) memo.clear();
}
