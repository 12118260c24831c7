// The migrationGuard.* settings, one getter each. The server receives exactly `forServer()`, so this class
// decides what the server may see: settings that name a program or a connection must not be passed from
// an untrusted workspace (there are none yet).

import * as vscode from 'vscode';
import { SETTINGS_SECTION, type RuleSetting, type Settings } from '../../server/src/protocol';

export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION);
  }

  get rules(): Record<string, RuleSetting> {
    return this.section.get<Record<string, RuleSetting>>('rules') ?? {};
  }

  get include(): string[] {
    return this.section.get<string[]>('include') ?? [];
  }

  get exclude(): string[] {
    return this.section.get<string[]>('exclude') ?? [];
  }

  get checkDowngrades(): boolean {
    return this.section.get<boolean>('checkDowngrades') ?? true;
  }

  forServer(): Settings {
    return { rules: this.rules, include: this.include, exclude: this.exclude, checkDowngrades: this.checkDowngrades };
  }
}
