// The tokenizer of the fast PostgreSQL path (pg/fast.ts), and the cursor its parser walks the tokens with.
// The tokenizer follows PostgreSQL's scanner (scan.l) for the subset it accepts and gives up (returns
// undefined) on everything whose tokens or offsets it is not sure of: non-ASCII text outside strings,
// quoted identifiers and comments (and anywhere unless the caller takes UTF-8 byte offsets), parameters,
// E''/B''/X''/N'' and U& literals, string continuation, over-long identifiers (PostgreSQL truncates them)
// and operators other than the handful the grammar uses.

import { findKeyword, Kw, LOOKAHEAD, wordHash } from './keywords';

/** `dollar` is a $tag$...$tag$ string, kept apart from 'string' so that only the grammar rules written for it take it. */
export type TokenKind = 'word' | 'quoted' | 'string' | 'dollar' | 'int' | 'float' | 'op';

export interface Token {
  kind: TokenKind;
  /** Words: lower-cased; quoted identifiers and strings: unescaped (dollar strings: the body); numbers as written; operators normalised. */
  text: string;
  /** Offset of the first character: a UTF-8 byte offset, as libpg-query reports them, when tokenize was asked for those. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Keyword category of an unquoted word, Kw.None for everything else. */
  kw: Kw;
}

/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes) with a notice; the fast path does not. */
const MAX_IDENTIFIER = 63;

const C = {
  Tab: 0x09, Newline: 0x0a, FormFeed: 0x0c, Return: 0x0d, Space: 0x20, DoubleQuote: 0x22, Quote: 0x27,
  Dollar: 0x24, Star: 0x2a, Minus: 0x2d, Dot: 0x2e, Slash: 0x2f, Colon: 0x3a,
} as const;

/** Anything but ASCII shifts libpg-query's byte offsets away from string offsets; NUL ends its C string. */
const NOT_PLAIN_ASCII = /[^\x01-\x7f]/;
/** A surrogate without its partner has no UTF-8 form: libpg-query would see a replacement character. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Splits `sql` into tokens, or returns undefined when it holds anything the fast path does not handle.
 * With `utf8Offsets`, text outside ASCII is taken inside strings, quoted identifiers and comments (the
 * scanner gives up on it anywhere else), and every offset is then a UTF-8 byte offset.
 */
export function tokenize(sql: string, utf8Offsets = false): Token[] | undefined {
  const ascii = !NOT_PLAIN_ASCII.test(sql);
  if (!ascii && (!utf8Offsets || sql.includes('\0') || LONE_SURROGATE.test(sql))) return undefined;
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    let end: number;
    if (c === C.Space || c === C.Newline || c === C.Tab || c === C.Return || c === C.FormFeed) {
      i++;
      continue;
    } else if (isWordStart(c)) {
      end = scanWord(sql, i, out);
    } else if (c === C.Minus && sql.charCodeAt(i + 1) === C.Minus) {
      if (hidesLookahead(out)) return undefined;
      i = lineCommentEnd(sql, i);
      continue;
    } else if (c === C.Slash && sql.charCodeAt(i + 1) === C.Star) {
      end = blockCommentEnd(sql, i);
      if (end < 0 || hidesLookahead(out)) return undefined;
      i = end;
      continue;
    } else if (c === C.DoubleQuote) {
      end = scanQuoted(sql, i, out);
    } else if (c === C.Quote) {
      end = scanString(sql, i, out);
    } else if (c === C.Dollar) {
      end = scanDollarString(sql, i, out);
    } else if (isDigit(c) || (c === C.Dot && isDigit(sql.charCodeAt(i + 1)))) {
      end = scanNumber(sql, i, out);
    } else {
      end = scanPunctuation(sql, i, out);
    }
    if (end < 0) return undefined;
    i = end;
  }
  if (!ascii) toUtf8Offsets(sql, out);
  return out;
}

/** UTF-8 bytes of one UTF-16 code unit; a surrogate pair's two halves make its four bytes. */
function utf8Width(unit: number): number {
  if (unit < 0x80) return 1;
  if (unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff)) return 2;
  return 3;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += utf8Width(text.charCodeAt(i));
  return bytes;
}

/** Turns the tokens' string offsets into byte offsets in one pass (tokens are in order and do not overlap). */
function toUtf8Offsets(sql: string, tokens: Token[]): void {
  let unit = 0;
  let byte = 0;
  const at = (offset: number): number => {
    for (; unit < offset; unit++) byte += utf8Width(sql.charCodeAt(unit));
    return byte;
  };
  for (const t of tokens) {
    t.start = at(t.start);
    t.end = at(t.end);
  }
}

