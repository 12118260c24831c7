// The fast PL/pgSQL path must return exactly what libpg-query's parsePlPgSQLSync returns, or nothing. As in
// pgFast.test.ts, libpg-query is the oracle: every body is parsed by both, and whenever the fast path
// answers, the two results must be identical; when libpg-query rejects a body, the fast path must not answer.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { parsePlPgSQLSync, parseSync } from 'libpg-query';
import { initPgParser } from '../../server/src/core/parse/pg';
import { fastParsePlPgSQL } from '../../server/src/core/parse/pg/fastPlpgsql';
import { splitStatements } from '../../server/src/core/parse/sqlSplit';
import { Rng } from '../bench/rng';
import { generateSqlFiles } from '../bench/sqlGen';

const ROOT = path.resolve(__dirname, '../..');

before(async () => {
  await initPgParser();
});

/** A DO block's body as frontends/sql/frontend.ts hands it to the PL/pgSQL parser. */
function asFunction(body: string): string {
  return `CREATE FUNCTION __mg_do() RETURNS void LANGUAGE plpgsql AS $mg$${body}$mg$`;
}

function oracle(sql: string): unknown {
  try {
    return parsePlPgSQLSync(sql);
  } catch {
    return undefined;
  }
}

/** Checks one function text; returns whether the fast path answered. */
function agrees(sql: string): boolean {
  const fast = fastParsePlPgSQL(sql);
  if (fast === undefined) return false;
  const expected = oracle(sql);
  assert.ok(expected, `the fast path parsed what libpg-query rejects: ${JSON.stringify(sql)}`);
  assert.equal(JSON.stringify(fast), JSON.stringify(expected), `different parse for ${JSON.stringify(sql)}`);
  return true;
}

/** The bodies of the DO statements in `text`. */
function doBodies(text: string): string[] {
  return splitStatements(text).flatMap((s) => {
    if (!/^do\b/i.test(s.text)) return [];
    try {
      const stmt = parseSync(s.text).stmts?.[0]?.stmt;
      const args = stmt && 'DoStmt' in stmt ? (stmt.DoStmt.args ?? []) : [];
      return args.flatMap((a) => ('DefElem' in a && a.DefElem.defname === 'as' && a.DefElem.arg && 'String' in a.DefElem.arg ? [a.DefElem.arg.String.sval ?? ''] : []));
    } catch {
      return [];
    }
  });
}

function benchBodies(): string[] {
  const corpus = generateSqlFiles(20240611 + 1, { flyway: 220, goose: 200, dbmate: 180, golangMigrate: 100 });
  return corpus.files.flatMap((f) => doBodies(f.text));
}

function repoBodies(): string[] {
  const files = ['test', 'examples'].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sql')).map((f) => path.join(ROOT, dir, f)),
  );
  return files.flatMap((f) => doBodies(fs.readFileSync(f, 'utf8')));
}

const TRICKY = [
  "\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'x') THEN\n        CREATE TYPE x AS ENUM ('a');\n    END IF;\nEND\n",
  'BEGIN DROP TABLE a;   DROP   TABLE b ; END', "BEGIN IF a THEN DROP TABLE a; ELSIF b THEN DROP TABLE b; ELSE RAISE EXCEPTION 'x'; END IF; END;",
  '\n  begin\n  if  x=1  then null; end if;\n  end', "BEGIN RAISE NOTICE 'x %', 1; END", 'BEGIN IF a THEN END IF; END', 'BEGIN END', 'BEGIN END ;',
  'BEGIN DELETE FROM t WHERE a = 1 RETURNING a INTO b; END', 'BEGIN IF a b c THEN END IF; END', 'BEGIN DROP DROP DROP; END',
  'BEGIN IF THEN END IF; END', 'BEGIN IF (a THEN END IF; END', 'BEGIN IF a) THEN END IF; END', 'BEGIN DROP TABLE (a; END',
  "BEGIN RAISE NOTICE 'a %, %', (1), f(2,3) ; RAISE DEBUG 'x'; RAISE INFO 'x'; RAISE LOG 'x'; END",
  "BEGIN IF a THEN RAISE EXCEPTION 'x'; ELSEIF b THEN NULL; ELSE NULL; NULL; END IF; END;", "BEGIN RAISE 'x %'; END", "BEGIN RAISE 'x %%', 1; END",
  "BEGIN RAISE 'x %% %', 1; END", 'BEGIN END; x', '', 'BEGIN END l', '\r\nBEGIN\r\n DROP TABLE a;\r\nEND', 'BEGIN DROP TABLE a /* c */ ; END',
  'BEGIN IF a /* c */ THEN NULL; END IF; END', 'BEGIN IF a -- c\nTHEN NULL; END IF; END', 'BEGIN IF a /* x */ AND b  THEN NULL; END IF; END',
  "BEGIN RAISE 'x %', 1 /* c */ ; END", "BEGIN RAISE 'x % %', 1 /* c */ , 2 -- c\n; END", "BEGIN IF a::text = 'x' THEN END IF; END",
  "BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'not empty: %', 1; END IF; END", 'BEGIN IF a THEN NULL; END IF END',
  'BEGIN IF a THEN NULL; END; END', 'BEGIN IF a THEN ELSE ELSE END IF; END', 'BEGIN ELSE END', 'DECLARE x int; BEGIN END', 'BEGIN IF a[1] THEN END IF; END',
  'BEGIN IF a] THEN END IF; END', "BEGIN RAISE EXCEPTION 'x' USING HINT = 'y'; END", 'BEGIN RAISE; END', 'BEGIN RAISE EXCEPTION; END', "BEGIN RAISE 'x', ; END",
  "BEGIN RAISE 'x %', (1, 2); END", "BEGIN RAISE 'x %', (1; END", "BEGIN CREATE FUNCTION f() RETURNS int AS 'x' LANGUAGE sql; END",
  "BEGIN ALTER TABLE a DROP COLUMN b; COMMENT ON TABLE a IS 'x'; TRUNCATE a; UPDATE t SET a = 1 WHERE b = 2; END",
  'BEGIN IF a THEN DROP TABLE t; END IF; DROP TABLE u; END', 'begin if found then end if; end', 'BEGIN DROP TABLE found; END',
  'BEGIN IF NOT EXISTS (SELECT 1 FROM t WHERE a = (SELECT 1)) THEN END IF; END', 'BEGIN IF a THEN END IF; END;;', 'BEGIN raise warning $$a$$; END',
  'BEGIN EXECUTE \'DROP TABLE a\'; END', 'BEGIN PERFORM 1; END', 'BEGIN found := true; END', '<<l>> BEGIN END', 'BEGIN BEGIN END; END',
  'BEGIN DROP TABLE a; EXCEPTION WHEN others THEN NULL; END', 'BEGIN INSERT INTO t VALUES (1); END', 'BEGIN SELECT 1; END',
  'BEGIN IF a THEN END IF; RETURN; END', 'BEGIN DROP TABLE a END', "BEGIN RAISE 'caf\u00e9'; END", "BEGIN RAISE E'x\\n'; END",
  'BEGIN IF NOT /* c */ EXISTS (SELECT 1) THEN END IF; END', 'BEGIN IF a THEN END IF; END; -- trailing', '/* lead */ BEGIN END',
  'BEGIN IF a THEN DROP TABLE t; ELSIF EXISTS (SELECT 1 FROM u) THEN RAISE EXCEPTION \'u has rows\'; END IF; END',
];

