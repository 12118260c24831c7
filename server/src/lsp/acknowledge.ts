// migrationGuard/acknowledge: the review sidebar's "Acknowledge" on a data-loss operation: one allow
// comment with the reviewer's reason above it, naming every rule raised there. Answered as an edit of the
// open document's current version, which the client applies like a quick fix.

import { rulesOf } from '../core/merge';
import { isDownPhase } from '../core/ops';
import { acknowledgeEdit } from '../core/review/acknowledge';
import { DATA_LOSS_RULES } from '../core/review/checklist';
import type { AcknowledgeParams, EditResult } from '../protocol';
import { toLspRange } from './positions';
import type { LspState } from './state';

const MAX_REASON = 300;

export function acknowledge(state: LspState) {
  return async (params: AcknowledgeParams): Promise<EditResult> => {
    const doc = state.documents.get(params.uri);
    if (!doc) return { ok: false, message: 'Open the migration in an editor to acknowledge its operations.' };
    if (!Number.isInteger(params.line) || typeof params.reason !== 'string') return { ok: false, message: 'Malformed acknowledge request.' };
    const { report, index, version } = await state.analyses.get(doc, await state.settings.get(), state.settings.generation);
    const here = report.findings.filter(
      (f) => rulesOf(f).some((r) => DATA_LOSS_RULES.has(r)) && !(f.phase && isDownPhase(f.phase)) && index.position(f.range.start).line === params.line,
    );
    if (here.length === 0) return { ok: false, message: `No data-loss operation starts on line ${params.line + 1} any more.` };
    const edit = acknowledgeEdit(here, params.reason.slice(0, MAX_REASON));
    if ('error' in edit) return { ok: false, message: edit.error };
    // The version analysed: the document may have changed while a large one was analysed.
    return {
      ok: true,
      title: `Acknowledge line ${params.line + 1}`,
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: version ?? doc.version }, edits: [{ range: toLspRange(index, edit.range), newText: edit.newText }] }] },
    };
  };
}
