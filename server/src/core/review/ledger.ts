// The review ledger: `.migration-review.json` at the repository root, one sign-off per migration path,
// each bound to the sha256 of the migration's normalised content. It is shared through git and written
// by several people and processes, so a write never loses an entry it did not make: it takes a lock file,
// re-reads the ledger, merges its own entry, writes a temporary file and renames it over the ledger (a
// reader sees the old file or the new one, never half of one), and it starts again if the ledger changed
// under it anyway (an editor or a checkout does not take our lock). A ledger it cannot read is an error
// that names the file and the problem, and it is never overwritten.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReadError, readTextFile } from '../fileRead';
import { contentHash } from './normalize';

export const LEDGER_FILE = '.migration-review.json';
export const LEDGER_VERSION = 1;

export type RecordedState = 'checked' | 'unchecked' | 'not-applicable';

/** One checklist item as it stood when the migration was signed off. */
export interface RecordedItem {
  id: string;
  state: RecordedState;
  /** 'tool': Migration Guard verified it; 'person': the reviewer ticked it. */
  by: 'tool' | 'person';
  /** "Tested on a local or staging database": where, optionally. */
  note?: string;
  /** "A stakeholder confirmed the data loss": who. */
  name?: string;
}

export interface SignOff {
  /** sha256 of the normalised content (normalize.ts). */
  sha256: string;
  /** `Name <email>`, from git config, or as the reviewer typed it. */
  signedBy: string;
  /** ISO 8601. */
  signedAt: string;
  checklist: RecordedItem[];
}

export interface Ledger {
  version: typeof LEDGER_VERSION;
  /** By path relative to the repository root, with forward slashes. */
  signoffs: Record<string, SignOff>;
}

export class LedgerError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'LedgerError';
  }
}

export type SignOffStatus = { state: 'none' } | { state: 'valid' | 'stale'; signoff: SignOff };

export function emptyLedger(): Ledger {
  return { version: LEDGER_VERSION, signoffs: {} };
}

const SHA256 = /^[0-9a-f]{64}$/;
const STATES = new Set<RecordedState>(['checked', 'unchecked', 'not-applicable']);
const UNREADABLE = 'Fix it (or delete it to start a new ledger); Migration Guard does not overwrite a ledger it cannot read.';

/** Parses and validates a ledger; every problem is a LedgerError naming `file` and what is wrong. */
export function parseLedger(text: string, file: string): Ledger {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(file, `not valid JSON (${(err as Error).message}). ${UNREADABLE}`);
  }
  if (!isObject(data)) throw new LedgerError(file, `expected a JSON object with "version" and "signoffs". ${UNREADABLE}`);
  if (data.version !== LEDGER_VERSION) {
    throw new LedgerError(file, `"version" is ${JSON.stringify(data.version)}, but this Migration Guard reads version ${LEDGER_VERSION}. ${UNREADABLE}`);
  }
  if (!isObject(data.signoffs)) throw new LedgerError(file, `"signoffs" must be an object keyed by migration path. ${UNREADABLE}`);
  const signoffs: Record<string, SignOff> = {};
  for (const [key, value] of Object.entries(data.signoffs)) {
    const problem = entryProblem(key, value);
    if (problem) throw new LedgerError(file, `the sign-off for "${key}" ${problem}. ${UNREADABLE}`);
    signoffs[key] = value as SignOff;
  }
  return { version: LEDGER_VERSION, signoffs };
}

