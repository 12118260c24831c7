import type { FileReport } from '../../core/report';
import type { SignOffStatus } from '../../core/review/ledger';

/** Everything one `check` run produced: what every reporter renders. */
export interface RunResult {
  reports: FileReport[];
  /** Files that could not be read; reported, never skipped silently. */
  errors: { path: string; message: string }[];
  filesChecked: number;
  /** By report path: the sign-off of each migration that destroys data; absent when no ledger was read. */
  signoffs?: Record<string, SignOffStatus>;
}

/** Renders a whole run; the result ends with a newline so the CLI can write it as is. */
export type Reporter = (run: RunResult, opts: { color: boolean }) => string;
