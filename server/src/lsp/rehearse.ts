// migrationGuard/rehearse: the Rehearse button and command. The migration on disk runs up and down on an
// embedded PostgreSQL (PGlite, in a worker thread, so the server keeps answering), through the same code
// as `migration-guard rehearse`; its findings become the file's diagnostics and tick "Tested on a local or
// staging database" in the review, which the sign-off records as the tool's.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkDoneProgress, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { DbError } from '../core/db/errors';
import { where } from '../core/rehearsal/describe';
import { DEFAULT_ROWS } from '../core/rehearsal/rehearse';
import { rehearseFiles } from '../core/rehearsal/runFile';
import { DEFAULT_LIMITS } from '../core/rehearsal/scratchProtocol';
import type { Rehearsal } from '../core/rehearsal/types';
import type { RehearseParams, RehearseResult } from '../protocol';
import { reviewState } from './review';
import { uriToPath } from './scope';
import type { LspState } from './state';

export const UNTRUSTED_REHEARSAL =
  "In an untrusted workspace Migration Guard rehearses SQL migrations only, on an embedded PostgreSQL: an Alembic or Django migration's SQL comes from running the project's Python, so trust the workspace to rehearse it.";

export function rehearseRequest(state: LspState) {
  // One rehearsal per file at a time: a second click waits for the first's answer.
  const running = new Map<string, Promise<RehearseResult>>();
  return (params: RehearseParams): Promise<RehearseResult> => {
    const absolute = uriToPath(params.uri);
    if (!absolute) return Promise.resolve({ ok: false, message: 'Only files on disk can be rehearsed.' });
    let answer = running.get(absolute);
    if (!answer) {
      answer = rehearseFile(state, params, absolute).finally(() => running.delete(absolute));
      running.set(absolute, answer);
    }
    return answer;
  };
}

async function rehearseFile(state: LspState, params: RehearseParams, absolute: string): Promise<RehearseResult> {
  const python = /\.py$/i.test(absolute);
  if (!python && !/\.sql$/i.test(absolute)) return { ok: false, message: 'Only SQL, Alembic and Django migrations can be rehearsed.' };
  if (python && !state.trusted) return { ok: false, message: UNTRUSTED_REHEARSAL };
  const layout = state.facts.layoutOf(absolute);
  // The scratch database is always PGlite here, never a URL, so the configured database is only read (its
  // schema copied, in a trusted workspace); with none configured the earlier migrations are replayed.
  const spec = state.facts.db.specFor(layout);
  const baseDir = state.folders.paths.filter((f) => absolute.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0] ?? path.dirname(absolute);
  const progress = await progressFor(state, params);
  progress.begin('Migration Guard: rehearsing', undefined, `${path.basename(absolute)} up and down on an embedded PostgreSQL`, false);
  try {
    // Read before the run: an edit saved while it runs is not what was rehearsed.
    const rehearsedText = fs.readFileSync(absolute, 'utf8');
    // The editor's selected interpreter, when it names one by its absolute path; else .venv, venv, python3.
    const interpreter = typeof params.python === 'string' && path.isAbsolute(params.python) ? { python: params.python } : {};
    const settings = { rows: DEFAULT_ROWS, limits: DEFAULT_LIMITS, sample: 0, allowProjectCode: state.trusted, ...(spec ? { spec } : {}), ...interpreter };
    let run;
    try {
      run = await rehearseFiles([{ absolute, explicit: true }], settings, { baseDir, env: process.env, nameOf: (p) => p });
    } catch (err) {
      // The configured database could not be read for its schema: its own sentence (password masked).
      if (err instanceof DbError) return { ok: false, message: `Not rehearsed: ${err.message}` };
      throw err;
    }
    const { rehearsals, skipped } = run;
    const mine = rehearsals[absolute];
    if (!mine) {
      const reason = skipped.find((s) => s.path === absolute)?.reason;
      return { ok: false, message: reason ? `Not rehearsed: ${reason}.` : 'Not rehearsed: this file has no up migration to run.' };
    }
    const results: Record<string, { rehearsal: Rehearsal; text: string }> = {};
    for (const [file, rehearsal] of Object.entries(rehearsals)) results[file] = { rehearsal, text: file === absolute ? rehearsedText : fs.readFileSync(file, 'utf8') };
    state.facts.rehearsed(results);
    return { ok: true, message: summary(mine), review: await reviewState(state, params.uri) };
  } finally {
    progress.done();
  }
}

/** `Rehearsed on ..., starting from ...: up and down ran to the end.`: the outcome in a sentence, the details in the diagnostics. */
function summary(r: Rehearsal): string {
  const failed = r.statements.find((s) => s.outcome === 'failed');
  const sentence = where(r);
  const ran = `${sentence[0]!.toUpperCase()}${sentence.slice(1)}`;
  if (failed) return `${ran}: the ${failed.phase === 'down' ? 'down' : 'up'} migration failed at line ${failed.line} (${failed.error?.message ?? 'see the diagnostics'}).`;
  const cascaded = r.statements.reduce((n, s) => n + s.cascaded.length, 0);
  const trip = r.roundTrip;
  const lost = trip ? trip.missing.length + trip.changed.length + trip.extra.length + Object.keys(trip.rowsLost).length : 0;
  const found = [cascaded > 0 ? `a CASCADE took ${cascaded} object${cascaded === 1 ? '' : 's'} the migration does not name` : '', lost > 0 ? 'the down migration does not restore what up changed' : '']
    .filter((x) => x)
    .join(', and ');
  const sides = trip ? 'up and down' : 'up';
  return `${ran}: ${sides} ran to the end${found ? `, but ${found} (see the diagnostics)` : ''}.`;
}

/** The client's progress when it sent a token, else one the server creates when the client can show it. */
async function progressFor(state: LspState, params: RehearseParams): Promise<Pick<WorkDoneProgressReporter, 'begin' | 'done'>> {
  const token = params.workDoneToken;
  if (token !== undefined) {
    return {
      begin: (title, percentage, message) => void state.connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, ...(percentage !== undefined ? { percentage } : {}), ...(message ? { message } : {}) }),
      done: () => void state.connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' }),
    };
  }
  if (state.workDoneProgress) {
    const created = await state.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (created) return created;
  }
  return { begin: () => undefined, done: () => undefined };
}
