import type { ProjectFacts } from './facts';
import type { Severity } from './findings';

export type SqlDialect = 'postgres' | 'mysql' | 'sqlite' | 'clickhouse';

export interface AnalysisOptions {
  /** Rule id -> severity, or 'off'. Rules not named keep their defaults. */
  rules: Record<string, Severity | 'off'>;
  /** Whether downgrade/down phases are checked at all. */
  checkDowngrades: boolean;
  /** Severity of data-loss findings in downgrade/down phases. */
  downgradeSeverity: Severity;
  dialect: SqlDialect;
  /**
   * Nothing chose the dialect (no option, configuration file, file or folder name): `dialect` is the
   * default, so SQL only another dialect accepts is read in that one (ClickHouse markers, MySQL's
   * MODIFY or ENGINE=), and Alembic code for another database is read in that database's dialect.
   */
  dialectGuessed?: boolean;
  /** Files larger than this are reported as parse-error instead of analysed. */
  maxFileBytes: number;
  /**
   * Reads the migration files in a directory (absolute path), for the history a migration builds on:
   * earlier Django migrations of the same app, earlier SQL migrations. Defaults to reading the disk; an
   * editor can answer with its unsaved documents instead.
   */
  readSiblings?: (dir: string) => SiblingFile[];
  /** Relative file paths are resolved against this directory when neighbouring files are read (default: the working directory). */
  baseDir?: string;
  /** The database's tables and row counts and the model index, when loaded (see facts.ts). */
  facts?: ProjectFacts;
  /** The user named this file (the command line): a name without .py or .sql does not keep it from being checked (detect.ts). */
  named?: boolean;
  /** Build the code-action edits for each finding. The CLI has no use for them and turns this off. */
  fixes?: boolean;
  /**
   * Findings in migrations that have already run: `history` (default) shows them as hints, kept out of
   * failing runs; `full` keeps their severity.
   */
  applied?: 'history' | 'full';
}

export interface SiblingFile {
  path: string;
  text: string;
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  rules: {},
  checkDowngrades: true,
  downgradeSeverity: 'info',
  dialect: 'postgres',
  maxFileBytes: 4 * 1024 * 1024,
};

// Object.assign rather than spreads: the options come in many shapes, which V8's object spread copies far more slowly.
export function withDefaults(partial: Partial<AnalysisOptions> | undefined): AnalysisOptions {
  return Object.assign({}, DEFAULT_OPTIONS, partial, { rules: Object.assign({}, DEFAULT_OPTIONS.rules, partial?.rules) });
}
