// Runs a CommonJS bundle the way Node's module loader would, but from V8's code cache when one is
// beside it: compiling the CLI's bundle, then the functions a check calls, took about 20 ms of a 130 ms
// one-file check, and Node 20 has no compile cache of its own (module.enableCompileCache came in 22).
// The build writes the cache after a warm-up run, so it holds the functions a check compiles, not only
// the top level. A run that finds the cache missing, stale or rejected compiles normally and tries to
// write a fresh one. Nothing here may fail a run: every cache problem falls back to compiling.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedDataVersionTag, setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';

// V8 optimises a function once it has run a budget of bytecode; a check of a few thousand files is over
// in a second or so, and at V8's default budget its optimising compiler spent more CPU on functions that
// were then hardly called again than the optimised code saved. Four times the default (66 KiB) cut the
// CPU of a run by about 30% on the real-migration corpus and 15% on the bench workspace, and the wall
// time by 8-20% (README, Performance). Set when this module loads, before any bundle compiles, so that
// every code cache is named for it (cacheFileOf); it changes speed, never results.
setFlagsFromString('--interrupt-budget=270336');

// V8 checks only the source's length against the cache, so the cache starts with a digest of the
// source and of the cache data: a rebuilt bundle of the same length, or a damaged file, is not used.
const DIGEST_BYTES = 32;

/** Set by the build: write the cache when the process exits, with every function the run compiled. */
const WARM_UP_ENV = 'MIGRATION_GUARD_WRITE_CODE_CACHE';

export type CacheUse = 'accepted' | 'rejected' | 'missing';

export interface CompiledBundle {
  script: vm.Script;
  use: CacheUse;
  /** Writes the script's current code cache beside the bundle, unless the location is read-only. */
  writeCache(): void;
}

/**
 * V8 takes a cache only under the V8 version and flags it was written with, and the CLI's workers start
 * after it set --liftoff-only for a SQL-only run: each combination has its own file, so that runs of
 * one kind do not keep replacing the other kind's cache.
 */
export function cacheFileOf(bundle: string): string {
  return `${bundle}.${cachedDataVersionTag().toString(16)}.cache`;
}

function digest(source: Uint8Array, data: Uint8Array): Buffer {
  return createHash('sha256').update(source).update(data).digest();
}

function readCache(file: string, source: Uint8Array): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && digest(source, data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Concurrent runs each rename a whole file into place, so no run reads a half-written cache. */
function writeCache(file: string, source: Uint8Array, data: Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([digest(source, data), data]));
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Compiles `bundle` wrapped as a CommonJS module body, with its code cache when V8 accepts it. The
 * bundle must not use dynamic import(): V8 drops its callback from cached code.
 */
export function compileBundle(bundle: string): CompiledBundle {
  const bytes = fs.readFileSync(bundle);
  const cacheFile = cacheFileOf(bundle);
  const cachedData = readCache(cacheFile, bytes);
  // Node's wrapper, with the source on its first line so that line numbers are unchanged.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, { filename: bundle, cachedData });
  return {
    script,
    use: cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted',
    writeCache: () => writeCache(cacheFile, bytes, script.createCachedData()),
  };
}

/**
 * Runs `bundle` as the body of `module`, with the bundle's own __filename and __dirname (`require`
 * resolves from the module's directory, which must be the bundle's). With --enable-source-maps the
 * bundle is loaded without the cache.
 */
export function runBundle(bundle: string, module: NodeJS.Module, require: NodeJS.Require): void {
  // Node applies source maps only to code its own loader compiled.
  if (process.sourceMapsEnabled) {
    require(bundle);
    return;
  }
  const compiled = compileBundle(bundle);
  if (process.env[WARM_UP_ENV] === '1') process.on('exit', compiled.writeCache);
  // Written before the bundle runs, which may change V8's flags (the file is named for the flags now).
  else if (compiled.use !== 'accepted') compiled.writeCache();
  const body = compiled.script.runInThisContext() as (...args: unknown[]) => void;
  body.call(module.exports, module.exports, require, module, bundle, path.dirname(bundle));
}
