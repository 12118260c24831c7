// Every finding about an operation that preflight asked about carries the verdict: in its message and
// as the `preflight` object of the JSON and SARIF output.

import type { Finding } from '../findings';
import type { Operation } from '../ops';
import type { RuleContext } from '../rules/types';
import { questionsFor, type Question } from './questions';
import type { PreflightResult } from './types';
import { verdictOf } from './verdict';

export const PREFLIGHT_RULE = 'fails-on-current-data';

type Entry = { question: Question; result?: PreflightResult };

const cache = new WeakMap<RuleContext['result'], { all: Entry[]; byOp: Map<Operation, Entry> }>();

/** The file's questions with their verdicts, when preflight is on for this analysis. */
export function preflightOf(ctx: RuleContext): { all: Entry[]; byOp: Map<Operation, Entry> } {
  const facts = ctx.facts;
  if (!facts?.db || !facts.preflight) return { all: [], byOp: new Map() };
  let known = cache.get(ctx.result);
  if (!known) {
    const p = facts.preflight;
    const options = { limit: p.limit, examples: p.examples, serverVersionNum: p.serverVersionNum };
    const all = questionsFor({ text: ctx.text, index: ctx.index, result: ctx.result, db: facts.db, options }).map((question) => ({ question, result: verdictOf(question, p) }));
    known = { all, byOp: new Map(all.map((e) => [e.question.op, e])) };
    cache.set(ctx.result, known);
  }
  return known;
}

/** `own`: the finding's severity before the table's row count raised it. */
export function withPreflight(f: Finding, op: Operation | undefined, ctx: RuleContext, own: Finding['severity']): void {
  if (!op) return;
  const found = preflightOf(ctx).byOp.get(op);
  if (!found?.result) return;
  f.preflight = found.result;
  // A DELETE or UPDATE loses the rows its WHERE matches, not the whole table's: when it matches none,
  // the rows in the table are no reason to make it an error.
  if (found.question.changes && found.result.rows !== undefined) f.rows = found.result.rows;
  // An UPDATE with a WHERE keeps its rows: the values it overwrites are shown, never made an error.
  const overwrite = op.kind === 'update-rows' && op.details.hasWhere;
  if (overwrite || (found.question.changes && found.result.rows === 0)) f.severity = own;
  // The rule's own message is the verdict already.
  if (f.rule !== PREFLIGHT_RULE) f.message = `${f.message} Live data: ${found.result.summary}.${lockSentence(found.result)}`;
}

/** " It rewrites events (41 GB, about 120 million rows) under ACCESS EXCLUSIVE.", when the verdict carries one. */
export function lockSentence(p: PreflightResult): string {
  return p.lock && p.verdict !== 'locks' ? ` It ${p.lock}.` : '';
}

/** Queries this analysis wants answered (the caller runs them and analyses the file again). */
export function pendingQueries(ctx: RuleContext): string[] {
  const answers = ctx.facts?.preflight?.answers ?? {};
  // Operations on one table share its size question.
  const pending = preflightOf(ctx).all.flatMap((e) => {
    if (e.result !== undefined) return [];
    return [e.question.query, e.question.lock?.query].filter((q): q is string => q !== undefined && !answers[q]);
  });
  return [...new Set(pending)];
}
