// The databases the language server reads, one per distinct source (the setting, DATABASE_URL, or a
// project's alembic.ini; an embedded PGlite seeded from a SQL file for examples). Opened on first need,
// read once, kept open for the exact counts the review asks for, and closed when the settings change.
// In an untrusted workspace nothing is ever opened: settings and alembic.ini come from the repository.

import { DbError, scrub } from '../core/db/errors';
import { addExactCounts, openSchemaSource, type CountTarget, type SourceSpec } from '../core/db/open';
import { DEFAULT_COUNT_LIMIT, findTable, type SchemaSnapshot, type SchemaSource } from '../core/db/schemaSource';
import { SnapshotError } from '../core/db/snapshot';
import { resolveDatabaseUrl, UrlError } from '../core/db/url';
import { ignoredOptionsMessage, sessionUrl } from '../core/db/urlOptions';
import type { ProjectLayout } from '../core/models';
import { answerQueries, DEFAULT_BUDGET_MS, isQueryable, serverVersionNum } from '../core/preflight/run';
import type { PreflightFacts } from '../core/preflight/types';
import { PASSWORD_ENV, type DatabaseConnectionSettings, type DatabaseStatus } from '../protocol';

export interface OpenDatabase {
  source: SchemaSource;
  snapshot: SchemaSnapshot;
  /** A live database (not a snapshot): preflight's answers so far. */
  preflight?: PreflightFacts;
}

interface Entry {
  status: DatabaseStatus;
  ready: Promise<OpenDatabase | undefined>;
  open?: OpenDatabase;
  /** Tables (and dropped columns) already counted or tried, so a refresh never asks twice. */
  counted: Set<string>;
  /** Preflight queries asked or queued, and the batch running now: one query at a time per database. */
  asked: Set<string>;
  asking: Promise<void>;
}

type Resolved = { spec: SourceSpec } | { error: string } | undefined;

