// Splits a SQL script into statements the way psql does, so each statement can be parsed on its own and one
// bad statement cannot hide the ones after it. Single pass over the text: every construct that can contain
// a semicolon (strings, quoted identifiers, comments, dollar-quoted bodies) is skipped with a forward search,
// and anything unterminated simply runs to the end of the text.
//
// Dialects differ in what can hide a semicolon: MySQL has `#` comments, backslash escapes in every string
// and the client's DELIMITER command; MySQL and SQLite quote identifiers with backticks (harmless to
// recognise everywhere, since a backtick is not valid PostgreSQL outside a string); PostgreSQL has $$ bodies.

import type { SqlDialect } from '../options';

export interface SqlStatement {
  /** Offset of the statement's first token (leading whitespace and comments are not part of it). */
  start: number;
  /** Just after the terminating `;`, or after the last token when the text ends without one. */
  end: number;
  text: string;
}

const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;

// `$tag$` where tag is an identifier without `$`, or `$$`. `$1` (a parameter) does not match.
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

// The mysql client's `DELIMITER //` line: until the next one, statements end at `//` instead of `;`.
const DELIMITER_COMMAND = /delimiter[ \t]+(\S+)/iy;

export function splitStatements(text: string, dialect: SqlDialect = 'postgres'): SqlStatement[] {
  const out: SqlStatement[] = [];
  // ClickHouse strings take backslash escapes and `#` starts a comment, as in MySQL.
  const mysql = dialect === 'mysql' || dialect === 'clickhouse';
  const routine = new RoutineBodyTracker();
  let delimiter = ';';
  let start = -1;
  let lastTokenEnd = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) {
      i++;
    } else if ((c === 0x2d && next === 0x2d) || (mysql && c === 0x23)) {
      i = lineEnd(text, i);
    } else if (c === 0x2f && next === 0x2a) {
      i = skipBlockComment(text, i);
    } else if (c === BACKSLASH && !mysql) {
      // psql meta-command: it ends at the end of its line, not at a semicolon. A backslash is not SQL outside a
      // string, so one after a statement's text ends that statement: `SELECT ... \gexec` sends it to the server.
      if (start >= 0) out.push({ start, end: lastTokenEnd, text: text.slice(start, lastTokenEnd) });
      start = -1;
      routine.reset();
      const end = trimLineEnd(text, lineEnd(text, i));
      out.push({ start: i, end, text: text.slice(i, end) });
      i = end;
    } else if (start < 0 && mysql && (c === 0x44 || c === 0x64) && delimiterCommand(text, i)) {
      delimiter = delimiterCommand(text, i) ?? ';';
      i = lineEnd(text, i);
    } else if (delimiter !== ';' && text.startsWith(delimiter, i)) {
      if (start >= 0) out.push({ start, end: lastTokenEnd, text: text.slice(start, lastTokenEnd) });
      i += delimiter.length;
      start = -1;
      routine.reset();
    } else if (c === SEMICOLON && delimiter === ';' && !routine.insideBody()) {
      i++;
      if (start >= 0) {
        const statement = text.slice(start, i);
        out.push({ start, end: i, text: statement });
        if (COPY_FROM_STDIN.test(statement)) i = skipCopyData(text, i);
      }
      start = -1;
      routine.reset();
    } else {
      if (start < 0) start = i;
      const tokenStart = i;
      i = skipToken(text, i, routine, mysql);
      // A custom delimiter may be glued to a word (`END$$`).
      const glued = delimiter === ';' || !isWordStart(c) ? -1 : text.slice(tokenStart, i).indexOf(delimiter);
      if (glued > 0) i = tokenStart + glued;
      lastTokenEnd = i;
    }
  }
  if (start >= 0) out.push({ start, end: lastTokenEnd, text: text.slice(start, lastTokenEnd) });
  return out;
}

const COPY_FROM_STDIN = /^copy\b[\s\S]*?\bfrom\s+stdin\b/i;
const END_OF_COPY_DATA = /^\\\.[ \t]*\r?$/gm;

/** psql sends the lines after COPY .. FROM STDIN as data, up to a line holding only `\.`. */
function skipCopyData(text: string, from: number): number {
  END_OF_COPY_DATA.lastIndex = lineEnd(text, from);
  const end = END_OF_COPY_DATA.exec(text);
  return end ? end.index + end[0].length : text.length;
}

/** The new delimiter when a DELIMITER command starts at `i`. */
function delimiterCommand(text: string, i: number): string | undefined {
  DELIMITER_COMMAND.lastIndex = i;
  return DELIMITER_COMMAND.exec(text)?.[1];
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0xfeff;
}

function isWordStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x24;
}

