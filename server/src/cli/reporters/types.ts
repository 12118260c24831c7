import type { FileReport } from '../../core/report';
import type { SignOffStatus } from '../../core/review/ledger';

/** Everything one `check` run produced: what every reporter renders. */
export interface RunResult {
  reports: FileReport[];
  /** Files that could not be read, and failures of the whole run (no path); reported, never skipped silently. */
  errors: { path?: string; message: string }[];
  filesChecked: number;
  /** Python files named on the command line that turned out not to be migrations; the CLI says so on stderr. */
  notMigrations?: string[];
  /** By report path: the sign-off of each migration that destroys data; absent when no ledger was read. */
  signoffs?: Record<string, SignOffStatus>;
}

/** Renders a whole run; the result ends with a newline so the CLI can write it as is. */
export type Reporter = (run: RunResult, opts: { color: boolean }) => string;
