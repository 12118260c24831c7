// migrationGuard/review: what the review sidebar shows for one migration: its data-loss operations with
// their lines, the checklist, the tables it touches with their rows, and whether its sign-off in the
// ledger still matches the text. Exact row counts for those tables are taken here, once per table.

import * as fs from 'node:fs';
import { BASELINE_FILE } from '../core/applied/baseline';
import { appliedState } from '../core/applied/state';
import type { ProjectFacts } from '../core/facts';
import { withDefaults } from '../core/options';
import { answersFrom, buildChecklist, destructiveOps, liveDataLines, needsReview, signOffBlockers, tableLines } from '../core/review/checklist';
import { signOffStatus } from '../core/review/ledger';
import type { ReviewParams, ReviewSignOff, ReviewState } from '../protocol';
import type { Analysis } from './documents';
import type { LedgerView } from './facts';
import { toLspRange } from './positions';
import { uriToPath } from './scope';
import type { LspState } from './state';

/** null only when the review failed (the error is in the server's log). */
export function review(state: LspState) {
  return (params: ReviewParams): Promise<ReviewState | null> => reviewState(state, params.uri);
}

/** The analysis of the file as the editor has it, or as it is on disk when it is not open. */
async function currentAnalysis(state: LspState, uri: string): Promise<Analysis> {
  const settings = await state.settings.get();
  const doc = state.documents.get(uri);
  if (doc) return state.analyses.get(doc, settings, state.settings.generation);
  const absolute = uriToPath(uri);
  const bytes = absolute ? readBytes(absolute) : undefined;
  return state.analyser.file(uri, bytes ?? new Uint8Array(), settings);
}

function readBytes(absolute: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(absolute);
  } catch {
    return undefined;
  }
}

export async function reviewState(state: LspState, uri: string): Promise<ReviewState> {
  const absolute = uriToPath(uri);
  let analysis = await currentAnalysis(state, uri);
  const layout = absolute ? state.facts.layoutOf(absolute) : undefined;
  const ledger: LedgerView | undefined = absolute ? state.facts.ledgerFor(absolute) : undefined;
  const isMigration = analysis.report.framework !== undefined;
  if (isMigration && absolute) {
    const targets = (analysis.report.tables ?? []).map((t) => ({ schema: t.schema, table: t.name }));
    // New counts change the findings' messages: analyse again so both agree.
    if (await state.facts.db.count(layout, targets)) analysis = await currentAnalysis(state, uri);
  }
  const facts: ProjectFacts | undefined = absolute ? state.facts.forFile(absolute) : undefined;
  const { report, index } = analysis;
  const lineOf = (offset: number) => index.position(offset).line + 1;
  const status = ledger?.ledger ? signOffStatus(ledger.ledger, ledger.key, report.text) : { state: 'none' as const };
  const signoff = status.state === 'none' ? undefined : status.signoff;
  const answers = answersFrom(signoff);
  const checklist = isMigration ? buildChecklist({ report, facts, lineOf, manual: answers }) : [];
  const applied = isMigration && absolute && facts ? appliedState({ path: absolute, text: report.text, options: withDefaults(undefined), facts }).applied : undefined;
  // A migration that has run cannot be reviewed into not running: `check --require-review` leaves it out too.
  const history = applied !== undefined && (await state.settings.get()).applied !== 'full';
  const signOff: ReviewSignOff = signoff ? { state: status.state, signedBy: signoff.signedBy, signedAt: signoff.signedAt } : { state: 'none' };
  const result: ReviewState = {
    uri,
    path: ledger?.key ?? uri,
    isMigration,
    needsReview: isMigration && !history && needsReview(report),
    operations: isMigration ? destructiveOps(report, lineOf).map((op) => ({ ...op, range: toLspRange(index, op.range) })) : [],
    checklist,
    tables: isMigration ? tableLines(report, facts) : [],
    signOff,
    answers,
    blockers: signOffBlockers(checklist),
    database: state.facts.db.status(layout),
  };
  const live = isMigration && facts?.preflight ? liveDataLines(report, lineOf) : [];
  if (live.length > 0) result.liveData = live.map((l) => ({ ...l, range: toLspRange(index, l.range) }));
  if (ledger?.error) result.ledgerError = ledger.error;
  if (applied) result.applied = { source: applied.source, ...(applied.at ? { at: applied.at } : {}), fromDatabase: applied.source !== BASELINE_FILE };
  return result;
}