/** Marks the word before a lookahead partner as the merged token when it is one of the partner's words. */
function applyLookahead(out: Token[], after: ReadonlySet<string>): void {
  const previous = out[out.length - 1];
  if (previous?.kind === 'word' && after.has(previous.text)) previous.kw = Kw.Reserved;
}

/**
 * libpg-query's lookahead takes a comment for the next token: NOT, then a comment, then IN is a syntax
 * error there, while the fast path would skip the comment. Such input goes to libpg-query.
 */
function hidesLookahead(out: Token[]): boolean {
  const last = out[out.length - 1];
  return last !== undefined && last.kind === 'word' && LOOKAHEAD.has(last.text);
}

function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 0x24;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function lineCommentEnd(sql: string, i: number): number {
  while (i < sql.length && sql.charCodeAt(i) !== C.Newline && sql.charCodeAt(i) !== C.Return) i++;
  return i;
}

/** Block comments nest in PostgreSQL; -1 when one is left open. */
function blockCommentEnd(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length - 1; i++) {
    const c = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    if (c === C.Slash && next === C.Star) {
      depth++;
      i++;
    } else if (c === C.Star && next === C.Slash) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** A keyword or an unquoted identifier, folded to lower case. */
function scanWord(sql: string, start: number, out: Token[]): number {
  let i = start;
  let hash = 0;
  let upper = false;
  for (; i < sql.length; i++) {
    let c = sql.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      c += 0x20;
      upper = true;
    } else if (!isWordChar(c)) {
      break;
    }
    hash = wordHash(hash, c);
  }
  // A word glued to a quote is a string prefix (E'', B'', X'', N'') or a typed literal: not handled.
  if (i - start > MAX_IDENTIFIER || sql.charCodeAt(i) === C.Quote) return -1;
  const keyword = findKeyword(sql, start, i, hash);
  if (keyword) {
    if (keyword.after) applyLookahead(out, keyword.after);
    out.push({ kind: 'word', text: keyword.word, start, end: i, kw: keyword.kw });
  } else {
    out.push({ kind: 'word', text: upper ? sql.slice(start, i).toLowerCase() : sql.slice(start, i), start, end: i, kw: Kw.None });
  }
  return i;
}

/** "..." with "" standing for one double quote; never a keyword, never folded. */
function scanQuoted(sql: string, start: number, out: Token[]): number {
  const close = closingQuote(sql, start, '"');
  if (close < 0) return -1;
  const text = sql.slice(start + 1, close).replaceAll('""', '"');
  if (text.length === 0 || utf8Length(text) > MAX_IDENTIFIER) return -1;
  out.push({ kind: 'quoted', text, start, end: close + 1, kw: Kw.None });
  return close + 1;
}

/** '...' with '' standing for one quote (standard_conforming_strings: a backslash is an ordinary character). */
function scanString(sql: string, start: number, out: Token[]): number {
  const close = closingQuote(sql, start, "'");
  // Two strings in a row are either a syntax error or PostgreSQL's concatenation across a newline.
  if (close < 0 || out[out.length - 1]?.kind === 'string') return -1;
  const raw = sql.slice(start + 1, close);
  out.push({ kind: 'string', text: raw.includes("''") ? raw.replaceAll("''", "'") : raw, start, end: close + 1, kw: Kw.None });
  return close + 1;
}

// scan.l's dolqdelim: `$$` or `$tag$`, where the tag is an identifier without `$`. (`$1` is a parameter.)
const DOLLAR_DELIMITER = /\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$/y;

/**
 * A dollar-quoted string: everything up to the first copy of its opening delimiter, taken as is. A `$`
 * glued to a word is part of the word (scanWord), so this only sees a `$` that starts a token.
 */
function scanDollarString(sql: string, start: number, out: Token[]): number {
  DOLLAR_DELIMITER.lastIndex = start;
  const open = DOLLAR_DELIMITER.exec(sql);
  if (!open) return -1;
  const bodyStart = start + open[0].length;
  const close = sql.indexOf(open[0], bodyStart);
  if (close < 0) return -1;
  const end = close + open[0].length;
  out.push({ kind: 'dollar', text: sql.slice(bodyStart, close), start, end, kw: Kw.None });
  return end;
}

function closingQuote(sql: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const close = sql.indexOf(quote, i);
    if (close < 0) return -1;
    if (sql[close + 1] !== quote) return close;
    i = close + 2;
  }
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/**
 * Decimal integers and decimals as scan.l reads them. Integers that do not fit in 32 bits become floats, as
 * in PostgreSQL. Anything glued to a number (hex/octal/binary prefixes, `_` separators, trailing junk, `..`)
 * is refused.
 */
