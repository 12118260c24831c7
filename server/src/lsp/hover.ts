// textDocument/hover on a flagged operation. VS Code already shows the diagnostic's message above the hover,
// so the hover does not repeat it: first the facts a reviewer needs (the table, its rows and columns, the
// model that maps it or "no model"), then one "why" and one "safe alternative", then the rules' docs.
// About a dozen lines, so the facts are on the first screen of the small hover box.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { bestRowCount, findTable, type TableInfo } from '../core/db/schemaSource';
import { formatRows } from '../core/enrich';
import { modelsForTable, type ProjectFacts } from '../core/facts';
import { SEVERITY_ORDER, type Finding } from '../core/findings';
import { rulesOf } from '../core/merge';
import { lockSentence } from '../core/preflight/attach';
import { ruleById } from '../core/rules';
import { SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { toLspRange, toOffset } from './positions';
import type { LspState } from './state';

/** Columns listed before "and N more": a wide table must not push the why off the hover. */
const MAX_COLUMNS = 6;

export function hover(state: LspState) {
  return async (params: HoverParams): Promise<Hover | null> => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await state.analyses.get(doc, await state.settings.get(), state.settings.generation);
    const offset = toOffset(analysis.index, params.position);
    const here = analysis.report.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
    if (here.length === 0) return null;
    const facts = state.facts.forFile(analysis.report.path);
    return {
      contents: { kind: MarkupKind.Markdown, value: describe(here, facts).join('\n\n') },
      range: toLspRange(analysis.index, here[0].range),
    };
  };
}

/** Paragraphs: facts per table, what flagged it, why, the safe alternative, links. */
export function describe(findings: Finding[], facts: ProjectFacts | undefined): string[] {
  const main = [...findings].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity])[0];
  const tables = [...new Set(findings.flatMap((f) => (f.table ? [f.table] : [])))];
  const out = tables.flatMap((name) => tableFacts(name, findings.find((f) => f.table === name), facts));
  // What preflight read from the live data, with the query, so a reviewer can run it again.
  const live = findings.find((f) => f.preflight)?.preflight;
  if (live) out.push(`**Live data:** ${live.summary}${lockSentence(live)}`, ...(live.query ? [['Read-only query:', '```sql', live.query, '```'].join('\n')] : []));
  const rules = [...new Set(findings.flatMap(rulesOf))];
  const status = main.acknowledged ? `acknowledged: ${main.acknowledged.reason}` : main.severity;
  out.push(`**Migration Guard** \`${rules.join('`, `')}\` (${status})`);
  const rule = ruleById(main.rule);
  if (rule) out.push(`**Why:** ${rule.docs.why}`, `**Safe alternative:** ${rule.docs.fix}`);
  out.push(rules.map((id) => `[${id} docs](command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([id]))})`).join(' · '));
  return out;
}

/** The table line (from the database when it was read) and the model line (when the model index is known). */
function tableFacts(name: string, finding: Finding | undefined, facts: ProjectFacts | undefined): string[] {
  const out: string[] = [];
  const table = facts?.db ? findTable(facts.db, { name }) : undefined;
  if (table) out.push(describeTable(table, facts?.db?.source ?? 'the database'));
  else out.push(`**Table \`${name}\`**${facts?.db ? `: not in ${facts.db.source}` : ''}${finding?.rows !== undefined ? `: ${finding.rows.toLocaleString('en-US')} rows` : ''}`);
  if (facts?.models) {
    const models = modelsForTable(facts.models, name, table?.schema, facts.db?.defaultSchema);
    out.push(models.length === 0 ? '**Model:** no model maps it' : `**Model:** ${models.map((m) => `\`${m.name}\` in \`${m.file}\`${m.reachable ? '' : ' (not imported from env.py)'}`).join(', ')}`);
  }
  return out;
}

function describeTable(t: TableInfo, source: string): string {
  const rows = bestRowCount(t);
  const shown = t.columns.slice(0, MAX_COLUMNS).map((c) => `\`${c.name}\` ${c.type}${c.nullable ? '' : ' not null'}`);
  if (t.columns.length > MAX_COLUMNS) shown.push(`and ${t.columns.length - MAX_COLUMNS} more`);
  return `**Table \`${t.schema}.${t.name}\`** in ${source}: ${rows ? formatRows(rows) : 'rows unknown'}; ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}: ${shown.join(', ')}`;
}
