// migrationGuard/ruleDocs: the rule catalogue, for the client's "show rule docs" command.

import { RULES } from '../core/rules';
import type { RuleDoc } from '../protocol';

export function ruleDocs() {
  return (): RuleDoc[] =>
    RULES.map((r) => ({ id: r.id, category: r.category, defaultSeverity: r.defaultSeverity, summary: r.docs.summary, why: r.docs.why, fix: r.docs.fix }));
}
