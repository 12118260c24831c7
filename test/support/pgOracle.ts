// libpg-query as the oracle of the fast PostgreSQL path: whenever the fast path answers, its result must be
// libpg-query's, down to the JSON bytes; when libpg-query rejects an input, the fast path must not answer.

import assert from 'node:assert/strict';
import { parseSync, type ParseResult } from 'libpg-query';
import { fastParse } from '../../server/src/core/parse/pg/fast';

/** libpg-query's answer, or undefined when it rejects the input. */
function oracle(sql: string): ParseResult | undefined {
  try {
    return parseSync(sql);
  } catch {
    return undefined;
  }
}

/** Checks one input; returns whether the fast path answered. */
export function agrees(sql: string): boolean {
  const fast = fastParse(sql);
  if (fast === undefined) return false;
  const expected = oracle(sql);
  assert.ok(expected, `the fast path parsed what libpg-query rejects: ${JSON.stringify(sql)}`);
  assert.equal(JSON.stringify(fast), JSON.stringify(expected), `different parse for ${JSON.stringify(sql)}`);
  assert.deepStrictEqual(fast, expected);
  return true;
}
