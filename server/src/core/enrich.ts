// Row counts in data-loss findings: "Drops table project_keywords (412 rows, no model) ...". Runs on
// each finding as the engine creates it, when the database was read (AnalysisOptions.facts).

import { bestRowCount, findTable, type RowCount } from './db/schemaSource';
import { autogenerateInUse, modelsForTable, type ProjectFacts } from './facts';
import { SEVERITY_ORDER, type Finding } from './findings';
import { isDownPhase, type Operation } from './ops';
import type { AnalysisOptions } from './options';
import type { Rule } from './rules/types';

/** Rules whose findings are about data that a table holds. */
const COUNTED_CATEGORIES = new Set(['data-loss']);
const COUNTED_RULES = new Set(['drop-unmapped-table', 'model-not-on-metadata']);

export function withRowCounts(f: Finding, rule: Rule, op: Operation | undefined, facts: ProjectFacts, options: AnalysisOptions): void {
  if (!facts.db || !f.table || !(COUNTED_CATEGORIES.has(rule.category) || COUNTED_RULES.has(rule.id))) return;
  const table = findTable(facts.db, { schema: op?.schema, name: f.table });
  const anchor = f.column && op?.kind === 'drop-column' ? `${f.table}.${f.column}` : op?.schema ? `${op.schema}.${f.table}` : f.table;
  if (!table) {
    f.message = insertAfter(f.message, anchor, 'not in the database');
    return;
  }
  const nonNull = f.column && op?.kind === 'drop-column' ? table.nonNull?.[f.column] : undefined;
  const rows = bestRowCount(table);
  const parts: string[] = [];
  if (rows) parts.push(formatRows(rows));
  if (nonNull) parts.push(`${formatCount(nonNull)} with a value`);
  // drop-unmapped-table says "no model" in its own words.
  const unmapped = autogenerateInUse(facts.models) && modelsForTable(facts.models, table.name, table.schema, facts.db.defaultSchema).length === 0;
  if (unmapped && rule.id !== 'drop-unmapped-table') parts.push('no model');
  if (parts.length === 0) return;
  f.message = insertAfter(f.message, anchor, parts.join(', '));
  const lost = nonNull ?? rows;
  if (lost) f.rows = lost.value;
  // Data in the table makes a loud finding of a quiet one; a guard (which refuses a non-empty table), a
  // rollback and an explicitly configured severity keep theirs.
  const guarded = op?.guard !== undefined;
  const rollback = f.phase !== undefined && isDownPhase(f.phase);
  if (lost && lost.value > 0 && !guarded && !rollback && options.rules[rule.id] === undefined && SEVERITY_ORDER[f.severity] < SEVERITY_ORDER.error) {
    f.severity = 'error';
  }
}

/**
 * `412 rows`, `1 row`, `empty`, `over 100,000 rows` (exact counts, bounded), `estimated 412 rows`,
 * `estimated 1.2 million rows` (the planner's estimate, shown until the exact count arrives): a figure
 * without "estimated" was counted.
 */
export function formatRows(c: RowCount): string {
  if (c.exact && !c.capped && c.value === 0) return 'empty';
  const noun = c.value === 1 && c.exact && !c.capped ? 'row' : 'rows';
  return `${formatCount(c)} ${noun}`;
}

function formatCount(c: RowCount): string {
  if (c.capped) return `over ${c.value.toLocaleString('en-US')}`;
  if (c.exact) return c.value.toLocaleString('en-US');
  if (c.value >= 1_000_000) return `estimated ${+(c.value / 1_000_000).toFixed(1)} million`;
  return `estimated ${c.value.toLocaleString('en-US')}`;
}

/** Puts "(detail)" right after the first mention of the table, or adds a sentence when it is not named. */
function insertAfter(message: string, anchor: string, detail: string): string {
  const at = findWord(message, anchor);
  if (at < 0) return `${message} ${anchor}: ${detail}.`;
  const end = at + anchor.length;
  return `${message.slice(0, end)} (${detail})${message.slice(end)}`;
}

function findWord(text: string, word: string): number {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const after = text[i + word.length];
    if ((i === 0 || !/[\w.]/.test(text[i - 1])) && (after === undefined || !/\w/.test(after))) return i;
  }
  return -1;
}
