import type { PreflightResult } from './types';

/** The `preflight` object of the JSON and SARIF output (DESIGN.md, CLI contract). */
export interface PreflightOutput {
  verdict: PreflightResult['verdict'];
  summary: string;
  rows: number | null;
  /** true: there are more than `rows` (the count stopped at its bound). */
  capped: boolean;
  examples: string[];
  query: string | null;
  sampled: boolean;
  /** The table's size on disk, for an operation that rewrites, scans or indexes all of it under a lock. */
  bytes: number | null;
  lock: string | null;
}

export function preflightOutput(p: PreflightResult): PreflightOutput {
  return { verdict: p.verdict, summary: p.summary, rows: p.rows ?? null, capped: !!p.capped, examples: p.examples ?? [], query: p.query ?? null, sampled: p.sampled, bytes: p.bytes ?? null, lock: p.lock ?? null };
}
