// Python reads a lone CR (classic Mac line endings) as a line break; so must both Python parsers.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { parsePythonSyntax } from '../../server/src/core/parse/python';

before(async () => {
  await initAnalyzer();
});

const HEAD = 'from alembic import op\rrevision = "2"\rdown_revision = "1"\r';
const BODY = '\rdef upgrade():\r    op.drop_table("a")\r    op.drop_table("b")\r\rdef downgrade():\r    pass\r';

function findings(text: string) {
  const report = analyzeText('versions/0002_cr.py', text);
  return report.findings.filter((f) => f.rule !== 'irreversible-downgrade').map((f) => `${text.slice(0, f.range.start).split('\r').length} ${f.rule} ${f.table ?? ''}`);
}

test('lone CR line endings: every drop is found and nothing is a syntax error (fast path)', () => {
  const text = HEAD + BODY;
  assert.equal(parsePythonSyntax(text).fast, true, 'this file should take the fast path');
  assert.deepEqual(findings(text), ['6 drop-table a', '7 drop-table b']);
});

test('lone CR line endings: the same through tree-sitter', () => {
  const text = `${HEAD}f = lambda: 1\r${BODY}`;
  assert.equal(parsePythonSyntax(text).fast, false, 'this file should go to tree-sitter');
  assert.deepEqual(findings(text), ['7 drop-table a', '8 drop-table b']);
});

test('lone CR line endings: offsets point into the original text', () => {
  const text = HEAD + BODY;
  const drop = analyzeText('versions/0002_cr.py', text).findings.find((f) => f.table === 'b');
  assert.equal(text.slice(drop?.range.start, drop?.range.end), 'op.drop_table("b")');
});

test('CRLF and lone CR mixed in one file read like LF', () => {
  const text = 'from alembic import op\r\nrevision = "2"\rdown_revision = "1"\r\n\r\ndef upgrade():\r    op.drop_table("a")\r\n    op.drop_table("b")\r';
  const rules = analyzeText('versions/0002_mixed.py', text).findings.map((f) => `${f.rule} ${f.table ?? ''}`);
  assert.deepEqual(rules.filter((r) => r.startsWith('drop-table') || r.startsWith('parse-error')), ['drop-table a', 'drop-table b']);
});
