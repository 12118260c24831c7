// Every contributed command, as a factory in one registry. The ids come from commandIds.ts, which also
// generates package.json's contributes.commands, so each contributed command has exactly one factory.

import * as vscode from 'vscode';
import { GENERATE_MODEL_COMMAND, PREVENT_UNMAPPED_DROPS_COMMAND, REHEARSE_COMMAND, RESCAN_REQUEST, SHOW_RULE_DOCS_COMMAND, type FindingsSummary } from '../../server/src/protocol';
import type { CommandId } from './commandIds';
import { generateModelCommand } from './generateModel';
import { preventUnmappedDropsCommand } from './preventUnmappedDrops';
import { rehearseCommand } from './rehearse';
import type { RuleDocs } from './ruleDocs';
import { PASSWORD_SECRET, type Session } from './session';
import { REVIEW_VIEW } from './sidebar/provider';
import type { FindingsStatusBar } from './statusBar';

interface Ctx {
  session: Session;
  statusBar: FindingsStatusBar;
  ruleDocs: RuleDocs;
  secrets: vscode.SecretStorage;
}

type Factory = (ctx: Ctx) => (...args: unknown[]) => Promise<void>;

export const COMMANDS: Record<CommandId, Factory> = {
  'migrationGuard.rescan': (ctx) => async () => {
    const summary = await ctx.session.request<FindingsSummary>(RESCAN_REQUEST);
    ctx.statusBar.update(summary);
    vscode.window.setStatusBarMessage(`Migration Guard: re-scanned, ${summary.errors} errors and ${summary.warnings} warnings.`, 5_000);
  },
  [SHOW_RULE_DOCS_COMMAND]: (ctx) => async (ruleId) => {
    await ctx.ruleDocs.show(typeof ruleId === 'string' ? ruleId : undefined);
  },
  'migrationGuard.openReview': () => async () => {
    await vscode.commands.executeCommand(`${REVIEW_VIEW}.focus`);
  },
  // The session restarts the server when the secret changes, so the new password is used at once.
  'migrationGuard.setDatabasePassword': (ctx) => async () => {
    const password = await vscode.window.showInputBox({
      title: 'Migration Guard: database password',
      prompt: "The password for migrationGuard.databaseUrl, kept in VS Code's secret storage (never in settings). Leave it empty to remove the stored one.",
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return;
    if (password === '') await ctx.secrets.delete(PASSWORD_SECRET);
    else await ctx.secrets.store(PASSWORD_SECRET, password);
    vscode.window.setStatusBarMessage(password === '' ? 'Migration Guard: database password removed.' : 'Migration Guard: database password stored.', 5_000);
  },
  [GENERATE_MODEL_COMMAND]: (ctx) => async (arg) => {
    await generateModelCommand(ctx.session, arg);
  },
  [PREVENT_UNMAPPED_DROPS_COMMAND]: (ctx) => async (arg) => {
    await preventUnmappedDropsCommand(ctx.session, arg);
  },
  [REHEARSE_COMMAND]: (ctx) => async (arg) => {
    await rehearseCommand(ctx.session, arg);
  },
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => {
    const run = factory(ctx);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (err) {
        void vscode.window.showErrorMessage(`Migration Guard: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
}