export class DatabaseStore {
  private settings: DatabaseConnectionSettings = {};
  private trusted = false;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void,
    /** A database finished loading (or failed), or counts were added: analyses must be redone. */
    private readonly changed: () => void,
  ) {}

  /** New settings (as the client sent them) or trust: every open database is closed and read again on next use. */
  configure(settings: unknown, trusted: boolean): void {
    this.settings = normalizeSettings(settings);
    this.trusted = trusted;
    void this.closeAll();
  }

  /** What the project's database settings name, for a rehearsal to copy the schema of; none in an untrusted workspace. */
  specFor(layout: ProjectLayout | undefined): SourceSpec | undefined {
    if (!this.trusted) return undefined;
    const resolved = this.resolve(layout);
    return resolved && 'spec' in resolved ? resolved.spec : undefined;
  }

  /** The schema for a project, when it has been read; starts reading it otherwise. */
  snapshot(layout: ProjectLayout | undefined): SchemaSnapshot | undefined {
    return this.entry(layout)?.open?.snapshot;
  }

  status(layout: ProjectLayout | undefined): DatabaseStatus {
    if (!this.trusted) return { state: 'untrusted', message: 'The workspace is not trusted, so Migration Guard does not connect to a database.' };
    const resolved = this.resolve(layout);
    if (!resolved) return { state: 'none', message: 'No database is configured: set migrationGuard.databaseUrl, DATABASE_URL, or sqlalchemy.url in alembic.ini.' };
    if ('error' in resolved) return { state: 'error', message: resolved.error };
    return this.entry(layout)?.status ?? { state: 'none' };
  }

  /** Waits for the project's database; undefined when there is none or it failed (see status()). */
  async open(layout: ProjectLayout | undefined): Promise<OpenDatabase | undefined> {
    return this.entry(layout)?.ready;
  }

  /** Exact bounded counts for these tables, written into the snapshot; true when anything new was counted. */
  async count(layout: ProjectLayout | undefined, targets: CountTarget[]): Promise<boolean> {
    const entry = this.entry(layout);
    const db = await entry?.ready;
    if (!entry || !db) return false;
    const fresh = targets.filter((t) => {
      const key = `${t.schema ?? ''}.${t.table}.${t.column ?? ''}`;
      if (entry.counted.has(key) || !findTable(db.snapshot, { schema: t.schema, name: t.table })) return false;
      entry.counted.add(key);
      return true;
    });
    if (fresh.length === 0) return false;
    try {
      await addExactCounts(db.source, db.snapshot, fresh);
      this.changed();
      return true;
    } catch (err) {
      this.log(`Migration Guard: counting rows in ${db.source.description} failed: ${this.scrubbed(err)}`);
      return false;
    }
  }

  /** Preflight's answers for the project's database, when it is live and read. */
  preflight(layout: ProjectLayout | undefined): PreflightFacts | undefined {
    return this.entry(layout)?.open?.preflight;
  }

  /**
   * Runs preflight queries in the background, after the analysis that asked for them was published:
   * typing never waits on the database. Answers land in the facts and the documents are analysed again.
   */
  ask(layout: ProjectLayout | undefined, queries: string[]): void {
    const entry = this.entry(layout);
    const db = entry?.open;
    if (!entry || !db?.preflight || !isQueryable(db.source)) return;
    const fresh = queries.filter((q) => !entry.asked.has(q));
    if (fresh.length === 0) return;
    for (const q of fresh) entry.asked.add(q);
    const [source, facts] = [db.source, db.preflight];
    entry.asking = entry.asking.then(async () => {
      try {
        await answerQueries(source, fresh, facts, { deadline: Date.now() + DEFAULT_BUDGET_MS, totalMs: DEFAULT_BUDGET_MS });
        if (this.isCurrent(entry)) this.changed();
      } catch (err) {
        this.log(`Migration Guard: preflight against ${source.description} failed: ${this.scrubbed(err)}`);
      }
    });
  }

  async closeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map(async (e) => (await e.ready.catch(() => undefined))?.source.close().catch(() => undefined)));
  }

  private resolve(layout: ProjectLayout | undefined): Resolved {
    const timeouts = { connectTimeoutMs: this.settings.connectTimeoutMs, statementTimeoutMs: this.settings.statementTimeoutMs };
    if (this.settings.embeddedSeed) return { spec: { kind: 'seed', file: this.settings.embeddedSeed } };
    try {
      const url = resolveDatabaseUrl({ settings: { url: this.settings.url, password: this.env[PASSWORD_ENV] }, env: this.env, alembicIni: layout?.alembicIni });
      return url ? { spec: { kind: 'url', url: url.url, ...timeouts } } : undefined;
    } catch (err) {
      if (err instanceof UrlError) return { error: err.message };
      throw err;
    }
  }

  private entry(layout: ProjectLayout | undefined): Entry | undefined {
    if (!this.trusted) return undefined;
    const resolved = this.resolve(layout);
    if (!resolved || 'error' in resolved) return undefined;
    // The key holds the URL with its password: it stays in this map and is never printed.
    const key = JSON.stringify(resolved.spec);
    let entry = this.entries.get(key);
    if (!entry) {
      const created: Entry = { status: { state: 'loading', message: 'Reading the database schema...' }, ready: Promise.resolve(undefined), counted: new Set(), asked: new Set(), asking: Promise.resolve() };
      created.ready = this.load(resolved.spec, created);
      this.entries.set(key, created);
      entry = created;
    }
    return entry;
  }

  private async load(spec: SourceSpec, entry: Entry): Promise<OpenDatabase | undefined> {
    const ignored = spec.kind === 'url' ? ignoredOptionsMessage(sessionUrl(spec.url).ignored) : undefined;
    if (ignored) this.log(`Migration Guard: ${ignored}`);
    try {
      const source = await openSchemaSource(spec);
      const snapshot = await source.read();
      if (!this.isCurrent(entry)) {
        await source.close();
        return undefined;
      }
      entry.open = { source, snapshot };
      if (isQueryable(source)) entry.open.preflight = { answers: {}, examples: this.settings.preflightExamples !== false, limit: DEFAULT_COUNT_LIMIT, serverVersionNum: await serverVersionNum(source) };
      entry.status = { state: 'ready', description: source.description };
      this.log(`Migration Guard: read ${snapshot.tables.length} tables from ${source.description}.`);
      return entry.open;
    } catch (err) {
      const known = err instanceof DbError || err instanceof SnapshotError || err instanceof UrlError;
      entry.status = { state: 'error', message: known ? this.scrubbed(err) : `Reading the database failed: ${this.scrubbed(err)}` };
      if (this.isCurrent(entry)) this.log(`Migration Guard: ${entry.status.message}`);
      return undefined;
    } finally {
      if (this.isCurrent(entry)) this.changed();
    }
  }

  private isCurrent(entry: Entry): boolean {
    return [...this.entries.values()].includes(entry);
  }

  /** Driver messages are scrubbed already; this also covers anything else that might quote the URL. */
  private scrubbed(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    return scrub(message, [this.env[PASSWORD_ENV] ?? '']);
  }
}

/** Settings as the client sent them; anything malformed is dropped rather than trusted. */
function normalizeSettings(raw: unknown): DatabaseConnectionSettings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const ms = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const out: DatabaseConnectionSettings = {};
  const url = text(value.url);
  const seed = text(value.embeddedSeed);
  const connect = ms(value.connectTimeoutMs);
  const statement = ms(value.statementTimeoutMs);
  if (url) out.url = url;
  if (seed) out.embeddedSeed = seed;
  if (connect) out.connectTimeoutMs = connect;
  if (statement) out.statementTimeoutMs = statement;
  if (value.preflightExamples === false) out.preflightExamples = false;
  return out;
}
