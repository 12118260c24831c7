import type { Finding } from './findings';
import type { Framework } from './ops';
import type { TouchedTable } from './review/touched';

/** The result of analysing one file: what every adapter (CLI, language server) renders. */
export interface FileReport {
  /** The path as given to the analyser (the CLI makes it relative to the working directory). */
  path: string;
  /** undefined when the file is not a migration the tool understands. */
  framework?: Framework;
  /** The decoded text (needed by reporters for source excerpts); empty when the file could not be decoded. */
  text: string;
  findings: Finding[];
  /** The tables the migration changes when it runs forward (for the review's live-schema check). */
  tables?: TouchedTable[];
  /** Preflight queries not answered yet (core/preflight): the caller runs them and analyses the file again. */
  preflightQueries?: string[];
}
