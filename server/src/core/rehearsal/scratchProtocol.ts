// Messages between a rehearsal and the worker thread that holds its PGlite (pgliteWorker.ts), and the limits
// every scratch database runs under.

export interface WorkerRequest {
  id: number;
  kind: 'exec' | 'query';
  sql: string;
  params?: unknown[];
}

/** id 0 announces that PGlite is ready. The error keeps the fields PostgreSQL's errors carry. */
export type WorkerReply = { id: number; rows: unknown[]; error?: undefined } | { id: number; rows?: undefined; error: { message: string; position?: string | number; code?: string } };

export interface ScratchLimits {
  /** A statement that runs longer is stopped (a lock wait counts). */
  statementMs: number;
  /** The whole rehearsal of one migration, from opening the scratch database. */
  budgetMs: number;
}

export const DEFAULT_LIMITS: ScratchLimits = { statementMs: 30_000, budgetMs: 300_000 };

/** A statement overran its limit, or the rehearsal its budget. `lost`: the scratch database went with it. */
export class RehearsalTimeout extends Error {
  constructor(
    message: string,
    readonly lost: boolean,
  ) {
    super(message);
  }
}

export function timeoutError(limits: ScratchLimits, budget: boolean, lost: boolean): RehearsalTimeout {
  return budget
    ? new RehearsalTimeout(`the rehearsal ran past its budget of ${seconds(limits.budgetMs)}, so it was stopped here (raise the budget with --rehearsal-budget)`, lost)
    : new RehearsalTimeout(`it did not finish within ${seconds(limits.statementMs)} on the scratch database, so the rehearsal stopped it (it runs that long or waits for a lock; raise the limit with --statement-timeout)`, lost);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
