// The workspace's unacknowledged errors and warnings in the status bar; a click opens the Problems panel.

import * as vscode from 'vscode';
import type { FindingsSummary } from '../../server/src/protocol';

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('migrationGuard.findings', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Migration Guard';
    this.item.text = '$(database) Migration Guard';
    this.item.tooltip = 'Migration Guard is checking the workspace migrations.';
    this.item.command = 'workbench.actions.view.problems';
    this.item.show();
  }

  update(summary: FindingsSummary): void {
    this.item.text = `$(database) $(error) ${summary.errors} $(warning) ${summary.warnings}`;
    this.item.tooltip =
      summary.files === 0
        ? 'Migration Guard: no errors or warnings in the workspace migrations.'
        : `Migration Guard: ${plural(summary.errors, 'error')} and ${plural(summary.warnings, 'warning')} in ${plural(summary.files, 'migration file')}. Click to open the Problems panel.`;
    this.item.backgroundColor = summary.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
