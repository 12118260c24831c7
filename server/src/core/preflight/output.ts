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
}

export function preflightOutput(p: PreflightResult): PreflightOutput {
  return { verdict: p.verdict, summary: p.summary, rows: p.rows ?? null, capped: !!p.capped, examples: p.examples ?? [], query: p.query ?? null, sampled: p.sampled };
}
