import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeBytes, analyzeText, initAnalyzer } from '../../server/src/core/analyze';

before(async () => {
  await initAnalyzer();
});

const enc = (s: string) => new TextEncoder().encode(s);
const rules = (r: ReturnType<typeof analyzeBytes>) => r.findings.map((f) => f.rule);

test('a binary file is a parse-error, not a crash', () => {
  const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
  const report = analyzeBytes('versions/0001_blob.sql', bytes);
  assert.deepEqual(rules(report), ['parse-error']);
  assert.match(report.findings[0].message, /binary/);
});

test('invalid UTF-8 is reported and the rest of the file is still checked', () => {
  const bytes = new Uint8Array([...enc("-- caf"), 0xe9, ...enc("\nDROP TABLE users;\n")]);
  const report = analyzeBytes('migrations/0002.sql', bytes);
  assert.deepEqual(rules(report), ['parse-error', 'drop-table']);
  assert.match(report.findings[0].message, /not valid UTF-8/);
});

test('a file over the size limit is reported without being read', () => {
  const big = enc(`DROP TABLE users;\n${'-- padding line\n'.repeat(700_000)}`);
  assert.ok(big.length > 10 * 1024 * 1024);
  const report = analyzeBytes('migrations/huge.sql', big);
  assert.deepEqual(rules(report), ['parse-error']);
  assert.match(report.findings[0].message, /larger than the 4 MiB \(4,194,304 bytes\) limit/);
});

test('a BOM is stripped so offsets stay right', () => {
  const report = analyzeBytes('migrations/0003.sql', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('DROP TABLE t;\n')]));
  assert.deepEqual(rules(report), ['drop-table']);
  assert.equal(report.findings[0].range.start, 0);
});

test('garbage Python and SQL never throw', () => {
  const samples = ['def upgrade(:\n  op.drop_table(', '"""', "DO $$ BEGIN", "'unterminated", '/* never closed', '\u0000\u0001', ')))(((', 'from alembic import op\ndef upgrade():\n' + '    ('.repeat(2000)];
  for (const s of samples) {
    for (const path of ['migrations/x.sql', 'versions/x.py']) {
      const text = path.endsWith('.py') && !s.includes('alembic') ? `from alembic import op\nrevision = "x"\ndef upgrade():\n    ${s}\n` : s;
      assert.doesNotThrow(() => analyzeText(path, text));
    }
  }
});

test('a Python syntax error is a parse-error finding', () => {
  const report = analyzeText('versions/0004.py', 'from alembic import op\nrevision = "4"\n\ndef upgrade():\n    op.drop_table("a"\n');
  assert.ok(rules(report).includes('parse-error'));
});

test('50,000 comment lines in a Python migration are analysed in bounded time', () => {
  const text = `from alembic import op\nrevision = "5"\n\ndef upgrade():\n${'    # generated note\n'.repeat(50_000)}    op.drop_table("events")\n`;
  const started = performance.now();
  const report = analyzeText('versions/0005_comments.py', text);
  const ms = performance.now() - started;
  assert.ok(rules(report).includes('drop-table'));
  assert.ok(ms < 5_000, `took ${ms.toFixed(0)} ms`);
});

/** UTF-16 with its byte order mark, as PowerShell's Out-File and SSMS save SQL. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2 + (order === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[2 + i * 2 + (order === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

test('UTF-16 with a byte order mark (LE and BE) is decoded and checked, with offsets into the text', () => {
  const text = '-- café 🚀\nDROP TABLE orders;\n';
  for (const order of ['le', 'be'] as const) {
    const report = analyzeBytes('migrations/0006.sql', utf16(text, order));
    assert.deepEqual(rules(report), ['drop-table'], order);
    assert.equal(report.text, text);
    assert.equal(report.findings[0].range.start, text.indexOf('DROP'));
    assert.equal(report.findings[0].table, 'orders');
  }
});

test('a UTF-16 byte order mark before bytes that are not UTF-16 is a parse-error, not a crash', () => {
  const report = analyzeBytes('migrations/0007.sql', new Uint8Array([0xff, 0xfe, 0x44, 0x00, 0x00]));
  assert.deepEqual(rules(report), ['parse-error']);
  assert.match(report.findings[0].message, /UTF-16 byte order mark but is not valid UTF-16/);
});

test('a parser message quoting a 50 kB token is capped', () => {
  const report = analyzeText('migrations/0008.sql', `CREATE TABLE t (a int) ${'y'.repeat(50_000)};\n`);
  assert.deepEqual(rules(report), ['parse-error']);
  assert.ok(report.findings[0].message.length < 200, `${report.findings[0].message.length} characters`);
  assert.match(report.findings[0].message, /syntax error at or near "y+…\); it was not checked$/);
});