/** Offset of the line break ending the line that contains `i` (or the end of the text). */
function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

function trimLineEnd(text: string, end: number): number {
  return end > 0 && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
}

/** Returns the offset just past the token starting at `i`. */
function skipToken(text: string, i: number, routine: RoutineBodyTracker, mysql: boolean): number {
  const c = text.charCodeAt(i);
  if (c === 0x27) return mysql ? skipEscapeString(text, i) : skipQuoted(text, i, "'");
  if (c === 0x22) return mysql ? skipEscapeString(text, i, '"') : skipQuoted(text, i, '"');
  if (c === 0x60) return skipQuoted(text, i, '`');
  if (c === 0x24 && !mysql) return skipDollar(text, i);
  if (isWordStart(c)) {
    let end = i + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    // E'...' is the one string form where a backslash escapes the closing quote.
    if (end === i + 1 && (c === 0x45 || c === 0x65) && text.charCodeAt(end) === 0x27) return skipEscapeString(text, end);
    // Most words are past a statement's header, where only a routine's body needs them.
    if (routine.readsWords()) routine.word(text.slice(i, end));
    return end;
  }
  if (c === 0x28) routine.paren(1);
  else if (c === 0x29) routine.paren(-1);
  return i + 1;
}

/** '...' and "..." where a doubled quote stands for itself. */
function skipQuoted(text: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return text.length;
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

/** E'...' in PostgreSQL, and every string in MySQL: a backslash escapes the next character. */
function skipEscapeString(text: string, open: number, quote = "'"): number {
  const q = quote.charCodeAt(0);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === q) {
      if (text.charCodeAt(i + 1) !== q) return i + 1;
      i++;
    }
  }
  return text.length;
}

function skipDollar(text: string, i: number): number {
  DOLLAR_TAG.lastIndex = i;
  const tag = DOLLAR_TAG.exec(text);
  if (!tag) return i + 1;
  const close = text.indexOf(tag[0], DOLLAR_TAG.lastIndex);
  return close < 0 ? text.length : close + tag[0].length;
}

function skipBlockComment(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 0x2f && next === 0x2a) {
      depth++;
      i += 2;
    } else if (c === 0x2a && next === 0x2f) {
      i += 2;
      if (--depth === 0) return i;
    } else {
      i++;
    }
  }
  return text.length;
}

/**
 * SQL-standard routine bodies (`CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END`) contain bare semicolons.
 * This is psql's own heuristic: in a statement starting CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN and
 * (inside it) CASE open a block that END closes, counted only outside parentheses. SQLite and MySQL
 * triggers (`CREATE TRIGGER ... BEGIN ...; END`) have the same shape.
 */
const HEADER_WORDS = 5;

class RoutineBodyTracker {
  private words: string[] = [];
  private isRoutine = false;
  private depth = 0;
  private parens = 0;

  reset(): void {
    this.words = [];
    this.isRoutine = false;
    this.depth = 0;
    this.parens = 0;
  }

  insideBody(): boolean {
    return this.depth > 0;
  }

  /** False once the header shows the statement is not a routine: its words no longer matter. */
  readsWords(): boolean {
    return this.words.length < HEADER_WORDS || this.isRoutine;
  }

  paren(delta: number): void {
    this.parens = Math.max(0, this.parens + delta);
  }

  word(raw: string): void {
    const word = raw.toLowerCase();
    if (this.words.length < HEADER_WORDS) {
      this.words.push(word);
      this.isRoutine = isRoutineHeader(this.words);
    }
    if (!this.isRoutine || this.parens > 0) return;
    if (word === 'begin') this.depth++;
    else if (word === 'case' && this.depth > 0) this.depth++;
    else if (word === 'end' && this.depth > 0) this.depth--;
  }
}

const ROUTINE_KINDS = new Set(['function', 'procedure', 'trigger']);

function isRoutineHeader(w: string[]): boolean {
  if (w[0] !== 'create') return false;
  // CREATE [OR REPLACE] [TEMP] FUNCTION|PROCEDURE|TRIGGER, and MySQL's CREATE DEFINER=... PROCEDURE.
  return w.slice(1).some((word) => ROUTINE_KINDS.has(word));
}

// ------------------------------------------------------------------------------- read by the head

/**
 * Whether a PostgreSQL statement is one no rule reads past its head, so its body need not be parsed:
 * CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW (a materialized view, which copies rows, is parsed), GRANT,
 * REVOKE, COMMENT ON, CREATE/ALTER SEQUENCE and CREATE/ALTER POLICY. A view's body alone was a tenth of a
 * run over real migrations. Only a statement that ends at its own semicolon or at the end of the text,
 * with nothing left unterminated, balanced parentheses, no other semicolon or psql command, and no word
 * that starts a statement of another kind (a forgotten semicolon before a DROP) is taken; anything else
 * is parsed.
 * The one thing lost: a syntax error inside such a body is no longer reported (PostgreSQL rejects the
 * statement, which then changes nothing).
 */
