// `check --cache`: results of earlier runs, reused for files whose every input is unchanged. A file's
// report depends on its bytes, its path, the options and project facts (models, database, sign-offs),
// the code of this build, and, when the analysis read them, the migrations next to it (history). The
// first four make the key; the neighbours are recorded as dependencies with a digest of their content
// and checked again before an entry is used. Anything unreadable in the cache file is ignored and
// rewritten: a cache can only cost time, never change a result.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import { decode } from '../core/analyze';
import { withDefaults, type AnalysisOptions } from '../core/options';
import type { FileReport } from '../core/report';
import { readSiblingsOnce } from './parallel';

const FORMAT = 1;

type StoredReport = Omit<FileReport, 'text'>;

interface Entry {
  key: string;
  /** Directories whose migrations the analysis read, with the digest of what it read. */
  deps: Array<[dir: string, digest: string]>;
  report: StoredReport;
}

interface CacheFile {
  format: number;
  code: string;
  entries: Record<string, Entry>;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

function sha256(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** The code that produces reports: this bundle (out/cli.main.js) and its worker's. Running from source there is no single file to hash. */
function codeIdentity(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const files = [__filename, path.join(__dirname, 'cliWorker.main.js')].filter((f) => fs.existsSync(f));
  return sha256(...files.map((f) => fs.readFileSync(f)));
}

function isEntry(value: unknown): value is Entry {
  const e = value as Entry | null;
  return typeof e === 'object' && e !== null && typeof e.key === 'string' && Array.isArray(e.deps) && typeof e.report === 'object' && e.report !== null && Array.isArray(e.report.findings);
}

function readCacheFile(file: string, code: string): Record<string, Entry> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (parsed.format !== FORMAT || parsed.code !== code || typeof parsed.entries !== 'object' || parsed.entries === null) return {};
    return Object.fromEntries(Object.entries(parsed.entries).filter(([, e]) => isEntry(e)));
  } catch {
    return {};
  }
}

export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private readonly dirDigests = new Map<string, string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly code: string,
    private readonly entries: Record<string, Entry>,
  ) {}

  /** undefined when this build cannot identify its own code (running from source). */
  static open(file: string): ResultCache | undefined {
    const code = codeIdentity();
    return code === undefined ? undefined : new ResultCache(file, code, readCacheFile(file, code));
  }

  /** One digest for everything in the options (facts included) that a report can depend on. */
  optionsDigest(options: Partial<AnalysisOptions>): string {
    const { readSiblings: _ignored, ...plain } = withDefaults(options);
    return sha256(serialize(plain));
  }

  keyFor(rel: string, optionsDigest: string, bytes: Uint8Array): string {
    return sha256(this.code, rel, optionsDigest, bytes);
  }

  /** The stored report when the key and every recorded neighbour still match; the text comes from `bytes`. */
  lookup(rel: string, key: string, bytes: Uint8Array, options: Partial<AnalysisOptions>): FileReport | undefined {
    const entry = this.entries[rel];
    const valid = entry !== undefined && entry.key === key && entry.deps.every(([dir, digest]) => this.dirDigest(dir) === digest);
    if (!valid) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return { ...entry.report, text: decode(bytes, withDefaults(options)).text };
  }

  store(rel: string, key: string, report: FileReport, siblingDirs: readonly string[]): void {
    const { text: _text, ...stored } = report;
    this.entries[rel] = { key, deps: siblingDirs.map((dir) => [dir, this.dirDigest(dir)]), report: stored };
    this.dirty = true;
  }

  /** Written whole to a temporary file and renamed, so a reader never sees half a cache. */
  save(): void {
    if (!this.dirty) return;
    const body: CacheFile = { format: FORMAT, code: this.code, entries: this.entries };
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(temp, JSON.stringify(body));
    fs.renameSync(temp, this.file);
    this.dirty = false;
  }

  /** What the analysis reads as `dir`'s migrations (the same listing, read once per run), digested once per run. */
  private dirDigest(dir: string): string {
    let digest = this.dirDigests.get(dir);
    if (digest === undefined) {
      digest = sha256(...readSiblingsOnce(dir).flatMap((f) => [f.path, f.text]));
      this.dirDigests.set(dir, digest);
    }
    return digest;
  }
}
