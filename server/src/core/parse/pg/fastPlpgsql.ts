// A fast path in front of libpg-query's PL/pgSQL parser, for the DO blocks migrations make their DDL
// idempotent with: BEGIN, IF [NOT] EXISTS (SELECT ...) THEN <SQL>; END IF; END. Like pg/fast.ts it returns
// exactly what libpg-query returns (parsePlPgSQLSync's JSON) or undefined, whenever it is not certain, so
// that the caller asks libpg-query: test/unit/pgFastPlpgsql.test.ts compares the two.
//
// Covered, inside one BEGIN ... END without DECLARE, label or EXCEPTION: IF/ELSIF/ELSE, RAISE with a level,
// a message and parameters, NULL, and the SQL statements (CREATE, ALTER, DROP, ...) without INTO. PL/pgSQL
// checks the syntax of every SQL statement and expression in the body; here the fast SQL path does, and a
// text it cannot parse sends the whole body to libpg-query.

import type { Node } from 'libpg-query';
import type { PlpgsqlParseResult } from './';
import { fastParse } from './fast';
import { tokenize, type Token, unsure } from './lex';

type PlNode = Record<string, unknown>;

/** RAW_PARSE_DEFAULT and RAW_PARSE_PLPGSQL_EXPR: what a PLpgSQL_expr's text is parsed as. */
const STATEMENT = 0;
const EXPRESSION = 2;

// elog.h levels, by RAISE's level keywords; RAISE without one is EXCEPTION.
const ERROR = 21;
const RAISE_LEVELS = new Map([['exception', ERROR], ['warning', 19], ['notice', 18], ['info', 17], ['log', 15], ['debug', 14]]);

/** Words that end a statement list: the END of the block or of an IF, and IF's other branches. */
const LIST_ENDS = new Set(['end', 'elsif', 'elseif', 'else']);

/** First words of the SQL statements taken as PLpgSQL_stmt_execsql (none of them is a PL/pgSQL keyword). */
const SQL_COMMANDS = new Set(['create', 'alter', 'drop', 'truncate', 'delete', 'update', 'comment']);

/**
 * Words that change how PL/pgSQL reads a SQL statement: INTO names variables, and a CREATE FUNCTION or
 * PROCEDURE inside a body is read with its own BEGIN ... END nesting.
 */
const SPECIAL_IN_SQL = new Set(['into', 'function', 'procedure']);

/**
 * parsePlPgSQLSync(sql) for `CREATE FUNCTION name() RETURNS void LANGUAGE plpgsql AS <body>` (the shape
 * frontends/sql/frontend.ts wraps DO blocks in), or undefined when the body is not of a shape known for certain.
 */
export function fastParsePlPgSQL(sql: string): PlpgsqlParseResult | undefined {
  const body = plpgsqlBody(sql);
  const tokens = body === undefined ? undefined : tokenize(body);
  if (body === undefined || !tokens) return undefined;
  let action: PlNode;
  try {
    action = new BodyReader(body, tokens).block();
  } catch {
    // Mostly UNSURE; but even a bug here must cost speed only, never a statement: libpg-query decides.
    return undefined;
  }
  const found = { PLpgSQL_var: { refname: 'found', datatype: { PLpgSQL_type: { typname: 'boolean' } } } };
  return { plpgsql_funcs: [{ PLpgSQL_function: { datums: [found], action } }] };
}

/** The body of a parameterless plpgsql function returning void, declared with LANGUAGE and AS only. */
function plpgsqlBody(sql: string): string | undefined {
  const stmt = fastParse(sql)?.stmts?.[0]?.stmt;
  if (!stmt || !('CreateFunctionStmt' in stmt)) return undefined;
  const { returnType, options = [] } = stmt.CreateFunctionStmt;
  const names = returnType?.names ?? [];
  if (names.length !== 1 || !('String' in names[0]) || names[0].String.sval !== 'void' || returnType?.typmods || returnType?.arrayBounds) return undefined;
  // fastParse takes LANGUAGE and AS only, each holding one string; each must appear once.
  const values = new Map<string, string | undefined>();
  for (const option of options) {
    const elem = 'DefElem' in option ? option.DefElem : undefined;
    if (!elem?.defname || values.has(elem.defname)) return undefined;
    values.set(elem.defname, optionString(elem.arg));
  }
  return values.size === 2 && values.get('language') === 'plpgsql' ? values.get('as') : undefined;
}

/** LANGUAGE holds a String, AS a List of one String (the body). */
function optionString(arg: Node | undefined): string | undefined {
  if (arg && 'String' in arg) return arg.String.sval;
  const items = arg && 'List' in arg ? (arg.List.items ?? []) : [];
  return items.length === 1 && 'String' in items[0] ? items[0].String.sval : undefined;
}

/** scan.l's whitespace; PL/pgSQL trims it from the end of a statement's text. */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\n\r\f\v'.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

class BodyReader {
  private i = 0;

