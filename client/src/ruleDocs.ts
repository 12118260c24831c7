// Rule docs as a Markdown preview of a read-only virtual document (`migration-guard-rule:<id>.md`), so
// nothing is left behind asking to be saved: one rule from a hover link, or a quick pick of every rule.

import * as vscode from 'vscode';
import { RULE_DOCS_REQUEST, type RuleDoc } from '../../server/src/protocol';
import type { Session } from './session';

const SCHEME = 'migration-guard-rule';

export class RuleDocs implements vscode.TextDocumentContentProvider {
  private rules?: Promise<RuleDoc[]>;

  constructor(private readonly session: Session) {}

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.replace(/\.md$/, '');
    const rule = (await this.all()).find((r) => r.id === id);
    return rule ? ruleMarkdown(rule) : `# No rule named \`${id}\`\n`;
  }

  async show(ruleId?: string): Promise<void> {
    const rules = await this.all();
    const rule = ruleId ? rules.find((r) => r.id === ruleId) : await pickRule(rules);
    if (!rule) {
      if (ruleId) void vscode.window.showWarningMessage(`Migration Guard has no rule named "${ruleId}".`);
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: SCHEME, path: `${rule.id}.md` }));
  }

  private all(): Promise<RuleDoc[]> {
    this.rules ??= this.session.request<RuleDoc[]>(RULE_DOCS_REQUEST).catch((err: unknown) => {
      this.rules = undefined;
      throw err;
    });
    return this.rules;
  }
}

async function pickRule(rules: RuleDoc[]): Promise<RuleDoc | undefined> {
  const picked = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.id, description: `${r.defaultSeverity} · ${r.category}`, detail: r.summary, rule: r })),
    { title: 'Migration Guard rules', placeHolder: 'Pick a rule to read its docs', matchOnDetail: true },
  );
  return picked?.rule;
}

function ruleMarkdown(rule: RuleDoc): string {
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
