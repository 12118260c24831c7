// Rule docs as a Markdown preview: one rule (from a hover link), or a quick pick of every rule.

import * as vscode from 'vscode';
import { RULE_DOCS_REQUEST, type RuleDoc } from '../../server/src/protocol';
import type { Session } from './session';

export async function showRuleDocs(session: Session, ruleId?: string): Promise<void> {
  const rules = await session.request<RuleDoc[]>(RULE_DOCS_REQUEST);
  const rule = ruleId ? rules.find((r) => r.id === ruleId) : await pickRule(rules);
  if (!rule) {
    if (ruleId) void vscode.window.showWarningMessage(`Migration Guard has no rule named "${ruleId}".`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: ruleMarkdown(rule) });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

async function pickRule(rules: RuleDoc[]): Promise<RuleDoc | undefined> {
  const picked = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.id, description: `${r.defaultSeverity} · ${r.category}`, detail: r.summary, rule: r })),
    { title: 'Migration Guard rules', placeHolder: 'Pick a rule to read its docs', matchOnDetail: true },
  );
  return picked?.rule;
}

export function ruleMarkdown(rule: RuleDoc): string {
  return [
    `# \`${rule.id}\``,
    '',
    `Default severity: **${rule.defaultSeverity}** · category: ${rule.category}`,
    '',
    rule.summary,
    '',
    '## Why it is risky',
    '',
    rule.why,
    '',
    '## What to do instead',
    '',
    rule.fix,
    '',
    '## Acknowledging it',
    '',
    'When the operation is intended, say why on the line above it; the finding stays visible as a hint:',
    '',
    '```python',
    `# migration-guard: allow ${rule.id} -- <reason>`,
    '```',
    '',
    '```sql',
    `-- migration-guard: allow ${rule.id} -- <reason>`,
    '```',
    '',
    `Change its severity, or turn it off, with the \`migrationGuard.rules\` setting: \`{ "${rule.id}": "warning" }\`.`,
    '',
  ].join('\n');
}
