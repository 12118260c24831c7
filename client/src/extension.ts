// Activation wiring only: settings, the language-server session, the status bar, the review sidebar and
// the commands.

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import { RuleDocs } from './ruleDocs';
import { Session } from './session';
import { ReviewSidebar } from './sidebar/provider';
import { FindingsStatusBar } from './statusBar';

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const statusBar = new FindingsStatusBar();
  session = new Session(context, new Config(), (summary) => statusBar.update(summary));
  const current = session;
  const ruleDocs = new RuleDocs(current);
  const sidebar = new ReviewSidebar(context.extensionUri, current);
  context.subscriptions.push(
    statusBar,
    current,
    ruleDocs.register(),
    sidebar,
    sidebar.register(),
    ...registerCommands({ session: current, statusBar, ruleDocs, secrets: context.secrets }),
    // The server is told at start whether the workspace is trusted; granting trust restarts it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => current.restart()),
  );
  await current.start();
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