function scanNumber(sql: string, start: number, out: Token[]): number {
  NUMBER.lastIndex = start;
  const m = NUMBER.exec(sql);
  if (!m) return -1;
  const end = start + m[0].length;
  const after = sql.charCodeAt(end);
  if (isWordChar(after) || after === C.Dot) return -1;
  const text = m[0];
  const integer = /^\d+$/.test(text) && Number(text) <= 0x7fffffff;
  out.push({ kind: integer ? 'int' : 'float', text, start, end, kw: Kw.None });
  return end;
}

const OP_CHARS = '~!@#^&|`?+-*/%<>=';
/** Operators after scan.l's trimming; `!=` is PostgreSQL's spelling of `<>`. */
const OPERATORS = new Map([
  ['+', '+'], ['-', '-'], ['*', '*'], ['/', '/'], ['%', '%'], ['<', '<'], ['>', '>'], ['=', '='],
  ['<=', '<='], ['>=', '>='], ['<>', '<>'], ['!=', '<>'], ['||', '||'],
]);
const PUNCTUATION = '(),;[].';

/** Punctuation, `::`, and operators trimmed the way scan.l trims them. */
function scanPunctuation(sql: string, start: number, out: Token[]): number {
  const ch = sql[start];
  if (ch === ':') {
    if (sql.charCodeAt(start + 1) !== C.Colon) return -1;
    out.push({ kind: 'op', text: '::', start, end: start + 2, kw: Kw.None });
    return start + 2;
  }
  if (PUNCTUATION.includes(ch)) {
    if (ch === '.' && sql[start + 1] === '.') return -1;
    out.push({ kind: 'op', text: ch, start, end: start + 1, kw: Kw.None });
    return start + 1;
  }
  const len = operatorLength(sql, start);
  const op = len > 0 ? OPERATORS.get(sql.slice(start, start + len)) : undefined;
  if (!op) return -1;
  out.push({ kind: 'op', text: op, start, end: start + len, kw: Kw.None });
  return start + len;
}

/**
 * scan.l's operator rule: the longest run of operator characters, cut before any `--` or `/*`, and then
 * shorn of trailing `+`/`-` unless it contains one of ~!@#^&|`?% (so `=-1` is `=` then `-1`).
 */
function operatorLength(sql: string, start: number): number {
  let end = start;
  while (end < sql.length && OP_CHARS.includes(sql[end])) {
    if (end > start && ((sql[end] === '-' && sql[end - 1] === '-') || (sql[end] === '*' && sql[end - 1] === '/'))) {
      end--;
      break;
    }
    end++;
  }
  let len = end - start;
  const last = sql[start + len - 1];
  if (len > 1 && (last === '+' || last === '-')) {
    const body = sql.slice(start, start + len - 1);
    if (!/[~!@#^&|`?%]/.test(body)) {
      do len--;
      while (len > 1 && (sql[start + len - 1] === '+' || sql[start + len - 1] === '-'));
    }
  }
  return len;
}

// ---------------------------------------------------------------- cursor

/** Thrown when the input leaves the subset the fast path is certain about; fastParse catches it. */
const UNSURE = Symbol('pgFast: not sure');

export function unsure(): never {
  throw UNSURE;
}

/** Walks tokens[0, end): the statement's tokens without its closing semicolon. */
export class Cursor {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: number,
  ) {}

  peek(ahead = 0): Token | undefined {
    const at = this.i + ahead;
    return at < this.end ? this.tokens[at] : undefined;
  }

  atEnd(): boolean {
    return this.i >= this.end;
  }

  next(): Token {
    const t = this.peek();
    if (!t) unsure();
    this.i++;
    return t;
  }

  /** The next token's text, which must be an unquoted word: a quoted "select" is a name, never a keyword. */
  keyword(): string {
    const t = this.next();
    if (t.kind !== 'word') unsure();
    return t.text;
  }

  /** True when the token `ahead` is the unquoted (key)word `word`. */
  is(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'word' && t.text === word;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'op' && t.text === op;
  }

  eat(word: string): boolean {
    if (!this.is(word)) return false;
    this.i++;
    return true;
  }

  eatOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expect(word: string): Token {
    if (!this.is(word)) unsure();
    return this.next();
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) unsure();
    return this.next();
  }

  /** `IF EXISTS`; a lone `if` would be a name, which the fast path leaves to libpg-query. */
  ifExists(): boolean {
    if (!this.is('if')) return false;
    this.next();
    this.expect('exists');
    return true;
  }

  /** `IF NOT EXISTS`, with the same caution as ifExists. */
  ifNotExists(): boolean {
    if (!this.is('if')) return false;
    this.next();
    this.expect('not');
    this.expect('exists');
    return true;
  }
}
