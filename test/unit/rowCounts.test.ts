// Row counts say which figure is the planner's estimate and which was counted: the editor shows the
// estimate first and the exact count a few seconds later, and the change must not look arbitrary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRows } from '../../server/src/core/enrich';

test('estimates say "estimated"; exact counts are plain figures, bounded ones say "over"', () => {
  assert.equal(formatRows({ value: 412, exact: false }), 'estimated 412 rows');
  assert.equal(formatRows({ value: 1_234_567, exact: false }), 'estimated 1.2 million rows');
  assert.equal(formatRows({ value: 412, exact: true }), '412 rows');
  assert.equal(formatRows({ value: 1, exact: true }), '1 row');
  assert.equal(formatRows({ value: 0, exact: true }), 'empty');
  assert.equal(formatRows({ value: 100_000, exact: true, capped: true }), 'over 100,000 rows');
});
