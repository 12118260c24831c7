import type { FileReport } from '../../core/report';

/** Everything one `check` run produced: what every reporter renders. */
export interface RunResult {
  reports: FileReport[];
  /** Files that could not be read; reported, never skipped silently. */
  errors: { path: string; message: string }[];
  filesChecked: number;
}

/** Renders a whole run; the result ends with a newline so the CLI can write it as is. */
export type Reporter = (run: RunResult, opts: { color: boolean }) => string;
