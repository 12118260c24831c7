// What the VS Code client and the language server say to each other beyond standard LSP, and the types
// they share. Plain names and types only: both sides import this file, and each bundles its own LSP library.

/** The settings section the server asks for through workspace/configuration. */
export const SETTINGS_SECTION = 'migrationGuard';

export type RuleSetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** The server's view of the migrationGuard.* settings. */
export interface Settings {
  /** Rule id -> severity, or 'off'. Rules not named keep their defaults. */
  rules: Record<string, RuleSetting>;
  /** Workspace-relative globs of files checked even when nothing marks them as migrations. */
  include: string[];
  /** Workspace-relative globs of files never checked. */
  exclude: string[];
  checkDowngrades: boolean;
  /** Findings in migrations that have already run: `history` shows them as hints, `full` at their severity. */
  applied: 'history' | 'full';
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, include: [], exclude: [], checkDowngrades: true, applied: 'history' };

export interface InitializationOptions {
  /**
   * The workspace is trusted. An untrusted workspace's settings may come from whoever wrote the repository,
   * so the server must not act on settings that connect anywhere or run anything.
   */
  trusted: boolean;
  /** Where to read the schema and row counts from; ignored (never connected to) in an untrusted workspace. */
  database?: DatabaseConnectionSettings;
}

/** Request, client -> server, no params: analyse the workspace again from disk. Answers a FindingsSummary. */
export const RESCAN_REQUEST = 'migrationGuard/rescan';

/** Notification, server -> client: the workspace's counts changed (for the status bar). */
export const FINDINGS_SUMMARY_NOTIFICATION = 'migrationGuard/findingsSummary';

export interface FindingsSummary {
  /** Findings not acknowledged by an allow comment, by severity. */
  errors: number;
  warnings: number;
  /** Migration files with at least one error or warning. */
  files: number;
}

/** Request, client -> server, no params: every rule with its docs. Answers RuleDoc[]. */
export const RULE_DOCS_REQUEST = 'migrationGuard/ruleDocs';

export interface RuleDoc {
  id: string;
  category: string;
  defaultSeverity: string;
  summary: string;
  why: string;
  fix: string;
}

/** The client command that shows a rule's docs; hovers link to it with the rule id as its argument. */
export const SHOW_RULE_DOCS_COMMAND = 'migrationGuard.showRuleDocs';

export interface LspPosition {
  line: number;
  character: number;
}

export interface FixData {
  id: string;
  title: string;
  preferred: boolean;
  edits: Array<{ range: { start: LspPosition; end: LspPosition }; newText: string }>;
}

/** diagnostic.data: the finding's fixes, already in positions of the analysed version, so code actions need no analysis. */
export interface DiagnosticData {
  /** The document version the edits apply to; null for files read from disk. */
  version: number | null;
  fixes: FixData[];
  /** drop-unmapped-table: the dropped table, for the "Generate model" code action. */
  table?: string;
}

// ---------------------------------------------------------------------------------------- database

/**
 * The connection settings the client sends in initializationOptions.database and, when they change, in the
 * DATABASE_SETTINGS_NOTIFICATION. Never a password: that reaches the server only through the environment
 * variable PASSWORD_ENV at start (VS Code keeps it in SecretStorage), because the client's message trace
 * would print anything sent over the connection. The server uses the first that is set: embeddedSeed,
 * url, the DATABASE_URL environment variable, alembic.ini's sqlalchemy.url.
 */
export interface DatabaseConnectionSettings {
  /** postgresql://user@host:port/db, without a password. */
  url?: string;
  /** Absolute path of a SQL script loaded into an embedded PostgreSQL (PGlite): demos and examples. */
  embeddedSeed?: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** false: preflight asks for counts only, no primary-key values (migrationGuard.preflight.examples). */
  preflightExamples?: boolean;
}

export const PASSWORD_ENV = 'MIGRATION_GUARD_DATABASE_PASSWORD';

/** Notification, client -> server: the connection settings changed. Params: DatabaseConnectionSettings. */
export const DATABASE_SETTINGS_NOTIFICATION = 'migrationGuard/databaseSettings';

/** Where the facts of a migration's project come from, as the sidebar shows it. */
export interface DatabaseStatus {
  state: 'none' | 'untrusted' | 'loading' | 'ready' | 'error';
  /** `postgresql://app@db:5432/projects`, `pglite (seeded from seed.sql)`: never a password. */
  description?: string;
  /** What went wrong, in a sentence (password scrubbed). */
  message?: string;
}

