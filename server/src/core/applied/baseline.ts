// The committed baseline, for projects checked without a database: `migration-guard baseline` records the
// migrations that exist (path and content hash), and a file still in it with the same content counts as
// applied. The hash is the review ledger's (review/normalize.ts), so line endings and trailing spaces
// from a checkout do not make a migration look edited.

import type { BaselineInput } from './resolve';
import { FileReadError, readTextFile } from '../fileRead';

export const BASELINE_FILE = '.migration-guard-baseline.json';

export class BaselineError extends Error {}

const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** The baseline at `file`, or undefined when there is none. */
export function readBaseline(file: string, label = BASELINE_FILE): BaselineInput | undefined {
  let text: string;
  try {
    // Through the guarded reader: a named pipe or a huge file in its place must not hang or fill memory.
    text = readTextFile(file, MAX_BASELINE_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`Could not read ${file}: ${err instanceof FileReadError ? err.message : (err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
  return parseBaseline(text, file, label);
}

export function parseBaseline(text: string, name: string, label = BASELINE_FILE): BaselineInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${name} is not valid JSON: ${(err as Error).message}`);
  }
  const d = data as { version?: unknown; files?: unknown };
  if (d?.version !== 1 || typeof d.files !== 'object' || d.files === null || Array.isArray(d.files)) {
    throw new BaselineError(`${name} is not a Migration Guard baseline (expected {"version": 1, "files": {...}}); write it again with migration-guard baseline.`);
  }
  const files: Record<string, string> = {};
  for (const [path, hash] of Object.entries(d.files)) {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw new BaselineError(`${name}: the entry for ${path} is not a sha256 content hash.`);
    files[path] = hash;
  }
  return { label, files };
}

/** Sorted by path, one entry a line, so a new migration shows up in review as one added line. */
export function serialiseBaseline(files: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, files: sorted }, null, 2)}\n`;
}
