import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSuppressions } from '../../server/src/core/suppressions';
import { LineIndex } from '../../server/src/core/text';

const reasons = (text: string) => findSuppressions(new LineIndex(text)).map((s) => [s.rules, s.reason, s.targetLine]);

test('allow comments: rules, reason and the line they apply to', () => {
  assert.deepEqual(reasons('# migration-guard: allow drop-table, truncate -- moved to archive (ticket 88)\n\n# note\nop.drop_table("a")\n'), [
    [['drop-table', 'truncate'], 'moved to archive (ticket 88)', 3],
  ]);
});

test('a comment closing a SQL string keeps its own parentheses but not the string quote', () => {
  assert.deepEqual(reasons('op.execute("""\n-- migration-guard: allow drop-table -- gone (see #12)""")\nop.drop_table("a")\n'), [[['drop-table'], 'gone (see #12)', 2]]);
  assert.deepEqual(reasons('op.execute("DROP TABLE a")  # migration-guard: allow drop-table -- obsolete")\n'), [[['drop-table'], 'obsolete', 0]]);
});

test('an allow comment without a reason or rules is kept, so it can be reported', () => {
  assert.deepEqual(reasons('-- migration-guard: allow drop-table\nDROP TABLE a;\n'), [[['drop-table'], '', 1]]);
  assert.deepEqual(reasons('-- migration-guard: allow\nDROP TABLE a;\n'), [[[], '', 1]]);
});
