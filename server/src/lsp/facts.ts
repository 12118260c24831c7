// ProjectFacts for the files the server analyses: the model index of each Alembic/Django project, its
// database (lsp/database.ts) and the review ledger of the repository. Analysis is synchronous and facts are
// not, so a file is analysed with whatever has been loaded, and each load that completes makes the server
// analyse again and ask the client to pull fresh diagnostics (row counts, drop-unmapped-table, stale-review).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectFacts } from '../core/facts';
import { forgetDirectoryLookups } from '../core/dirLookups';
import { buildModelIndex, findProject, type ModelIndex, type ProjectLayout } from '../core/models';
import type { Rehearsal } from '../core/rehearsal/types';
import { findRepositoryRoot, LEDGER_FILE, ledgerKey, LedgerError, readLedger, type Ledger } from '../core/review/ledger';
import { AppliedStore } from './applied';
import type { DatabaseStore } from './database';
import type { WorkspaceFolders } from './scope';

export interface LedgerView {
  root: string;
  file: string;
  /** Relative to the repository root: the migration's key in the ledger. */
  key: string;
  ledger?: Ledger;
  /** The ledger exists but cannot be read. */
  error?: string;
}

interface ModelEntry {
  index?: ModelIndex;
}

export class FactsStore {
  private readonly layouts = new Map<string, ProjectLayout | null>();
  private readonly models = new Map<string, ModelEntry>();
  private readonly ledgers = new Map<string, { ledger?: Ledger; error?: string }>();
  private readonly applied: AppliedStore;
  /** Rehearsals run from the editor, by absolute path (up and separate down files), with the text each file had. */
  private readonly rehearsals = new Map<string, { rehearsal: Rehearsal; text: string }>();

  constructor(
    private readonly folders: WorkspaceFolders,
    readonly db: DatabaseStore,
    private readonly log: (message: string) => void,
    /** Loaded facts changed: cached analyses are stale. */
    private readonly changed: () => void,
  ) {
    this.applied = new AppliedStore(log);
  }

  /** What is known now for the file at `absolute`; loading what is missing starts in the background. */
  forFile(absolute: string): ProjectFacts | undefined {
    const layout = this.layoutOf(absolute);
    const facts: ProjectFacts = {};
    const models = layout && this.modelIndex(layout);
    if (models) facts.models = models;
    const db = this.db.snapshot(layout);
    if (db) facts.db = db;
    const preflight = db && this.db.preflight(layout);
    if (preflight) facts.preflight = preflight;
    const view = this.ledgerFor(absolute);
    if (view.ledger) facts.review = { root: view.root, signoffs: view.ledger.signoffs };
    const applied = this.applied.forFile(absolute, view.root, db);
    if (applied) facts.applied = applied;
    const rehearsed = this.rehearsals.get(absolute);
    if (rehearsed) facts.rehearsals = { [absolute]: rehearsed.rehearsal };
    return Object.keys(facts).length > 0 ? facts : undefined;
  }

  /** A rehearsal ran: its findings and the checklist's tick hold while each file keeps the text it was rehearsed with. */
  rehearsed(results: Record<string, { rehearsal: Rehearsal; text: string }>): void {
    for (const [file, result] of Object.entries(results)) {
      this.forgetRehearsal(file);
      this.rehearsals.set(file, result);
    }
    this.changed();
  }

  /** The file's text changed: a rehearsal of other text says nothing about it (nor about its up or down file). */
  textChanged(absolute: string, text: string): void {
    const known = this.rehearsals.get(absolute);
    if (!known || known.text === text) return;
    this.forgetRehearsal(absolute);
    this.changed();
  }

  /** A file changed on disk: a rehearsal of it stands only while it holds the text that was rehearsed. */
  fileChanged(absolute: string): void {
    if (!this.rehearsals.has(absolute)) return;
    let text = '';
    try {
      text = fs.readFileSync(absolute, 'utf8');
    } catch {
      // Deleted: no text matches.
    }
    this.textChanged(absolute, text);
  }