test('agrees with libpg-query on hand-written tricky bodies', () => {
  for (const body of TRICKY) agrees(asFunction(body));
});

test('agrees with libpg-query on the DO blocks of the repository and the bench corpus, and takes the fast path for them', () => {
  const bodies = [...repoBodies(), ...benchBodies()];
  let hits = 0;
  for (const body of bodies) if (agrees(asFunction(body))) hits++;
  assert.ok(bodies.length > 100);
  assert.ok(hits >= bodies.length * 0.95, `fast path hit rate ${hits}/${bodies.length}`);
});

test('answers only for plpgsql functions returning void, with one LANGUAGE and one AS', () => {
  const fns = [
    'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$BEGIN END$$', 'CREATE FUNCTION f() RETURNS void AS $$BEGIN END$$ LANGUAGE plpgsql',
    'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$BEGIN END$$', 'CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$BEGIN END$$',
    'CREATE FUNCTION f() RETURNS void[] LANGUAGE plpgsql AS $$BEGIN END$$', 'CREATE FUNCTION f() RETURNS s.void LANGUAGE plpgsql AS $$BEGIN END$$',
    'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql LANGUAGE plpgsql AS $$BEGIN END$$', 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql',
    'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$BEGIN END$$ AS $$BEGIN END$$', "CREATE FUNCTION f() RETURNS void LANGUAGE 'plpgsql' AS 'BEGIN END'",
    'DO $$BEGIN END$$', 'DROP TABLE t',
  ];
  for (const sql of fns) agrees(sql);
  assert.ok(agrees(fns[0]) && agrees(fns[1]));
});

// ---------------------------------------------------------------- mutation fuzz

const PIECE = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d*)?|::|<>|<=|>=|!=|:=|--[^\n]*|\/\*|\*\/|\S/g;
const INSERTS = [
  'BEGIN', 'END', 'IF', 'THEN', 'ELSIF', 'ELSE', 'END IF;', 'NULL;', 'RAISE', 'EXCEPTION', 'NOTICE', "'x %'", "'y'", ',', ';', '(', ')', '[', ']',
  'NOT', 'EXISTS', 'SELECT', 'FROM', 'WHERE', 'INTO', 'DECLARE', 'x', '1', '%', '/* c */', '-- c\n', '\n', 'USING', 'FUNCTION',
  // whole statements and branches, so that many mutants stay valid and get compared
  'DROP TABLE t;', 'NULL;', "RAISE EXCEPTION 'e';", "RAISE NOTICE '% %', 1, a;", 'IF a THEN NULL; END IF;', 'ELSE', 'ELSIF b THEN',
  'IF NOT EXISTS (SELECT 1 FROM t WHERE a = 1) THEN DROP TABLE t; END IF;', 'ALTER TABLE t DROP COLUMN c;', 'TRUNCATE t;',
];

test('agrees with libpg-query on thousands of seeded mutations of DO bodies', () => {
  const rng = new Rng(0xd0b0);
  const seeds = [...new Set([...TRICKY, ...repoBodies(), ...benchBodies()])].filter((b) => fastParsePlPgSQL(asFunction(b)) !== undefined);
  let hits = 0;
  const total = 8000;
  for (let n = 0; n < total; n++) {
    const pieces = rng.pick(seeds).match(PIECE) ?? [];
    for (let k = rng.int(1, 2); k > 0; k--) {
      const i = rng.int(0, Math.max(0, pieces.length - 1));
      const edit = rng.int(0, 3);
      if (edit === 0) pieces.splice(i, 1);
      else if (edit === 1) pieces.splice(i, 0, pieces[i] ?? '');
      else if (edit === 2) pieces.splice(i, 0, rng.pick(INSERTS));
      else pieces[i] = rng.pick(INSERTS);
    }
    if (agrees(asFunction(pieces.join(rng.pick([' ', '\n', '  ']))))) hits++;
  }
  // Most mutants break the block's structure (PL/pgSQL then refuses them too), but a few hundred stay valid.
  assert.ok(hits > 250, `only ${hits} of ${total} mutants took the fast path`);
});