// ------------------------------------------------------------------------------------------ review

/** Notification, server -> client: facts behind the review changed (database read, ledger written). No params. */
export const REVIEW_CHANGED_NOTIFICATION = 'migrationGuard/reviewChanged';

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** What a reviewer answers by hand; the tool decides the rest. */
export interface ReviewAnswers {
  /** "Verified against the live schema", when no database is configured. */
  liveSchema?: boolean;
  tested?: { checked: boolean; note?: string };
  stakeholder?: { checked: boolean; name?: string };
}

export interface ReviewChecklistItem {
  id: 'data-loss-handled' | 'destructive-acknowledged' | 'live-schema' | 'tested' | 'stakeholder';
  label: string;
  state: 'auto-checked' | 'unchecked' | 'manual';
  checked?: boolean;
  detail: string;
  note?: string;
  name?: string;
}

export interface ReviewOperation {
  range: LspRange;
  /** 1-based, as the editor shows it. */
  line: number;
  rules: string[];
  table?: string;
  message: string;
  /** The highest severity of its findings: an error shows an error icon. */
  severity: 'error' | 'warning' | 'info' | 'hint';
  rows?: number;
  acknowledged: boolean;
  reason?: string;
  guard?: 'emptiness-check' | 'backup' | 'archive-rename';
  /** What preflight read from today's rows about it. */
  live?: string;
}

/** One operation preflight asked the live data about: "Live data" in the sidebar. */
export interface ReviewLiveData {
  range: LspRange;
  /** 1-based. */
  line: number;
  verdict: 'locks' | 'will-fail' | 'will-lose' | 'before-fix' | 'unchecked-rows' | 'safe' | 'unknown' | 'not-checked';
  text: string;
  acknowledged: boolean;
}

export interface ReviewTable {
  name: string;
  schema?: string;
  change: 'create' | 'drop' | 'alter';
  rows?: string;
  problem?: string;
}

export interface ReviewSignOff {
  state: 'none' | 'valid' | 'stale';
  signedBy?: string;
  signedAt?: string;
}

/** Answer to REVIEW_REQUEST: everything the sidebar shows about one migration. */
export interface ReviewState {
  uri: string;
  /** The key in .migration-review.json: relative to the repository root. */
  path: string;
  /** false when the file is not a migration Migration Guard checks; the rest is then empty. */
  isMigration: boolean;
  /** The migration destroys data when applied, so `check --require-review` wants a sign-off. */
  needsReview: boolean;
  operations: ReviewOperation[];
  /** Every operation preflight answered for (absent without a live database). */
  liveData?: ReviewLiveData[];
  checklist: ReviewChecklistItem[];
  tables: ReviewTable[];
  signOff: ReviewSignOff;
  /** The answers of the current sign-off, to show them again. */
  answers: ReviewAnswers;
  /** Why sign-off is not possible yet (labels of unchecked required items). */
  blockers: string[];
  /** The ledger exists but cannot be read: sign-off is refused until it is fixed. */
  ledgerError?: string;
  database: DatabaseStatus;
  /** The migration has already run: its findings are history. */
  applied?: ReviewApplied;
}

export interface ReviewApplied {
  /** What says so: a history table (`django_migrations`) or the baseline file. */
  source: string;
  /** When it ran (YYYY-MM-DD), where the history table records it. */
  at?: string;
  /** Read from the database's history table, rather than the committed baseline. */
  fromDatabase: boolean;
}

/** Request, client -> server: the review of one migration. Answers ReviewState. */
export const REVIEW_REQUEST = 'migrationGuard/review';
export interface ReviewParams {
  uri: string;
}

/**
 * Request, client -> server: sign the migration off as it is on disk (the client saves it first), with the
 * reviewer's answers. The server records it in .migration-review.json and answers the new ReviewState.
 */
export const SIGN_OFF_REQUEST = 'migrationGuard/signOff';
export interface SignOffParams {
  uri: string;
  answers: ReviewAnswers;
}
export type SignOffResult = { ok: true; review: ReviewState } | { ok: false; message: string };

/**
 * Request, client -> server: rehearse one migration (the file on disk; the client saves it first) on an
 * embedded PostgreSQL, up and down. Its findings become the file's diagnostics and tick "Tested on a local
 * or staging database". Reports $/progress on the params' workDoneToken when the client sends one.
 */
