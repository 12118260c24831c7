// Preflight in `check`: on by default when a live database is configured (a URL, --database or the
// embedded seed; a schema snapshot has no data), bounded by the statement timeout per query and by a
// budget for the whole run.

import { DEFAULT_COUNT_LIMIT, type SchemaSource } from '../../core/db/schemaSource';
import type { FileReport } from '../../core/report';
import { answerQueries, DEFAULT_BUDGET_MS, isQueryable, serverVersionNum, type Budget } from '../../core/preflight/run';
import type { PreflightFacts } from '../../core/preflight/types';
import { UsageError } from '../../core/walk';

export const PREFLIGHT_OPTIONS = {
  'no-preflight': { type: 'boolean', default: false },
  'no-examples': { type: 'boolean', default: false },
  'preflight-budget': { type: 'string' },
} as const;

export const PREFLIGHT_USAGE = `Preflight (with a live database, not a snapshot; read-only):
  --no-preflight                    do not ask the data whether NOT NULL, unique indexes, foreign keys,
                                    CHECKs and narrower types will fail on today's rows
  --no-examples                     do not quote primary-key values of the offending rows
  --preflight-budget MS             stop asking after MS milliseconds in all (default: ${DEFAULT_BUDGET_MS})`;

export interface PreflightValues {
  'no-preflight'?: boolean;
  'no-examples'?: boolean;
  'preflight-budget'?: string;
}

export interface PreflightSettings {
  examples: boolean;
  budgetMs: number;
}

export interface PreflightRun {
  facts: PreflightFacts;
  budgetMs: number;
  /** Set when the first query runs: the budget is for asking the database, not for the analysis around it. */
  budget?: Budget;
}

/** undefined with --no-preflight; a bad --preflight-budget is a usage error before anything connects. */
export function preflightSettings(values: PreflightValues): PreflightSettings | undefined {
  const raw = values['preflight-budget'];
  const budgetMs = raw === undefined ? DEFAULT_BUDGET_MS : Number(raw);
  if (!Number.isInteger(budgetMs) || budgetMs <= 0) throw new UsageError(`--preflight-budget takes a whole number of milliseconds, not "${raw}"`);
  return values['no-preflight'] ? undefined : { examples: !values['no-examples'], budgetMs };
}

export async function startPreflight(source: SchemaSource, settings: PreflightSettings): Promise<PreflightRun | undefined> {
  if (!isQueryable(source)) return undefined;
  const facts: PreflightFacts = { answers: {}, examples: settings.examples, limit: DEFAULT_COUNT_LIMIT };
  const version = await serverVersionNum(source);
  if (version !== undefined) facts.serverVersionNum = version;
  return { facts, budgetMs: settings.budgetMs };
}

/** Answers what the reports asked; returns the paths to analyse again so their findings carry the verdicts. */
export async function answerReports(source: SchemaSource, run: PreflightRun, reports: FileReport[]): Promise<Set<string>> {
  const again = new Set<string>();
  const queries = new Set<string>();
  for (const r of reports) {
    if (!r.preflightQueries) continue;
    again.add(r.path);
    for (const q of r.preflightQueries) queries.add(q);
  }
  if (queries.size === 0 || !isQueryable(source)) return again;
  run.budget ??= { deadline: Date.now() + run.budgetMs, totalMs: run.budgetMs };
  await answerQueries(source, queries, run.facts, run.budget);
  return again;
}
