import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from '../../server/src/core/parse/sqlSplit';

function texts(sql: string): string[] {
  return splitStatements(sql).map((s) => s.text);
}

test('splits on top-level semicolons; offsets index the input', () => {
  const sql = 'SELECT 1;\n  DROP TABLE a;UPDATE t SET x = 1';
  const parts = splitStatements(sql);
  assert.deepEqual(
    parts.map((s) => s.text),
    ['SELECT 1;', 'DROP TABLE a;', 'UPDATE t SET x = 1'],
  );
  for (const s of parts) assert.equal(sql.slice(s.start, s.end), s.text);
});

test('start skips leading whitespace and comments, end includes the semicolon', () => {
  const sql = '-- header\n/* block */\n\tDROP TABLE a; -- trailing\n';
  const [s] = splitStatements(sql);
  assert.equal(s.start, sql.indexOf('DROP'));
  assert.equal(s.end, sql.indexOf(';') + 1);
});

test('a last statement without a semicolon ends at its last token, not at trailing comments or spaces', () => {
  assert.deepEqual(texts('DROP TABLE a  -- bye\n\n'), ['DROP TABLE a']);
});

test('empty statements and comment-only text produce nothing', () => {
  assert.deepEqual(texts(';;  ; -- only a comment\n/* and; this */'), []);
  assert.deepEqual(texts(''), []);
});

test('semicolons inside strings, identifiers and comments do not split', () => {
  assert.deepEqual(texts("SELECT 'a;b', 'it''s; fine'; SELECT 2"), ["SELECT 'a;b', 'it''s; fine';", 'SELECT 2']);
  assert.deepEqual(texts(`SELECT E'x\\'; y'; SELECT 2`), [`SELECT E'x\\'; y';`, 'SELECT 2']);
  assert.deepEqual(texts('SELECT "we;ird"""; SELECT 2'), ['SELECT "we;ird""";', 'SELECT 2']);
  assert.deepEqual(texts('SELECT 1 -- no; split\n, 2; SELECT 3'), ['SELECT 1 -- no; split\n, 2;', 'SELECT 3']);
  assert.deepEqual(texts('SELECT /* a /* nested; */ still; */ 1; SELECT 2'), ['SELECT /* a /* nested; */ still; */ 1;', 'SELECT 2']);
});

test("a backslash in a standard string is literal: 'a\\' ends the string", () => {
  assert.deepEqual(texts("SELECT 'a\\'; SELECT 2"), ["SELECT 'a\\';", 'SELECT 2']);
});

test('dollar-quoted bodies do not split, with or without a tag', () => {
  const fn = 'CREATE FUNCTION f() RETURNS void AS $$ BEGIN DELETE FROM t; END $$ LANGUAGE plpgsql;';
  assert.deepEqual(texts(`${fn} SELECT 2`), [fn, 'SELECT 2']);
  const tagged = "DO $body$ BEGIN EXECUTE $$ DROP TABLE x; $$; RAISE 'a;b'; END $body$;";
  assert.deepEqual(texts(`${tagged}SELECT 2;`), [tagged, 'SELECT 2;']);
});

test('$1 parameters and $ inside identifiers are not dollar quotes', () => {
  assert.deepEqual(texts('PREPARE p AS SELECT $1; SELECT 2'), ['PREPARE p AS SELECT $1;', 'SELECT 2']);
  assert.deepEqual(texts('SELECT a$b$c; SELECT 2'), ['SELECT a$b$c;', 'SELECT 2']);
});

test('BEGIN ATOMIC routine bodies stay one statement; a plain BEGIN does not', () => {
  const fn = 'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;';
  assert.deepEqual(texts(`${fn} DROP TABLE a;`), [fn, 'DROP TABLE a;']);
  assert.deepEqual(texts('BEGIN; DROP TABLE a; COMMIT;'), ['BEGIN;', 'DROP TABLE a;', 'COMMIT;']);
});

test('psql meta-commands are their own statement, ending at the line end', () => {
  assert.deepEqual(texts('\\c mydb\r\nDROP TABLE a;'), ['\\c mydb', 'DROP TABLE a;']);
});

test('COPY .. FROM STDIN data up to \\. is not split into statements', () => {
  const sql = 'COPY t (a, b) FROM stdin;\n1\tx;y\n2\tz\n\\.\nDROP TABLE a;';
  assert.deepEqual(texts(sql), ['COPY t (a, b) FROM stdin;', 'DROP TABLE a;']);
});

test('unterminated quotes, comments and dollar bodies run to the end of the text without throwing', () => {
  for (const sql of ["SELECT 'abc; DROP TABLE x;", 'SELECT "abc; x', "SELECT E'abc\\'; x", 'DO $x$ a; b', 'SELECT 1; $$']) {
    const parts = splitStatements(sql);
    assert.equal(parts[parts.length - 1].end, sql.length, sql);
  }
  // A comment is not a token, so the statement ends before an unterminated one.
  assert.deepEqual(texts('SELECT 1 -- unterminated comment; DROP'), ['SELECT 1']);
  assert.deepEqual(texts('SELECT /* a; /* b */ still inside; DROP'), ['SELECT']);
});

test('offsets are UTF-16 string offsets around non-ASCII text', () => {
  const sql = "SELECT 'héllo 👋'; -- ünïcødé\nDROP TABLE ü;";
  const parts = splitStatements(sql);
  assert.equal(parts.length, 2);
  assert.equal(sql.slice(parts[1].start, parts[1].end), 'DROP TABLE ü;');
});

test('binary garbage and 1 MB of random text neither throw nor take long', () => {
  let random = '';
  for (let i = 0; i < 1_000_000; i++) random += String.fromCharCode(Math.floor(Math.random() * 0x3000));
  const alphabet = "ab ;'\"$-/*\\\nE";
  let hostile = '';
  for (let i = 0; i < 1_000_000; i++) hostile += alphabet[Math.floor(Math.random() * alphabet.length)];
  for (const text of [random, hostile, '\0\x01\xff'.repeat(1000), "'".repeat(100_000), '/*'.repeat(100_000), '$a$'.repeat(100_000)]) {
    const started = performance.now();
    const parts = splitStatements(text);
    assert.ok(performance.now() - started < 1000);
    for (const s of parts) assert.ok(s.start < s.end && s.end <= text.length);
  }
});

test('backtick identifiers never split; MySQL also has # comments, backslash escapes and DELIMITER', () => {
  assert.deepEqual(texts('DROP TABLE `we;ird`; SELECT 2'), ['DROP TABLE `we;ird`;', 'SELECT 2']);
  const mysql = (sql: string) => splitStatements(sql, 'mysql').map((s) => s.text);
  assert.deepEqual(mysql("INSERT INTO t VALUES ('it\\'s; fine'); # a; comment\nDROP TABLE `a`;"), ["INSERT INTO t VALUES ('it\\'s; fine');", 'DROP TABLE `a`;']);
  const procedure = 'DELIMITER $$\nCREATE PROCEDURE p() BEGIN DELETE FROM t; END$$\nDELIMITER ;\nDROP TABLE a;';
  assert.deepEqual(mysql(procedure), ['CREATE PROCEDURE p() BEGIN DELETE FROM t; END', 'DROP TABLE a;']);
  assert.deepEqual(mysql('DELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //\nDELIMITER ;\nSELECT 1;'), [
    'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END',
    'SELECT 1;',
  ]);
  const trigger = 'CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; END;';
  assert.deepEqual(splitStatements(`${trigger}\nDROP TABLE a;`, 'sqlite').map((s) => s.text), [trigger, 'DROP TABLE a;']);
});
