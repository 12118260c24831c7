// A question and its answer become a verdict in words: "will fail: 7 rows of projects.owner_email are
// NULL (e.g. id 3, 9, 12)", "safe on today's data: ...", "unknown (timed out after 5 s)", and, for an
// operation that holds a lock over the whole table, what it locks and how big that is.

import { LOCK_MIN_BYTES } from './locks';
import type { Question } from './questions';
import type { PreflightFacts, PreflightResult } from './types';

/** undefined until the question was answered (the first of the two analysis passes). */
export function verdictOf(q: Question, facts: PreflightFacts): PreflightResult | undefined {
  if (q.lock && !facts.answers[q.lock.query]) return undefined;
  const result = dataVerdict(q, facts);
  const size = q.lock ? facts.answers[q.lock.query] : undefined;
  if (!result || size?.bytes === undefined || size.bytes < LOCK_MIN_BYTES) return result;
  return { ...result, bytes: size.bytes, lock: q.lock!.sentence(size.bytes) };
}

function dataVerdict(q: Question, facts: PreflightFacts): PreflightResult | undefined {
  if (q.why !== undefined) return { verdict: 'not-checked', sampled: false, summary: `not checked: ${q.why}` };
  if (q.query === undefined) {
    // Only the lock is asked about: the size says how long it is held.
    const size = q.lock ? facts.answers[q.lock.query] : undefined;
    if (!q.lock || !size) return undefined;
    if (size.bytes === undefined) return { verdict: 'unknown', sampled: false, query: q.lock.query, summary: `unknown (${size.unknown ?? 'no answer'})` };
    if (size.bytes < LOCK_MIN_BYTES) return undefined;
    return { verdict: 'locks', sampled: false, query: q.lock.query, summary: q.lock.sentence(size.bytes) };
  }
  const answer = facts.answers[q.query];
  if (!answer) return undefined;
  const pct = q.samplePercent;
  const base = { query: q.query, sampled: pct !== undefined };
  if (answer.unknown !== undefined || answer.rows === undefined) return { ...base, verdict: 'unknown', summary: `unknown (${answer.unknown ?? 'no answer'})` };
  if (pct !== undefined && answer.rows === 0) return { ...base, verdict: 'unknown', summary: `unknown (none found in a ${pct}% sample; the table is too large to read every row)` };
  if (answer.rows === 0 && q.failsAnyway) return { ...base, verdict: 'will-fail', rows: 0, summary: `will fail: ${q.describe(0)}` };
  if (answer.rows === 0) return { ...base, verdict: 'safe', rows: 0, summary: `safe on today's data: ${q.describe(0)}` };
  const exact = answer.capped ? `over ${answer.rows.toLocaleString('en-US')}` : answer.rows.toLocaleString('en-US');
  // Rows found in a sample are real (at least that many); scaled up, they estimate the whole table.
  const count = pct === undefined ? exact : `about ${Math.round((answer.rows * 100) / pct).toLocaleString('en-US')}`;
  const inSample = pct === undefined ? '' : ` (at least ${answer.capped ? answer.rows.toLocaleString('en-US') : exact}, found in a ${pct}% sample)`;
  const examples = answer.examples && answer.examples.length > 0 && q.keyName ? ` (e.g. ${q.keyName} ${answer.examples.join(', ')})` : '';
  const found = `${q.describe(count)}${inSample}${examples}`;
  const result = { ...base, rows: answer.rows, ...(answer.capped ? { capped: true } : {}), ...(answer.examples?.length ? { examples: answer.examples } : {}) };
  if (q.changes) {
    const verb = q.changes;
    if (q.fixedBy) return { ...result, verdict: 'before-fix', summary: `would ${verb} ${found} today; the ${q.fixedBy.what} on line ${q.fixedBy.line} runs first, so this reflects the data before that step` };
    return { ...result, verdict: 'will-lose', summary: `will ${verb} ${found}` };
  }
  if (q.fixedBy) {
    return { ...result, verdict: 'before-fix', summary: `${found} today; the ${q.fixedBy.what} on line ${q.fixedBy.line} runs first, so this reflects the data before that step` };
  }
  if (q.notValid) return { ...result, verdict: 'unchecked-rows', summary: `${found}; NOT VALID leaves them unchecked, and VALIDATE CONSTRAINT will fail until they are fixed` };
  return { ...result, verdict: 'will-fail', summary: `will fail: ${found}` };
}
