// The review ledger in the CLI: the sign-offs `check` passes to the stale-review rule, and the
// `--require-review` gate, which fails a run when a migration that destroys data has no valid sign-off.

import * as path from 'node:path';
import type { ReviewFacts } from '../../core/facts';
import type { FileReport } from '../../core/report';
import { needsReview } from '../../core/review/checklist';
import { findRepositoryRoot, LEDGER_FILE, ledgerKey, readLedger, signOffStatus, type Ledger, type SignOffStatus } from '../../core/review/ledger';

export interface LoadedLedger {
  root: string;
  file: string;
  ledger: Ledger;
}

/** The ledger at the repository root above `cwd` (the nearest directory holding .git, else cwd itself). */
export function loadLedger(cwd: string): LoadedLedger {
  const root = findRepositoryRoot(cwd, cwd);
  const file = path.join(root, LEDGER_FILE);
  return { root, file, ledger: readLedger(file) };
}

export function reviewFacts(loaded: LoadedLedger): ReviewFacts {
  return { root: loaded.root, signoffs: loaded.ledger.signoffs };
}

/** By report path, the sign-off of each migration that destroys data (for the pull-request summary). */
export function signOffStates(reports: readonly FileReport[], loaded: LoadedLedger, cwd: string): Record<string, SignOffStatus> {
  const states: Record<string, SignOffStatus> = {};
  for (const report of reports) {
    if (needsReview(report)) states[report.path] = signOffStatus(loaded.ledger, ledgerKey(loaded.root, path.resolve(cwd, report.path)), report.text);
  }
  return states;
}

/** One line per migration that destroys data without a valid sign-off, naming it and why. */
export function missingReviews(reports: readonly FileReport[], loaded: LoadedLedger, cwd: string): string[] {
  const out: string[] = [];
  for (const report of reports) {
    if (!needsReview(report)) continue;
    const status = signOffStatus(loaded.ledger, ledgerKey(loaded.root, path.resolve(cwd, report.path)), report.text);
    if (status.state === 'valid') continue;
    out.push(
      status.state === 'none'
        ? `${report.path}: no sign-off`
        : `${report.path}: signed off by ${status.signoff.signedBy} on ${status.signoff.signedAt.slice(0, 10)}, but the file changed since`,
    );
  }
  return out.sort();
}

export function renderMissingReviews(lines: string[], ledgerFile: string, cwd: string): string {
  const where = path.relative(cwd, ledgerFile) || LEDGER_FILE;
  const n = lines.length;
  return [
    `${n} migration${n === 1 ? '' : 's'} that destroy${n === 1 ? 's' : ''} data ${n === 1 ? 'has' : 'have'} no valid sign-off in ${where}:`,
    ...lines.map((l) => `  ${l}`),
    'Review each one and sign it off in the Migration Guard sidebar in VS Code, then commit the ledger.',
    '',
  ].join('\n');
}