  constructor(
    private readonly body: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** pl_function: the top-level block, an optional semicolon, and nothing after it. */
  block(): PlNode {
    const begin = this.expectWord('begin');
    const body = this.statements();
    this.expectWord('end');
    this.eatOp(';');
    if (this.i < this.tokens.length) unsure();
    // A function returning void gets a RETURN at the end of its body (add_dummy_return).
    body.push({ PLpgSQL_stmt_return: {} });
    return { PLpgSQL_stmt_block: { lineno: this.lineOf(begin), body } };
  }

  /** proc_sect: statements up to the word that ends the list (left for the caller to read). */
  private statements(): PlNode[] {
    const out: PlNode[] = [];
    for (let t = this.peek(); !isWord(t, LIST_ENDS); t = this.peek()) {
      const stmt = this.statement(this.next());
      if (stmt) out.push(stmt);
    }
    return out;
  }

  /** One statement; NULL is none at all (gram.y drops it from the list). */
  private statement(first: Token): PlNode | undefined {
    if (first.kind !== 'word') return unsure();
    if (first.text === 'if') return this.ifStatement(first);
    if (first.text === 'raise') return this.raise(first);
    if (first.text === 'null') {
      this.expectOp(';');
      return undefined;
    }
    if (SQL_COMMANDS.has(first.text)) return this.execSql(first);
    return unsure();
  }

  private ifStatement(keyword: Token): PlNode {
    const stmt: PlNode = { lineno: this.lineOf(keyword), cond: this.expression('then') };
    this.next();
    const thenBody = this.statements();
    if (thenBody.length) stmt.then_body = thenBody;
    const elsifs: PlNode[] = [];
    for (let t = this.peek(); isWord(t, ELSIF); t = this.peek()) {
      const elsif: PlNode = { lineno: this.lineOf(this.next()), cond: this.expression('then') };
      this.next();
      const stmts = this.statements();
      if (stmts.length) elsif.stmts = stmts;
      elsifs.push({ PLpgSQL_if_elsif: elsif });
    }
    if (elsifs.length) stmt.elsif_list = elsifs;
    if (isWord(this.peek(), ELSE)) {
      this.next();
      const elseBody = this.statements();
      if (elseBody.length) stmt.else_body = elseBody;
    }
    this.expectWord('end');
    this.expectWord('if');
    this.expectOp(';');
    return { PLpgSQL_stmt_if: stmt };
  }

  /** RAISE [level] 'message' [, expression ...]; re-raising, condition names and USING go to libpg-query. */
  private raise(keyword: Token): PlNode {
    const stmt: PlNode = { lineno: this.lineOf(keyword), elog_level: ERROR };
    const level = this.peek();
    if (level?.kind === 'word' && RAISE_LEVELS.has(level.text)) stmt.elog_level = RAISE_LEVELS.get(this.next().text);
    const message = this.next();
    if (message.kind !== 'string' && message.kind !== 'dollar') unsure();
    stmt.message = message.text;
    const params: PlNode[] = [];
    while (this.eatOp(',')) params.push(this.expression(','));
    this.expectOp(';');
    // check_raise_parameters(): one parameter per `%` that is not part of `%%`.
    if (placeholders(message.text) !== params.length) unsure();
    if (params.length) stmt.params = params;
    return { PLpgSQL_stmt_raise: stmt };
  }

  /** make_execsql_stmt: the statement's text up to its semicolon (outside parentheses). */
  private execSql(first: Token): PlNode {
    let depth = 0;
    let t = first;
    for (; !(t.kind === 'op' && t.text === ';' && depth === 0); t = this.next()) {
      if (t.kind === 'op' && t.text === '(') depth++;
      else if (t.kind === 'op' && t.text === ')' && depth > 0) depth--;
      else if (isWord(t, SPECIAL_IN_SQL)) unsure();
    }
    const query = trimEnd(this.body.slice(first.start, t.start));
    if (!fastParse(query)) unsure();
    return { PLpgSQL_stmt_execsql: { lineno: this.lineOf(first), sqlstmt: { PLpgSQL_expr: { query, parseMode: STATEMENT } } } };
  }

  /**
   * read_sql_construct: an expression's text up to `until` (a word, or `,` which also stops at `;`) outside
   * brackets; the terminator is left unread. The text must parse as a SELECT's target, as PL/pgSQL checks.
   */
  private expression(until: string): PlNode {
    const first = this.peek() ?? unsure();
    let depth = 0;
    for (let t = first; ; this.next(), t = this.peek() ?? unsure()) {
      const stops = t.kind === 'op' ? until === ',' && (t.text === ',' || t.text === ';') : t.kind === 'word' && t.text === until;
      if (stops && depth === 0) break;
      if (t.kind !== 'op') continue;
      if (t.text === ';') unsure();
      if (t.text === '(' || t.text === '[') depth++;
      else if ((t.text === ')' || t.text === ']') && --depth < 0) unsure();
    }
    const last = this.tokens[this.i - 1];
    if (this.peek() === first) unsure();
    // Unlike a statement's, an expression's text ends with its last token: a comment before THEN is not part of it.
    const query = this.body.slice(first.start, last.end);
    if (!fastParse(`SELECT ${query}`)) unsure();
    return { PLpgSQL_expr: { query, parseMode: EXPRESSION } };
  }

  /** PL/pgSQL numbers lines from the start of the body. */
  private lineOf(t: Token): number {
    let line = 1;
    for (let at = this.body.indexOf('\n'); at >= 0 && at < t.start; at = this.body.indexOf('\n', at + 1)) line++;
    return line;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.peek() ?? unsure();
    this.i++;
    return t;
  }

  private expectWord(word: string): Token {
    const t = this.next();
    if (t.kind !== 'word' || t.text !== word) unsure();
    return t;
  }

  private eatOp(op: string): boolean {
    const t = this.peek();
    if (t?.kind !== 'op' || t.text !== op) return false;
    this.i++;
    return true;
  }

  private expectOp(op: string): void {
    if (!this.eatOp(op)) unsure();
  }
}

const ELSIF = new Set(['elsif', 'elseif']);
const ELSE = new Set(['else']);

function isWord(t: Token | undefined, words: ReadonlySet<string>): boolean {
  return t !== undefined && t.kind === 'word' && words.has(t.text);
}

function placeholders(message: string): number {
  let n = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== '%') continue;
    if (message[i + 1] === '%') i++;
    else n++;
  }
  return n;
}
