// migrationGuard/rescan: forget every analysis and every fact read from files (ledger, projects, models,
// env.py), read the workspace again, and have the client pull fresh diagnostics. Answers the new counts.
// The way out when the editor sent no file events (a `git pull` outside it, a client that does not watch).

import type { FindingsSummary } from '../protocol';
import type { LspState } from './state';

export function rescan(state: LspState) {
  return async (): Promise<FindingsSummary> => {
    state.settings.invalidate();
    state.facts.reload();
    state.workspace.clear();
    const settings = await state.settings.get();
    await state.workspace.pull(settings, state.settings.generation, new Map(), () => {});
    await state.refreshDiagnostics();
    return state.summary.publish();
  };
}
