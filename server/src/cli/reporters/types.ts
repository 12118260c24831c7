import type { FileReport } from '../../core/report';

/** Everything one `check` run produced: what every reporter renders. */
export interface RunResult {
  reports: FileReport[];
  /** Files that could not be read, and failures of the whole run (no path); reported, never skipped silently. */
  errors: { path?: string; message: string }[];
  filesChecked: number;
}

/** Renders a whole run; the result ends with a newline so the CLI can write it as is. */
export type Reporter = (run: RunResult, opts: { color: boolean }) => string;
