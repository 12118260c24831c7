import type { ProjectFacts } from '../facts';
import type { Finding, Fix, Severity } from '../findings';
import type { FrontendResult, Operation, Phase, Range } from '../ops';
import type { LineIndex } from '../text';
import type { AnalysisOptions } from '../options';

export type RuleCategory = 'data-loss' | 'process' | 'compat' | 'locking' | 'health';

export interface RuleDocs {
  /** One sentence: what the rule flags. */
  summary: string;
  /** What goes wrong if the operation runs. */
  why: string;
  /** The safe alternative. */
  fix: string;
}

export interface RuleContext {
  path: string;
  text: string;
  index: LineIndex;
  result: FrontendResult;
  options: AnalysisOptions;
  facts?: ProjectFacts;
}

/** What a rule reports; the engine fills in severity, suppression and row counts. */
export interface RuleHit {
  range: Range;
  message: string;
  op?: Operation;
  phase?: Phase;
  table?: string;
  column?: string;
  /** Overrides the rule's default severity for this hit (e.g. delete-rows with a WHERE is a warning). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface Rule {
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** Data-loss rules: a hit in a downgrade/down phase uses options.downgradeSeverity instead. */
  check(ctx: RuleContext): RuleHit[];
}

export type { Finding };
