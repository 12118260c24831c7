// migrationGuard/signOff: records the reviewer's sign-off of a migration in .migration-review.json, bound
// to the content on disk (the client saves the file first). The signer is git's user.name and
// user.email, read in the repository; in an untrusted workspace no program runs, so the client asks the
// reviewer for a name instead, as it does when git has none.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { buildChecklist, recordChecklist, signOffBlockers } from '../core/review/checklist';
import { recordSignOff, LedgerError } from '../core/review/ledger';
import { contentHash } from '../core/review/normalize';
import { SIGNER_NAME_REQUEST, type ReviewAnswers, type SignOffParams, type SignOffResult } from '../protocol';
import { reviewState } from './review';
import { uriToPath } from './scope';
import type { LspState } from './state';

const MAX_TEXT = 500;

export function signOff(state: LspState) {
  return async (params: SignOffParams): Promise<SignOffResult> => {
    const absolute = uriToPath(params.uri);
    if (!absolute) return { ok: false, message: 'Only files on disk can be signed off.' };
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(absolute);
    } catch (err) {
      return { ok: false, message: `Could not read ${absolute} (${(err as NodeJS.ErrnoException).code ?? String(err)}).` };
    }
    const facts = (p: string) => state.facts.forFile(p);
    const { report, index } = await state.analyser.file(params.uri, bytes, await state.settings.get());
    if (!report.framework) return { ok: false, message: 'This file is not a migration Migration Guard checks.' };
    const ledger = state.facts.ledgerFor(absolute);
    if (ledger.error) return { ok: false, message: ledger.error };
    const items = buildChecklist({ report, facts: facts(absolute), lineOf: (o) => index.position(o).line + 1, manual: cleanAnswers(params.answers) });
    const blockers = signOffBlockers(items);
    if (blockers.length > 0) return { ok: false, message: `Not signed off. First: ${blockers.join('; ')}.` };
    const signer = await signerName(state, ledger.root);
    if (!signer) return { ok: false, message: 'Not signed off: no name was given for the sign-off.' };
    try {
      recordSignOff(ledger.file, ledger.key, { sha256: contentHash(report.text), signedBy: signer, signedAt: new Date().toISOString(), checklist: recordChecklist(items) });
    } catch (err) {
      if (err instanceof LedgerError) return { ok: false, message: err.message };
      throw err;
    }
    state.facts.ledgerChanged();
    return { ok: true, review: await reviewState(state, params.uri) };
  };
}

/** The answers as sent, with anything malformed dropped and text shortened. */
function cleanAnswers(raw: unknown): ReviewAnswers {
  const value = isObject(raw) ? raw : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, MAX_TEXT) : undefined);
  const answers: ReviewAnswers = {};
  if (typeof value.liveSchema === 'boolean') answers.liveSchema = value.liveSchema;
  if (isObject(value.tested)) {
    const note = text(value.tested.note);
    answers.tested = { checked: value.tested.checked === true, ...(note ? { note } : {}) };
  }
  if (isObject(value.stakeholder)) {
    const name = text(value.stakeholder.name);
    answers.stakeholder = { checked: value.stakeholder.checked === true, ...(name ? { name } : {}) };
  }
  return answers;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function signerName(state: LspState, repository: string): Promise<string | undefined> {
  if (state.trusted) {
    const [name, email] = await Promise.all([gitConfig(repository, 'user.name'), gitConfig(repository, 'user.email')]);
    if (name) return email ? `${name} <${email}>` : name;
  }
  const answer: unknown = await state.connection.sendRequest(SIGNER_NAME_REQUEST);
  const name = typeof answer === 'string' ? answer.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return name || undefined;
}

function gitConfig(cwd: string, key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', key], { cwd, timeout: 5_000, windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined);
    });
  });
}
