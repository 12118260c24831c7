// Runs preflight queries against the live database. Each runs under the session's read-only setting and
// statement timeout; a query that times out or is refused gives "unknown" for its finding and the run
// goes on, while a lost connection still ends it (the caller reports that as for any database failure).
// The run as a whole stops asking once its time budget is spent.

import type { Queryable } from '../db/catalog';
import { DbError } from '../db/errors';
import { EXAMPLE_LIMIT, type PreflightFacts, type RawAnswer } from './types';

export const DEFAULT_BUDGET_MS = 20_000;

const CONNECTION_LOST = new Set(['unreachable', 'timeout', 'auth', 'no-database', 'closed']);

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/** The run's time budget: `deadline` is a Date.now() value, `totalMs` what the user allowed in all. */
export interface Budget {
  deadline: number;
  totalMs: number;
}

export async function answerQueries(db: Queryable, queries: Iterable<string>, facts: PreflightFacts, budget: Budget): Promise<void> {
  for (const query of queries) {
    if (facts.answers[query]) continue;
    if (Date.now() >= budget.deadline) {
      facts.answers[query] = { unknown: `not run: the preflight budget of ${seconds(budget.totalMs)} was used up` };
      continue;
    }
    facts.answers[query] = await answer(db, query, facts.limit);
  }
}

async function answer(db: Queryable, query: string, limit: number): Promise<RawAnswer> {
  const began = Date.now();
  try {
    const [row] = await db.query<{ rows: number; examples?: unknown[] | string; bytes?: number | string }>(query);
    if (row?.bytes !== undefined) return row.bytes === null ? { unknown: 'the table is gone' } : { bytes: Number(row.bytes) };
    const rows = Number(row?.rows ?? 0);
    const result: RawAnswer = rows > limit ? { rows: limit, capped: true } : { rows };
    // Duplicate groups give pairs (a two-dimensional array).
    const examples = Array.isArray(row?.examples) ? (row.examples as unknown[]).flat(2).slice(0, EXAMPLE_LIMIT).map(String) : [];
    if (examples.length > 0 && rows > 0) result.examples = examples;
    return result;
  } catch (err) {
    if (!(err instanceof DbError) || CONNECTION_LOST.has(err.kind)) throw err;
    if (err.kind === 'statement-timeout') return { unknown: `timed out after ${seconds(Date.now() - began)}` };
    return { unknown: `the query was refused: ${err.message}` };
  }
}

/** server_version_num, for the tests that need PostgreSQL 16 (pg_input_is_valid). */
export async function serverVersionNum(db: Queryable): Promise<number | undefined> {
  const [row] = await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  const v = Number(row?.v);
  return Number.isFinite(v) ? v : undefined;
}

export function isQueryable(source: object): source is Queryable {
  return typeof (source as Partial<Queryable>).query === 'function';
}
