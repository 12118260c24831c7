// migrationGuard.* settings, pulled with workspace/configuration and cached until the client says they
// changed. Every change bumps `generation`, which is part of every cache key and diagnostic result id, so
// nothing computed under the old settings is reused.

import type { Connection } from 'vscode-languageserver/node';
import type { AnalysisOptions } from '../core/options';
import { RULES } from '../core/rules';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type RuleSetting, type Settings } from '../protocol';
import type { LspState } from './state';

const RULE_SETTINGS = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);
const RULE_IDS = new Set(RULES.map((r) => r.id));

export class SettingsStore {
  private current?: Promise<Settings>;
  private gen = 0;
  /** Set at initialize when the client answers workspace/configuration; otherwise the defaults apply. */
  canAsk = false;

  constructor(private readonly connection: Connection) {}

  get generation(): number {
    return this.gen;
  }

  get(): Promise<Settings> {
    this.current ??= this.fetch();
    return this.current;
  }

  invalidate(): void {
    this.current = undefined;
    this.gen++;
  }

  /** The facts analysis reads (database, models, review ledger) changed: the settings stand, the results do not. */
  bump(): void {
    this.gen++;
  }

  private async fetch(): Promise<Settings> {
    if (!this.canAsk) return DEFAULT_SETTINGS;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ section: SETTINGS_SECTION });
      return normalizeSettings(raw, (message) => this.connection.console.warn(`Migration Guard: ${message}`));
    } catch (err) {
      this.connection.console.warn(`Migration Guard: could not read the migrationGuard settings (${String(err)}); using the defaults.`);
      return DEFAULT_SETTINGS;
    }
  }
}

/** Settings as the client sent them, with anything malformed dropped (and reported) rather than trusted. */
export function normalizeSettings(raw: unknown, warn: (message: string) => void = () => {}): Settings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSetting> = {};
  if (typeof value.rules === 'object' && value.rules !== null) {
    for (const [id, setting] of Object.entries(value.rules)) {
      if (RULE_IDS.has(id) && typeof setting === 'string' && RULE_SETTINGS.has(setting)) rules[id] = setting as RuleSetting;
      else warn(`migrationGuard.rules: ignoring "${id}": ${String(setting)}`);
    }
  }
  return {
    rules,
    include: stringList(value.include),
    exclude: stringList(value.exclude),
    checkDowngrades: typeof value.checkDowngrades === 'boolean' ? value.checkDowngrades : DEFAULT_SETTINGS.checkDowngrades,
    applied: value.applied === 'full' ? 'full' : DEFAULT_SETTINGS.applied,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export function analysisOptions(settings: Settings): Partial<AnalysisOptions> {
  return { rules: settings.rules, checkDowngrades: settings.checkDowngrades, applied: settings.applied };
}

/** migrationGuard/databaseSettings: the next analysis reads the newly configured database. */
export function databaseSettingsChanged(state: LspState) {
  return async (settings: unknown): Promise<void> => {
    state.facts.db.configure(settings, state.trusted);
    state.settings.bump();
    await state.refreshDiagnostics();
  };
}

/** workspace/didChangeConfiguration: settings are pulled again and every diagnostic is recomputed. */
export function configurationChanged(state: LspState) {
  return async (): Promise<void> => {
    state.settings.invalidate();
    await state.refreshDiagnostics();
  };
}