function entryProblem(key: string, value: unknown): string | undefined {
  if (key === '' || key.includes('\\') || path.posix.isAbsolute(key) || key.split('/').includes('..')) {
    return 'has a path that is not relative to the repository root with forward slashes';
  }
  if (!isObject(value)) return 'is not an object';
  if (typeof value.sha256 !== 'string' || !SHA256.test(value.sha256)) return 'has no valid "sha256" (64 lowercase hex digits)';
  if (typeof value.signedBy !== 'string' || value.signedBy.trim() === '') return 'has no "signedBy"';
  if (typeof value.signedAt !== 'string' || Number.isNaN(Date.parse(value.signedAt))) return 'has no valid "signedAt" date';
  if (!Array.isArray(value.checklist)) return 'has no "checklist" list';
  for (const item of value.checklist) {
    if (!isObject(item) || typeof item.id !== 'string' || !STATES.has(item.state as RecordedState) || (item.by !== 'tool' && item.by !== 'person')) {
      return 'has a checklist item without a valid "id", "state" (checked, unchecked, not-applicable) or "by" (tool, person)';
    }
    if ((item.note !== undefined && typeof item.note !== 'string') || (item.name !== undefined && typeof item.name !== 'string')) {
      return 'has a checklist item whose "note" or "name" is not text';
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sorted keys and two-space indentation, so a sign-off shows in a diff as the lines it added. */
export function serialiseLedger(ledger: Ledger): string {
  const signoffs = Object.fromEntries(Object.keys(ledger.signoffs).sort().map((k) => [k, ledger.signoffs[k]]));
  return `${JSON.stringify({ version: ledger.version, signoffs }, null, 2)}\n`;
}

// Far above any real ledger (a sign-off is a few hundred bytes); a bound so that reading one cannot exhaust memory.
const MAX_LEDGER_BYTES = 64 * 1024 * 1024;

function readRaw(file: string): string | undefined {
  try {
    return readTextFile(file, MAX_LEDGER_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const why = err instanceof FileReadError ? err.message : ((err as NodeJS.ErrnoException).code ?? String(err));
    throw new LedgerError(file, `could not be read (${why}).`);
  }
}

/** The ledger at `file`; an empty one when there is none yet. */
export function readLedger(file: string): Ledger {
  const text = readRaw(file);
  return text === undefined ? emptyLedger() : parseLedger(text, file);
}

/** Whether `key`'s sign-off, if any, still matches `text` (the migration as it is now). */
export function signOffStatus(ledger: Ledger, key: string, text: string): SignOffStatus {
  const signoff = ledger.signoffs[key];
  if (!signoff) return { state: 'none' };
  return { state: signoff.sha256 === contentHash(text) ? 'valid' : 'stale', signoff };
}

/** The nearest directory at or above `start` that holds `.git`; `fallback` when there is none. */
export function findRepositoryRoot(start: string, fallback: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return fallback;
  }
}

/** A migration's key in the ledger: its path relative to the repository root, with forward slashes. */
export function ledgerKey(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

export interface WriteOptions {
  /** How long to wait for another writer's lock before giving up (default 5 s). */
  lockTimeoutMs?: number;
  /** A lock older than this was left by a writer that died, and is taken over (default 30 s). */
  staleLockMs?: number;
  /** Called after the new ledger is written to its temporary file, before the rename (tests change the ledger here). */
  beforeRename?: () => void;
}

const ATTEMPTS = 5;

/** Records `signoff` for `key`, keeping every other entry, including those written while this one was being made. */
export function recordSignOff(file: string, key: string, signoff: SignOff, opts: WriteOptions = {}): Ledger {
  return withLock(file, opts, () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const before = readRaw(file);
      const ledger = before === undefined ? emptyLedger() : parseLedger(before, file);
      ledger.signoffs[key] = signoff;
      const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(tmp, serialiseLedger(ledger), { flag: 'wx' });
      try {
        opts.beforeRename?.();
        if (readRaw(file) !== before) continue;
        fs.renameSync(tmp, file);
        return ledger;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    }
    throw new LedgerError(file, `kept changing while Migration Guard was recording the sign-off for "${key}" (${ATTEMPTS} attempts); nothing was written. Sign off again.`);
  });
}

function withLock<T>(file: string, opts: WriteOptions, body: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + (opts.lockTimeoutMs ?? 5_000);
  const staleMs = opts.staleLockMs ?? 30_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new LedgerError(file, `could not create the lock file ${lock} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
    }
    const age = lockAge(lock);
    if (age !== undefined && age > staleMs) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LedgerError(file, `another sign-off is being written (lock file ${lock}); try again, or delete the lock file if no sign-off is running.`);
    }
    sleepSync(10 + Math.floor(Math.random() * 20));
  }
  try {
    return body();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function lockAge(lock: string): number | undefined {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs;
  } catch {
    return undefined;
  }
}

// The whole write is synchronous on purpose: within one process no other sign-off can interleave with it.
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
