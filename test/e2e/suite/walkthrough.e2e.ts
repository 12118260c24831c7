// The Getting Started walkthrough (package.json contributes.walkthroughs) opens in the workbench with
// its steps, as a new user finds it under Help > Welcome; a screenshot shows it.
import * as vscode from 'vscode';
import { checkpoint, test } from './harness';

const EXTENSION_ID = process.env.MG_E2E_EXTENSION_ID ?? 'migration-guard.migration-guard';
/** Workbench DOM: the Getting Started editor. Step titles are part of it; the step's markdown is a webview. */
const PAGE = '.gettingStartedContainer';

test('the Getting Started walkthrough opens with its steps', async () => {
  // The review test leaves a high-contrast theme behind; a new user sees the default one.
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
  // VS Code names a contributed walkthrough `<extension id>#<walkthrough id>`.
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#migrationGuard.gettingStarted`, false);
  await checkpoint('10-walkthrough', {
    visible: ['Open a migration', 'Connect a database', 'Review and sign off', 'Stop autogenerate from dropping tables without a model'].map((title) => `${PAGE} >> text=${title}`),
  });
});
