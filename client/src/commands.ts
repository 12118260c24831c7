// Every contributed command, as a factory in one registry. The ids come from commandIds.ts, which also
// generates package.json's contributes.commands, so each contributed command has exactly one factory.

import * as vscode from 'vscode';
import { RESCAN_REQUEST, SHOW_RULE_DOCS_COMMAND, type FindingsSummary } from '../../server/src/protocol';
import type { CommandId } from './commandIds';
import type { RuleDocs } from './ruleDocs';
import type { Session } from './session';
import type { FindingsStatusBar } from './statusBar';

/** The review sidebar's view; it belongs to the review-ledger work and may not be contributed yet. */
const REVIEW_VIEW = 'migrationGuard.review';

interface Ctx {
  session: Session;
  statusBar: FindingsStatusBar;
  ruleDocs: RuleDocs;
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
    const focus = `${REVIEW_VIEW}.focus`;
    if ((await vscode.commands.getCommands(true)).includes(focus)) {
      await vscode.commands.executeCommand(focus);
    } else {
      void vscode.window.showInformationMessage('The Migration Guard review sidebar is not available in this version yet. Findings are in the Problems panel.');
    }
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
