// The statements of the fast PostgreSQL path (pg/fast.ts) that carry a body of code: DO blocks and CREATE
// FUNCTION. Migrations use them for idempotent DDL and for trigger functions; libpg-query would cost a wasm
// call for each, and the body itself is parsed (as PL/pgSQL) only where it is run, in frontends/sql/frontend.ts.

import type { DefElem, Node } from 'libpg-query';
import { Kw } from './keywords';
import { type Cursor, type Token, unsure } from './lex';
import { compact, sconst, str, stringList, typeName } from './names';

function defElem(defname: string, arg: Node, location: number): Node {
  const elem: DefElem = { defname, arg, defaction: 'DEFELEM_UNSPEC', location };
  return { DefElem: elem };
}

/** `LANGUAGE name`: NonReservedWord_or_Sconst, kept as a String either way. */
function language(c: Cursor, keyword: Token): Node {
  const t = c.next();
  const word = t.kind === 'quoted' || (t.kind === 'word' && t.kw !== Kw.Reserved) || t.kind === 'string' || t.kind === 'dollar';
  if (!word) unsure();
  return defElem('language', str(t.text), keyword.start);
}

/** DO [LANGUAGE name] code [LANGUAGE name]: gram.y keeps the items in the order written. */
export function doStmt(c: Cursor): Node {
  const args: Node[] = [];
  for (let t = c.peek(); t !== undefined; t = c.peek()) {
    if (c.eat('language')) args.push(language(c, t));
    else args.push(defElem('as', str(sconst(c).text), t.start));
  }
  if (args.length === 0) unsure();
  return { DoStmt: { args } };
}

/**
 * CREATE [OR REPLACE] FUNCTION name() RETURNS type {AS code | LANGUAGE name} ...: the trigger-function shape.
 * Arguments, other options (volatility, SECURITY DEFINER, ...) and SQL-standard bodies go to libpg-query.
 */
export function createFunction(c: Cursor, replace: boolean): Node {
  const funcname = stringList(functionName(c));
  c.expectOp('(');
  c.expectOp(')');
  c.expect('returns');
  const returnType = typeName(c);
  const options: Node[] = [];
  for (let t = c.peek(); t !== undefined; t = c.peek()) {
    if (c.eat('as')) options.push(defElem('as', { List: { items: [str(sconst(c).text)] } }, t.start));
    else if (c.eat('language')) options.push(language(c, t));
    else unsure();
  }
  if (options.length === 0) unsure();
  return { CreateFunctionStmt: compact({ replace, funcname, returnType, options }) };
}

/** func_name restricted to identifiers and unreserved keywords. */
export function functionName(c: Cursor): string[] {
  const parts: string[] = [];
  do {
    const t = c.next();
    if (t.kind !== 'quoted' && !(t.kind === 'word' && (t.kw === Kw.None || t.kw === Kw.Unreserved))) unsure();
    parts.push(t.text);
  } while (c.eatOp('.'));
  if (parts.length > 3) unsure();
  return parts;
}
