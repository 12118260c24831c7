// migrationGuard/rescan: forget every analysis, read the workspace again, and have the client pull fresh
// diagnostics. Answers the new counts.

import type { FindingsSummary } from '../protocol';
import type { LspState } from './state';

export function rescan(state: LspState) {
  return async (): Promise<FindingsSummary> => {
    state.settings.invalidate();
    state.workspace.clear();
    const settings = await state.settings.get();
    await state.workspace.pull(settings, state.settings.generation, new Map(), () => {});
    await state.refreshDiagnostics();
    return state.summary.publish();
  };
}