export function readByHead(statement: string): boolean {
  // The last statement of a file may lack its semicolon: with one added on a line of its own, whatever
  // was left unterminated swallows it, as it would any other.
  const text = statement.charCodeAt(statement.length - 1) === SEMICOLON ? statement : `${statement}\n;`;
  const last = text.length - 1;
  const head: string[] = [];
  let kind: HeadKind | undefined;
  let privileges = false;
  let depth = 0;
  let i = 0;
  while (i < last) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) i++;
    else if (c === 0x2d && next === 0x2d) i = lineEnd(text, i);
    else if (c === 0x2f && next === 0x2a) i = skipBlockComment(text, i);
    else if (c === 0x27 || c === 0x22) i = skipQuoted(text, i, text[i]);
    else if (c === 0x24) i = skipDollar(text, i);
    else if (isWordStart(c)) {
      let end = i + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
      if (end === i + 1 && (c === 0x45 || c === 0x65) && text.charCodeAt(end) === 0x27) {
        i = skipEscapeString(text, end);
        continue;
      }
      const word = text.slice(i, end).toLowerCase();
      i = end;
      if (kind === undefined) {
        head.push(word);
        const found = headKind(head);
        if (found === null) return false;
        kind = found;
        privileges = kind === 'grant';
      } else if (privileges && PRIVILEGE_WORDS.has(word)) {
        continue;
      } else if (STATEMENT_WORDS.has(word) && !OWN_WORDS[kind].has(word)) {
        return false;
      } else if (privileges && depth === 0 && (word === 'on' || word === 'to' || word === 'from')) {
        privileges = false;
      }
    } else if (c === 0x28) {
      depth++;
      i++;
    } else if (c === 0x29) {
      if (--depth < 0) return false;
      i++;
    } else if (c === SEMICOLON || c === BACKSLASH) {
      return false;
    } else {
      i++;
    }
  }
  // A string, identifier, comment or body that swallowed the final semicolon ends past it.
  return i === last && depth === 0 && kind !== undefined;
}

type HeadKind = 'grant' | 'sequence' | 'other';

// Statement words a kind uses itself: WITH GRANT OPTION, a sequence's START WITH.
const OWN_WORDS: Record<HeadKind, ReadonlySet<string>> = { grant: new Set(['grant']), sequence: new Set(['start']), other: new Set() };

const CREATE_MODIFIERS = new Set(['or', 'replace', 'temp', 'temporary', 'recursive']);
const MAX_HEAD_WORDS = 6;

/** undefined: more words are needed to tell; null: not a statement read by its head. */
function headKind(words: readonly string[]): HeadKind | null | undefined {
  const [first, second] = words;
  if (first === 'grant' || first === 'revoke') return 'grant';
  if (words.length === 1) return first === 'comment' || first === 'create' || first === 'alter' ? undefined : null;
  if (first === 'comment') return second === 'on' ? 'other' : null;
  const word = words[words.length - 1];
  if (word === 'sequence' || word === 'policy') return first === 'alter' && words.length > 2 ? null : word === 'sequence' ? 'sequence' : 'other';
  if (first !== 'create') return null;
  if (word === 'view') return 'other';
  return CREATE_MODIFIERS.has(word) && words.length < MAX_HEAD_WORDS ? undefined : null;
}

// Words that begin a statement of another kind: where one appears, a semicolon may be missing before it.
// (SELECT, WITH, VALUES, TABLE, SET, END and COMMENT also name columns and tables in views, so they pass.)
const STATEMENT_WORDS = new Set([
  'abort', 'alter', 'analyze', 'begin', 'call', 'checkpoint', 'cluster', 'commit', 'copy', 'create', 'deallocate', 'declare',
  'delete', 'discard', 'do', 'drop', 'execute', 'explain', 'grant', 'import', 'insert', 'listen', 'load', 'lock', 'merge',
  'notify', 'prepare', 'reassign', 'refresh', 'reindex', 'release', 'reset', 'revoke', 'rollback', 'savepoint', 'start',
  'truncate', 'update', 'vacuum',
]);

// What GRANT and REVOKE name before ON/TO/FROM: privileges, some of them words that also start statements.
const PRIVILEGE_WORDS = new Set([
  'select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger', 'create', 'connect', 'temporary', 'temp',
  'execute', 'usage', 'set', 'alter', 'system', 'maintain', 'all', 'privileges', 'grant', 'option', 'for',
]);
