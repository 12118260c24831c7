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
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, include: [], exclude: [], checkDowngrades: true };

export interface InitializationOptions {
  /**
   * The workspace is trusted. An untrusted workspace's settings may come from whoever wrote the repository,
   * so the server must not act on settings that connect anywhere or run anything.
   */
  trusted: boolean;
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
}
