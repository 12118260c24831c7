// Answers about a directory's surroundings (its project, its configured dialect), remembered per directory,
// misses included: every file of a directory asks the same question, and each parent directory is asked
// for every directory below it, so without this a run stat-ed the same missing alembic.ini thousands of
// times. A CLI run never sees these files change; the language server forgets all answers when one of the
// files they come from is created, changed or deleted, and on rescan (lsp/facts.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';

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

// ------------------------------------------------------------------------------------------ one run

// What one CLI run has already read from the disk, to answer later questions about the same files:
// the listings of the folders its walk read (is there an alembic.ini here, which migrations lie next to
// this one), and the bytes of each migration read either for its own analysis or as another migration's
// history, which the other reader then takes instead of reading the file again. Kept only between
// beginRun() and endRun(): the language server's files change under it, so it always asks the disk. A
// folder created after the walk is asked about on the disk.
interface RunMemory {
  listings: Map<string, { entries: readonly fs.Dirent[]; names: Set<string> }>;
  read: Map<string, Uint8Array>;
  /** Bytes kept in `read`: past MAX_KEPT_BYTES a file is simply read again when asked for. */
  kept: number;
}

const MAX_KEPT_BYTES = 64 * 1024 * 1024;

let run: RunMemory | undefined;

/** Starts a run: what an earlier run in this process found out about directories is forgotten too. */
export function beginRun(): void {
  forgetDirectoryLookups();
  run = { listings: new Map(), read: new Map(), kept: 0 };
}

export function endRun(): void {
  run = undefined;
}

export function inRun(): boolean {
  return run !== undefined;
}

/** A folder's listing as the walk read it (no-op outside a run). */
export function noteListing(dir: string, entries: readonly fs.Dirent[]): void {
  run?.listings.set(dir, { entries, names: new Set(entries.map((e) => e.name)) });
}

/** The listing the run read of `dir`, if it read one. */
export function listingOf(dir: string): readonly fs.Dirent[] | undefined {
  return run?.listings.get(dir)?.entries;
}

/** false when the run's listing of the file's folder has no such name; undefined when there is no listing to ask. */
export function mayExist(file: string): boolean | undefined {
  const listing = run?.listings.get(path.dirname(file));
  if (!listing) return undefined;
  return listing.names.has(path.basename(file)) ? undefined : false;
}

/** fs.existsSync, answered without the disk when the run's listing of the folder has no such name. */
export function existsOnDisk(file: string): boolean {
  return mayExist(file) !== false && fs.existsSync(file);
}

/** Keeps the bytes of a migration just read for the other reader of it (no-op outside a run). */
export function noteRead(file: string, bytes: Uint8Array): void {
  if (!run || run.read.has(file) || run.kept + bytes.length > MAX_KEPT_BYTES) return;
  run.read.set(file, bytes);
  run.kept += bytes.length;
}

/** The bytes noteRead kept for `file`, once: the caller owns them after. */
export function takeRead(file: string): Uint8Array | undefined {
  const bytes = run?.read.get(file);
  if (run && bytes !== undefined) {
    run.read.delete(file);
    run.kept -= bytes.length;
  }
  return bytes;
}