  private forgetRehearsal(absolute: string): void {
    const known = this.rehearsals.get(absolute);
    if (!known) return;
    for (const [file, r] of this.rehearsals) if (r.rehearsal === known.rehearsal) this.rehearsals.delete(file);
  }

  /** Preflight queries an analysis of the file left unanswered: run them in the background. */
  ask(absolute: string, queries: string[]): void {
    this.db.ask(this.layoutOf(absolute), queries);
  }

  /** The Alembic or Django project above the file (alembic.ini or manage.py), looked up once per directory. */
  layoutOf(absolute: string): ProjectLayout | undefined {
    const dir = path.dirname(absolute);
    if (!this.layouts.has(dir)) this.layouts.set(dir, findProject(dir) ?? null);
    return this.layouts.get(dir) ?? undefined;
  }

  /** Waits for the project's model index (undefined outside a project). */
  async modelsFor(absolute: string): Promise<ModelIndex | undefined> {
    const layout = this.layoutOf(absolute);
    if (!layout) return undefined;
    const known = this.modelIndex(layout);
    return known ?? buildModelIndex(layout);
  }

  /** The ledger of the repository holding the file (the folder with .git, else its workspace folder). */
  ledgerFor(absolute: string): LedgerView {
    // Looked up every time (a few stat calls): a `git init` after the server started moves the root.
    const dir = path.dirname(absolute);
    const folder = this.folders.paths.filter((f) => absolute.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const root = findRepositoryRoot(dir, folder ?? dir);
    const file = path.join(root, LEDGER_FILE);
    let known = this.ledgers.get(file);
    if (!known) {
      try {
        known = { ledger: readLedger(file) };
      } catch (err) {
        if (!(err instanceof LedgerError)) throw err;
        known = { error: err.message };
        this.log(`Migration Guard: ${err.message}`);
      }
      this.ledgers.set(file, known);
    }
    return { root, file, key: ledgerKey(root, absolute), ...known };
  }

  /** A ledger file changed on disk (or was written by a sign-off). */
  ledgerChanged(): void {
    this.ledgers.clear();
    this.changed();
  }

  /** The baseline file changed on disk. */
  baselineChanged(): void {
    this.applied.baselineChanged();
    this.changed();
  }

  /** Migration files were created or deleted: which ones sort where, and which are missing, is worked out again. */
  migrationsAddedOrRemoved(): void {
    this.applied.filesChanged();
    this.changed();
  }

  /** Python outside the migration folders changed: models may have come or gone. */
  modelsChanged(): void {
    this.models.clear();
    this.changed();
  }

  /** alembic.ini or manage.py came or went: projects are looked up again. */
  projectsChanged(): void {
    forgetDirectoryLookups();
    this.layouts.clear();
    this.models.clear();
    this.changed();
  }

  /** A file that decides the dialect changed: the facts stand, but every analysis must be redone. */
  dialectChanged(): void {
    forgetDirectoryLookups();
    this.changed();
  }

  /** migrationGuard/rescan: everything is read from disk again (the database stays as it was read). */
  reload(): void {
    forgetDirectoryLookups();
    this.ledgers.clear();
    this.layouts.clear();
    this.models.clear();
    this.changed();
  }

  /** Whether `file` lies in a migration folder (script_location) of a known project. */
  inMigrationFolder(file: string): boolean {
    return [...this.layouts.values()].some((l) => l?.scriptLocation !== undefined && file.startsWith(l.scriptLocation + path.sep));
  }

  private modelIndex(layout: ProjectLayout): ModelIndex | undefined {
    let entry = this.models.get(layout.root);
    if (!entry) {
      const created: ModelEntry = {};
      entry = created;
      this.models.set(layout.root, created);
      buildModelIndex(layout)
        .then((index) => {
          if (this.models.get(layout.root) !== created) return;
          created.index = index;
          this.changed();
        })
        .catch((err: unknown) => this.log(`Migration Guard: reading the models of ${layout.root} failed: ${err instanceof Error ? err.message : String(err)}`));
    }
    return entry.index;
  }
}
