// Preflight: the read-only questions a migration's data-dependent operations ask of the live data
// ("how many rows of events.classifier_id are NULL?"), and the answers, as plain data so that they can
// travel to worker threads inside ProjectFacts like the exact row counts do.

/** What the database said, keyed in PreflightFacts.answers by the exact query text. */
export interface RawAnswer {
  /** Offending rows (or duplicate groups) counted, up to the bound. */
  rows?: number;
  /** The count stopped at its bound: there are more than `rows`. */
  capped?: boolean;
  /** Up to 5 primary-key values of offending rows, as text. */
  examples?: string[];
  /** The table's size on disk (the size question of an operation that locks it). */
  bytes?: number;
  /** Why there is no count: a statement timeout, a refused query, the run's budget used up. */
  unknown?: string;
}

export interface PreflightFacts {
  /** Answers by query text; empty on the first pass, which only collects the questions. */
  answers: Record<string, RawAnswer>;
  /** Ask for example primary-key values (off with --no-examples). */
  examples: boolean;
  /** The bound on counts. */
  limit: number;
  /** server_version_num of the database (pg_input_is_valid needs 160000 or later). */
  serverVersionNum?: number;
}

export type Verdict = 'locks' | 'will-fail' | 'will-lose' | 'before-fix' | 'unchecked-rows' | 'safe' | 'unknown' | 'not-checked';

/** What a finding carries (JSON/SARIF `preflight`). */
export interface PreflightResult {
  verdict: Verdict;
  rows?: number;
  /** true: there are more than `rows`. */
  capped?: boolean;
  examples?: string[];
  /** The read-only query, so a reviewer can run it again. */
  query?: string;
  /** The count comes from a sample of a very large table (TABLESAMPLE): "about" / "at least". */
  sampled: boolean;
  /** The table's size on disk, with `lock`. */
  bytes?: number;
  /** What the operation holds a lock over: "rewrites events (41 GB, about 120 million rows) under ACCESS EXCLUSIVE". */
  lock?: string;
  /** The verdict in words: "will fail: 3 rows of projects.owner_email are NULL". */
  summary: string;
}

export const EXAMPLE_LIMIT = 5;
