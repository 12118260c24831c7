// The contributed commands and their titles. Kept free of the vscode API so scripts/gen-contributes.ts can
// write package.json's contributes.commands from it.

import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/protocol';

export const COMMAND_TITLES = {
  'migrationGuard.rescan': 'Re-scan Workspace Migrations',
  [SHOW_RULE_DOCS_COMMAND]: 'Show Rule Docs',
  'migrationGuard.openReview': 'Open Review Sidebar',
} as const;

export type CommandId = keyof typeof COMMAND_TITLES;
