// The migrationGuard.* settings, one getter each. The server receives exactly `forServer()` and
// `databaseForServer()`, so this class decides what the server may see: settings that name a connection
// or a file to load are not passed from an untrusted workspace at all.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION, type DatabaseConnectionSettings, type RuleSetting, type Settings } from '../../server/src/protocol';

const DATABASE_SETTINGS = ['databaseUrl', 'embeddedSeed', 'preflight.examples'];

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

  get applied(): Settings['applied'] {
    return this.section.get<string>('applied') === 'full' ? 'full' : 'history';
  }

  /** postgresql://user@host:port/db, as configured. */
  get databaseUrl(): string | undefined {
    return this.section.get<string>('databaseUrl')?.trim() || undefined;
  }

  /** The SQL file to seed an embedded database from, resolved against the first workspace folder. */
  get embeddedSeed(): string | undefined {
    const raw = this.section.get<string>('embeddedSeed')?.trim();
    if (!raw) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return path.isAbsolute(raw) || !folder ? raw : path.join(folder, raw);
  }

  /** Preflight quotes primary-key values of offending rows. */
  get preflightExamples(): boolean {
    return this.section.get<boolean>('preflight.examples') ?? true;
  }

  /** undefined in an untrusted workspace: its settings may come from whoever wrote the repository. */
  databaseForServer(): DatabaseConnectionSettings | undefined {
    if (!vscode.workspace.isTrusted) return undefined;
    const settings: DatabaseConnectionSettings = {};
    const url = this.databaseUrl && withoutPassword(this.databaseUrl);
    const seed = this.embeddedSeed;
    if (url) settings.url = url;
    if (seed) settings.embeddedSeed = seed;
    if (!this.preflightExamples) settings.preflightExamples = false;
    return settings;
  }

  affectsDatabase(e: vscode.ConfigurationChangeEvent): boolean {
    return DATABASE_SETTINGS.some((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
  }

  forServer(): Settings {
    return { rules: this.rules, include: this.include, exclude: this.exclude, checkDowngrades: this.checkDowngrades, applied: this.applied };
  }
}

/** A password in the setting is left out, and the user told: it belongs in SecretStorage. */
function withoutPassword(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (!url.password) return raw;
  url.password = '';
  void vscode.window.showWarningMessage(
    'Migration Guard ignores the password in migrationGuard.databaseUrl: settings files are not a safe place for it. Remove it there and use "Migration Guard: Set Database Password".',
  );
  return url.toString();
}
