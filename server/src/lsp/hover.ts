// textDocument/hover on a flagged operation: what it destroys, why that is risky, the safe alternative,
// a link to the rule's docs, and, when a database was read, the live table's rows and columns.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { bestRowCount, findTable, type TableInfo } from '../core/db/schemaSource';
import { formatRows } from '../core/enrich';
import type { Finding } from '../core/findings';
import { ruleById } from '../core/rules';
import { SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { toLspRange, toOffset } from './positions';
import type { LspState } from './state';

export function hover(state: LspState) {
  return async (params: HoverParams): Promise<Hover | null> => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = state.analyses.get(doc, await state.settings.get(), state.settings.generation);
    const offset = toOffset(analysis.index, params.position);
    const here = analysis.report.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
    if (here.length === 0) return null;
    const tables = tableFacts(state, analysis.report.path, here);
    return {
      contents: { kind: MarkupKind.Markdown, value: [...here.map(describe), ...tables].join('\n\n---\n\n') },
      range: toLspRange(analysis.index, here[0].range),
    };
  };
}

/** The live tables the findings are about, when a database was read: what is at stake. */
function tableFacts(state: LspState, absolute: string, findings: Finding[]): string[] {
  const snapshot = state.facts.db.snapshot(state.facts.layoutOf(absolute));
  if (!snapshot) return [];
  const names = [...new Set(findings.flatMap((f) => (f.table ? [f.table] : [])))];
  return names.flatMap((name) => {
    const table = findTable(snapshot, { name });
    return table ? [describeTable(table, snapshot.source)] : [];
  });
}

function describeTable(t: TableInfo, source: string): string {
  const rows = bestRowCount(t);
  const columns = t.columns.map((c) => `\`${c.name}\` ${c.type}${c.nullable ? '' : ' not null'}`).join(', ');
  return `**Table \`${t.schema}.${t.name}\`** in ${source}: ${rows ? formatRows(rows) : 'rows unknown'}; ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}: ${columns}`;
}

function describe(f: Finding): string {
  const rule = ruleById(f.rule);
  const link = `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([f.rule]))}`;
  const lines = [`**Migration Guard: \`${f.rule}\`** (${f.acknowledged ? 'acknowledged' : f.severity})`, '', f.message];
  if (f.acknowledged) lines.push('', `**Acknowledged:** ${f.acknowledged.reason}`);
  if (f.rows !== undefined) lines.push('', `**Rows affected:** ${f.rows.toLocaleString('en-US')}`);
  if (f.preflight) {
    lines.push('', `**Live data:** ${f.preflight.summary}`);
    if (f.preflight.query) lines.push('', 'Read-only query:', '', '```sql', f.preflight.query, '```');
  }
  if (rule) lines.push('', `**What it does:** ${rule.docs.summary}`, '', `**Why it is risky:** ${rule.docs.why}`, '', `**Safe alternative:** ${rule.docs.fix}`);
  lines.push('', `[Rule docs](${link})`);
  return lines.join('\n');
}
