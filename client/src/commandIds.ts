// The contributed commands and their titles. Kept free of the vscode API so scripts/gen-contributes.ts can
// write package.json's contributes.commands from it.

import { GENERATE_MODEL_COMMAND, PREVENT_UNMAPPED_DROPS_COMMAND, REHEARSE_COMMAND, SHOW_RULE_DOCS_COMMAND } from '../../server/src/protocol';

export const COMMAND_TITLES = {
  'migrationGuard.rescan': 'Re-scan Workspace Migrations',
  [SHOW_RULE_DOCS_COMMAND]: 'Show Rule Docs',
  'migrationGuard.openReview': 'Open Review Sidebar',
  'migrationGuard.setDatabasePassword': 'Set Database Password',
  [GENERATE_MODEL_COMMAND]: 'Generate Model for Table',
  [PREVENT_UNMAPPED_DROPS_COMMAND]: 'Stop Autogenerate from Dropping Tables Without a Model',
  [REHEARSE_COMMAND]: 'Rehearse Migration on a Scratch Database',
} as const;

export type CommandId = keyof typeof COMMAND_TITLES;
