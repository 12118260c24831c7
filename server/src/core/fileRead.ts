// Reading a user's file without trusting what the file system says about it. A size from stat is only a
// claim (/dev/zero says 0 bytes and never ends, a file in /proc says 0 and has content), opening a named
// pipe waits for a writer, and a device can block forever, so every migration is read through here: the
// limit holds on the bytes actually read, opening never waits, and only regular files are read unasked.

import * as fs from 'node:fs';

/** What a directory entry is, in the words of the message that refuses it when it is not a regular file. */
export function specialKind(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

export class FileReadError extends Error {}

const CHUNK = 64 * 1024;
/** What is read past a regular file's reported size: usually nothing, the end of the file. */
const PROBE = 4 * 1024;

/** Opens for reading without waiting: a named pipe with no writer would otherwise block the open itself. */
function openNonBlocking(file: string): number {
  return fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
}

interface Chunks {
  parts: Buffer[];
  total: number;
}

/** Reads into `into` until end of file, `cap` bytes, or (a pipe) nothing to read yet: 'blocked'. */
function readAvailable(fd: number, into: Chunks, cap: number, expected = 0): 'done' | 'blocked' {
  while (into.total < cap) {
    // The size stat reported is only a hint: it sizes the first read, and the reading goes on to the end.
    // Past it, small probes: the bytes returned are views of these buffers, and a small file kept in a
    // 64 KiB buffer held a 10,000-file workspace's memory twice over.
    const wanted = into.total < expected ? expected + 1 - into.total : expected > 0 ? PROBE : CHUNK;
    const chunk = Buffer.allocUnsafe(Math.min(wanted, cap - into.total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return 'blocked';
      throw err;
    }
    if (n === 0) return 'done';
    into.parts.push(chunk.subarray(0, n));
    into.total += n;
  }
  return 'done';
}

/**
 * A regular file's bytes, at most `maxBytes + 1` of them: one byte past the limit is enough for the
 * decoder to report the file as too large. Anything else is refused with a FileReadError.
 */
export function readRegularFile(file: string, maxBytes: number): Uint8Array {
  const fd = openNonBlocking(file);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError(`this is ${specialKind(stat)}, not a file; it was not read`);
    const read: Chunks = { parts: [], total: 0 };
    readAvailable(fd, read, maxBytes + 1, stat.size);
    return read.parts.length === 1 ? read.parts[0] : Buffer.concat(read.parts, read.total);
  } finally {
    fs.closeSync(fd);
  }
}

/** How long a pipe may stay silent, its writer still attached, before the read gives up. */
const PIPE_IDLE_MS = 30_000;
const PIPE_POLL_MS = 10;

/**
 * A named pipe named on the command line (`check <(git show HEAD:db/V2__x.sql)` passes /dev/fd/63): read
 * as `cat` would, with the same limit on the bytes that arrive. A pipe nobody writes to reads as empty;
 * one whose writer stays silent for 30 s is given up on.
 */
export async function readPipe(file: string, maxBytes: number): Promise<Uint8Array> {
  const fd = openNonBlocking(file);
  try {
    const read: Chunks = { parts: [], total: 0 };
    let idleSince = Date.now();
    for (let seen = 0; readAvailable(fd, read, maxBytes + 1) === 'blocked'; seen = read.total) {
      if (read.total > seen) idleSince = Date.now();
      else if (Date.now() - idleSince > PIPE_IDLE_MS) throw new FileReadError(`nothing arrived on this pipe for ${PIPE_IDLE_MS / 1000} s; it was not checked`);
      await new Promise((resolve) => setTimeout(resolve, PIPE_POLL_MS));
    }
    return Buffer.concat(read.parts, read.total);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A project file read as UTF-8 (configuration, models, the review ledger): refused with a FileReadError
 * when it is not a regular file or is larger than `maxBytes`, so a named pipe called alembic.ini cannot
 * hang a run.
 */
export function readTextFile(file: string, maxBytes: number): string {
  const bytes = readRegularFile(file, maxBytes);
  if (bytes.length > maxBytes) throw new FileReadError(`it is larger than ${byteSize(maxBytes)}`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/** readTextFile, or undefined when the file is missing or refused: for files whose absence is normal. */
export function readTextIfAny(file: string, maxBytes: number): string | undefined {
  try {
    return readTextFile(file, maxBytes);
  } catch {
    return undefined;
  }
}

/** `4 MiB (4,194,304 bytes)`: a limit said so that a file one byte over it is plainly over it. */
export function byteSize(n: number): string {
  const exact = `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
  for (const [unit, size] of [['MiB', 1024 * 1024], ['KiB', 1024]] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit} (${exact})`;
  }
  return exact;
}
