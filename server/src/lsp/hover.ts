// textDocument/hover on a flagged operation: what it destroys, why that is risky, the safe alternative,
// and a link to the rule's docs.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
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
    return {
      contents: { kind: MarkupKind.Markdown, value: here.map(describe).join('\n\n---\n\n') },
      range: toLspRange(analysis.index, here[0].range),
    };
  };
}

function describe(f: Finding): string {
  const rule = ruleById(f.rule);
  const link = `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([f.rule]))}`;
  const lines = [`**Migration Guard: \`${f.rule}\`** (${f.acknowledged ? 'acknowledged' : f.severity})`, '', f.message];
  if (f.acknowledged) lines.push('', `**Acknowledged:** ${f.acknowledged.reason}`);
  if (f.rows !== undefined) lines.push('', `**Rows affected:** ${f.rows.toLocaleString('en-US')}`);
  if (rule) lines.push('', `**What it does:** ${rule.docs.summary}`, '', `**Why it is risky:** ${rule.docs.why}`, '', `**Safe alternative:** ${rule.docs.fix}`);
  lines.push('', `[Rule docs](${link})`);
  return lines.join('\n');
}