export const REHEARSE_REQUEST = 'migrationGuard/rehearse';
/** The client command (and the sidebar's Rehearse button) that sends it; the argument is `{ uri }` or none (the active editor). */
export const REHEARSE_COMMAND = 'migrationGuard.rehearse';
export interface RehearseParams {
  uri: string;
  workDoneToken?: string | number;
  /** The Python interpreter the editor has selected for this file (an absolute path), for Alembic and Django. */
  python?: string;
}
/** `message`: one sentence on what ran and what it found, or why nothing ran. */
export type RehearseResult = { ok: true; message: string; review: ReviewState } | { ok: false; message: string };

/**
 * Request, server -> client, no params: who is signing off, when the server may not run git (an untrusted
 * workspace) or git has no user.name. Answers `Name <email>` or a name, or null when the reviewer cancels.
 */
export const SIGNER_NAME_REQUEST = 'migrationGuard/signerName';

/** Request, client -> server: an allow comment with this reason above the data-loss operation on `line` (0-based). */
export const ACKNOWLEDGE_REQUEST = 'migrationGuard/acknowledge';
export interface AcknowledgeParams {
  uri: string;
  line: number;
  reason: string;
}

/** A WorkspaceEdit in LSP's shape (documentChanges only), for the client to convert and apply. */
export interface LspWorkspaceEdit {
  documentChanges: Array<
    | { kind: 'create'; uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean }; annotationId?: string }
    | { textDocument: { uri: string; version: number | null }; edits: Array<{ range: LspRange; newText: string; annotationId?: string }> }
  >;
  /** An annotation with needsConfirmation makes VS Code show the edit in its refactor preview first. */
  changeAnnotations?: Record<string, { label: string; needsConfirmation?: boolean; description?: string }>;
}
/** `done`: what the edit writes and where, in a sentence, for the message after it is applied. */
export type EditResult =
  | {
      ok: true;
      title: string;
      edit: LspWorkspaceEdit;
      open?: string;
      done?: string;
      /**
       * Text the file at `uri` holds once the edit is applied. VS Code's refactor preview starts changes
       * that need confirmation unticked and applies only the ticked ones, so "applied" alone proves nothing.
       */
      expect?: { uri: string; contains: string };
    }
  | { ok: false; message: string };

// ------------------------------------------------------------------------------------------ parity

/** Request, client -> server: database vs. models for the project of `uri`. Answers ParityView. */
export const PARITY_REQUEST = 'migrationGuard/parity';
export interface ParityParams {
  uri: string;
}

export interface ParityViewTable {
  schema: string;
  name: string;
  rows?: string;
}
export interface ParityViewModel {
  name: string;
  table?: string;
  file: string;
}

export type ParityView =
  | { available: false; message: string; database: DatabaseStatus }
  | {
      available: true;
      project: string;
      source: string;
      tablesWithoutModel: ParityViewTable[];
      modelsWithoutTable: ParityViewModel[];
      unreachableModels: Array<{ model: ParityViewModel; table?: ParityViewTable }>;
      matched: Array<{ table: ParityViewTable; models: ParityViewModel[] }>;
      database: DatabaseStatus;
      /** What to change so the problems cannot come back, as `parity` prints them (env.py's include_object). */
      hints?: string[];
      /** env.py lets autogenerate drop tables without a model: offer PREVENT_UNMAPPED_DROPS_COMMAND. */
      unmappedDropsPossible?: boolean;
    };

/** Request, client -> server: a SQLAlchemy model for a live table, as a WorkspaceEdit. Answers EditResult. */
export const GENERATE_MODEL_REQUEST = 'migrationGuard/generateModel';
export interface GenerateModelParams {
  /** A file of the project (the migration), to find the project and its database. */
  uri: string;
  table: string;
  schema?: string;
}

/** The client command the "Generate model" code action runs, with GenerateModelParams. */
export const GENERATE_MODEL_COMMAND = 'migrationGuard.generateModel';

/**
 * Request, client -> server: Alembic's include_object hook in env.py, so autogenerate stops emitting drops
 * for tables without a model (core/fixes/includeObject.ts). Answers EditResult.
 */
export const PREVENT_UNMAPPED_DROPS_REQUEST = 'migrationGuard/preventUnmappedDrops';
export interface PreventUnmappedDropsParams {
  /** A file of the project (a migration, env.py), to find its env.py. */
  uri: string;
}

/** The client command the code action on drop-unmapped-table and the parity panel run, with PreventUnmappedDropsParams. */
export const PREVENT_UNMAPPED_DROPS_COMMAND = 'migrationGuard.preventUnmappedDrops';
