// What a rehearsal found: plain data, carried to the rules in ProjectFacts.rehearsals (so worker threads,
// the cache and fixture facts.json files can hold it) and printed by `migration-guard rehearse`.

import type { Phase } from '../ops';

export interface ObjectRef {
  kind: string;
  /** `public.orders_user_id_fkey`, `public.person.current_mood`. */
  name: string;
}

export interface StatementTrace {
  phase: Phase;
  /** The file the statement is in, as the run names it (the up file, or a separate down file). */
  path: string;
  start: number;
  end: number;
  /** 1-based line of the statement's start, and its first line (for the rehearse command's listing). */
  line: number;
  excerpt: string;
  outcome: 'ok' | 'failed' | 'skipped';
  /** Why a statement was not run. */
  skipped?: string;
  /** The database's message, and where in the file it points when it says. */
  error?: { message: string; offset?: number };
  /** Ran outside the rehearsal's transaction (CREATE INDEX CONCURRENTLY and the like): no locks measured. */
  outsideTransaction?: boolean;
  /** Objects the statement removed that the migration never names (what a CASCADE took). */
  cascaded: ObjectRef[];
  /** Every object it removed, including those it names. */
  dropped: ObjectRef[];
  changed: ObjectRef[];
  /** Rows the statement removed, per table (`public.users`). */
  rowsRemoved: Record<string, number>;
  /** Non-null values the statement removed per column (`public.users.email`), beyond its table's rows removed. */
  valuesRemoved?: Record<string, number>;
  /** Relation locks the statement added, as pg_locks shows them right after it. */
  locks: Array<{ relation: string; mode: string }>;
}

export interface RoundTrip {
  /** Where the down migration is: the up file's down section, or a file of its own. */
  path: string;
  start: number;
  end: number;
  /** The down migration ran to the end (otherwise the failing statement is in `statements`). */
  completed: boolean;
  missing: ObjectRef[];
  changed: Array<ObjectRef & { before: string; after: string }>;
  extra: ObjectRef[];
  /** Rows at the start that were not there after up and down, per table. */
  rowsLost: Record<string, number>;
  /** Non-null values at the start that were not there after up and down, per column, beyond the rows lost. */
  valuesLost?: Record<string, number>;
}

export interface Rehearsal {
  /** The up migration rehearsed, as the run names it. */
  path: string;
  /** The command that produced the SQL, when a tool generated it (`alembic upgrade 0001:0002 --sql`). */
  sqlFrom?: string;
  /** Where it ran, for messages: `an embedded PostgreSQL (PGlite)`. */
  ranOn: string;
  /** Where the starting schema came from. */
  startedFrom: string;
  at: string;
  rowsPerTable: number;
  /** `--sample N`: up to N real rows per table were copied from the configured database (instead of synthetic ones). */
  sampledRows?: number;
  statements: StatementTrace[];
  /** Absent when there is no down migration, or the up migration failed. */
  roundTrip?: RoundTrip;
  /** What the rehearsal could not do, in sentences (an object the copy could not recreate, no down migration). */
  notes: string[];
}
