// Simple Python expression statements read straight from the text, as the syntax tree would give them.
//
// Reading a node through web-tree-sitter crosses into wasm for every fact, and a migration's operations
// are statements like `op.add_column("t", sa.Column("c", sa.Integer(), nullable=True))` whose many small
// nodes cost far more to read than to parse again. In a tree without errors, such a statement's text
// parses one way only, so a strict reader over a small part of Python builds the same nodes: names,
// attributes, calls with positional and keyword arguments, string literals without f-string fields,
// decimal integers, True/False/None, lists, tuples and parentheses, and `name = expression`. On anything
// else (comments, operators, escapes beyond the simple ones, keywords, unusual whitespace) every reading
// function returns undefined, and the tree is read as usual; only a list or argument list whose items
// are not all simple is kept, with its items left to the tree, when its brackets can be stepped over.

import { CH_TAB, CH_NEWLINE, CH_SPACE, CH_QUOTE, CH_APOSTROPHE, CH_OPEN_PAREN, CH_CLOSE_PAREN, CH_COMMA, CH_DOT, CH_EQUALS, CH_OPEN_BRACKET, CH_CLOSE_BRACKET, CH_F, CH_OPEN_BRACE, CH_CLOSE_BRACE, isDigit, isNameChar, isNameStart } from '../parse/python/chars';

/** What the reader needs to know of the nodes it builds. */
export interface BuiltNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
}

/** Makes the nodes: `named` are the named children, `fields` maps field names to indexes into them. */
export interface SyntaxBuilder<T extends BuiltNode> {
  node(type: string, start: number, end: number, named: readonly T[], fields: ReadonlyMap<string, number>): T;
  /** A node whose children are left to the tree: a string literal's tokens, or items this reader does not read. */
  opaque(type: string, start: number, end: number): T;
}

const NO_FIELDS: ReadonlyMap<string, number> = new Map();
/** The named children of every leaf. */
const NO_NAMED: readonly never[] = [];
const CALL_FIELDS = new Map([['function', 0], ['arguments', 1]]);
const ATTRIBUTE_FIELDS = new Map([['object', 0], ['attribute', 1]]);
const KEYWORD_FIELDS = new Map([['name', 0], ['value', 1]]);
const ASSIGNMENT_FIELDS = new Map([['left', 0], ['right', 1]]);

// Keywords, soft keywords and the names the grammar also reads as keywords (print, exec): a statement
// using one is left to the tree. Kept by first letter, to be compared in place.
const KEYWORDS_BY_FIRST: string[][] = [];
for (const word of [
  'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'exec',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match', 'nonlocal', 'not', 'or', 'pass', 'print',
  'raise', 'return', 'try', 'type', 'while', 'with', 'yield',
]) {
  (KEYWORDS_BY_FIRST[word.charCodeAt(0)] ??= []).push(word);
}
const MAX_DEPTH = 64;

// Content up to the next character that needs a look: the quote, a backslash, or a line break or NUL,
// which only a triple-quoted string may hold (and only the line break).
const PLAIN_CONTENT: Record<string, RegExp> = {
  "'": /[^'\\\n\r\0]*/y,
  '"': /[^"\\\n\r\0]*/y,
  "'''": /[^'\\\r\0]*/y,
  '"""': /[^"\\\r\0]*/y,
};
/** What may follow a backslash outside a raw string: the escapes the scanner reads as two characters. */
const SIMPLE_ESCAPE = /[\\'"abfnrtv\n]/;


/** r, b and u, and the f and t of an f-string (refused when the literal is read): the scanner's prefix letters. */
function isPrefixLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower === 114 || lower === 98 || lower === 117 || lower === 102 || lower === 116;
}

function isQuote(c: number): boolean {
  return c === CH_QUOTE || c === CH_APOSTROPHE;
}

/** Whether the word at [start, end) of `src` is one of `words`. */
function isOneOf(words: readonly string[] | undefined, src: string, start: number, end: number): boolean {
  return words !== undefined && words.some((w) => w.length === end - start && src.startsWith(w, start));
}

const WORD_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'none' };
const WORD_LITERAL_NAMES = Object.keys(WORD_LITERALS);

/** True, False and None are literals; every other word here is a name. */
function wordType(src: string, start: number, end: number): string {
  const literal = isOneOf(WORD_LITERAL_NAMES, src, start, end) ? WORD_LITERALS[src.slice(start, end)] : undefined;
  return literal ?? 'identifier';
}

/** Letters, digits and underscores, and any non-ASCII character: what names, numbers and string prefixes are made of. */
function isWordChar(c: number): boolean {
  return isNameChar(c) || c >= 0x80;
}

/**
 * The end of the literal without f-string fields starting at `start` (prefix letters, then quotes),
 * where the scanner ends it; -1 when it is not one, or holds what is not read here (an escape beyond the
 * simple ones, a line break in a one-line literal), or runs past `limit`.
 */
function stringEnd(src: string, start: number, limit: number): number {
  let i = start;
  let raw = false;
  for (let c = src.charCodeAt(i); !isQuote(c); c = src.charCodeAt(++i)) {
    const letter = c | 0x20;
    if (letter === 114) raw = true;
    else if (letter !== 98 && letter !== 117) return -1;
  }
  const quote = src[i];
  const delimiter = src.startsWith(quote + quote + quote, i) ? quote + quote + quote : quote;
  const plain = PLAIN_CONTENT[delimiter];
  i += delimiter.length;
  for (;;) {
    plain.lastIndex = i;
    plain.test(src);
    i = plain.lastIndex;
    if (i >= limit) return -1;
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (i + 1 >= limit || next === '\r' || (!raw && !SIMPLE_ESCAPE.test(next))) return -1;
      i += 2;
    } else if (c === quote && src.startsWith(delimiter, i)) {
      i += delimiter.length;
      return i > limit ? -1 : i;
    } else if (c === quote || (c === '\n' && delimiter.length === 3)) {
      i++;
    } else {
      return -1;
    }
  }
}

const CLOSING: Record<number, number> = { [CH_OPEN_PAREN]: CH_CLOSE_PAREN, [CH_OPEN_BRACKET]: CH_CLOSE_BRACKET, [CH_OPEN_BRACE]: CH_CLOSE_BRACE };

/** A run of characters that neither open nor close anything: no quote, bracket, comment or backslash. */
const INERT = /[^"'()[\]{}#\\\r\0]*/y;
/** The same among a list's own items, stopping at each `f` too, where a `for` may start. */
const INERT_ITEMS = /[^"'()[\]{}#\\\r\0f]*/y;

/**
 * Just past the bracket that closes the one at `start`, found without reading what is between; -1 when
 * what is between would change what the brackets are (a `for` among the items makes a comprehension or
 * generator) or cannot be stepped over safely (comments, line continuations, f-strings).
 */
function skipBracketed(src: string, start: number, limit: number): number {
  const closers = [CLOSING[src.charCodeAt(start)]];
  let i = start + 1;
  while (i < limit) {
    const inert = closers.length === 1 ? INERT_ITEMS : INERT;
    inert.lastIndex = i;
    inert.test(src);
    i = inert.lastIndex;
    if (i >= limit) return -1;
    const c = src.charCodeAt(i);
    if (c === CH_F) {
      if (isWordAt(src, 'for', i)) return -1;
      i++;
    } else if (isQuote(c)) {
      i = stringEnd(src, prefixStart(src, i), limit);
      if (i < 0) return -1;
    } else if (c === CH_OPEN_PAREN || c === CH_OPEN_BRACKET || c === CH_OPEN_BRACE) {
      closers.push(CLOSING[c]);
      i++;
    } else if ((c === CH_CLOSE_PAREN || c === CH_CLOSE_BRACKET || c === CH_CLOSE_BRACE) && closers.pop() === c) {
      i++;
      if (closers.length === 0) return i;
    } else {
      return -1;
    }
  }
  return -1;
}

/** Where the literal whose quote is at `quote` starts: at the word right before it, its prefix letters (checked by stringEnd). */
function prefixStart(src: string, quote: number): number {
  let start = quote;
  while (isWordChar(src.charCodeAt(start - 1))) start--;
  return start;
}

/** Whether `word` stands alone at `at` of `src`, not as part of a longer name. */
function isWordAt(src: string, word: string, at: number): boolean {
  return src.startsWith(word, at) && !isWordChar(src.charCodeAt(at - 1)) && !isWordChar(src.charCodeAt(at + word.length));
}

/** What a bracketed list holds: call arguments or plain expressions. */
type Items = 'arguments' | 'expressions';

class Reader<T extends BuiltNode> {
  private pos: number;
  /** Open brackets: newlines are only whitespace inside them. */
  private brackets = 0;
  /** Commas in the bracketed list read last. */
  private commas = 0;

  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
    private readonly build: SyntaxBuilder<T>,
  ) {
    this.pos = start;
  }

  statement(): T | undefined {
    const first = this.expression(0);
    if (!first) return undefined;
    this.space();
    let result: T | undefined = first;
    if (first.type === 'identifier' && this.at(CH_EQUALS) && !this.at(CH_EQUALS, 1)) {
      this.pos++;
      this.space();
      const right = this.expression(0);
      result = right && this.build.node('assignment', first.startIndex, right.endIndex, [first, right], ASSIGNMENT_FIELDS);
    }
    this.space();
    return this.pos === this.end ? result : undefined;
  }

  /** A primary expression followed by attribute accesses and calls. */
  private expression(depth: number): T | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let value = this.atom(depth);
    while (value) {
      this.space();
      if (this.at(CH_DOT)) {
        this.pos++;
        this.space();
        const name = this.name();
        value = name?.type === 'identifier' ? this.build.node('attribute', value.startIndex, name.endIndex, [value, name], ATTRIBUTE_FIELDS) : undefined;
      } else if (this.at(CH_OPEN_PAREN)) {
        const args = this.bracketed('argument_list', CH_CLOSE_PAREN, 'arguments', depth);
        value = args && this.build.node('call', value.startIndex, args.endIndex, [value, args], CALL_FIELDS);
      } else {
        return value;
      }
    }
    return undefined;
  }

  private atom(depth: number): T | undefined {
    if (this.pos >= this.end) return undefined;
    const c = this.src.charCodeAt(this.pos);
    if (this.startsString()) return this.strings();
    if (c === CH_OPEN_BRACKET) return this.bracketed('list', CH_CLOSE_BRACKET, 'expressions', depth);
    if (c === CH_OPEN_PAREN) return this.parenthesized(depth);
    if (isDigit(c)) return this.integer();
    return this.name();
  }

  /** Any run of prefix letters directly followed by a quote starts a string (the scanner's rule). */
  private startsString(): boolean {
    let i = this.pos;
    while (i < this.end && isPrefixLetter(this.src.charCodeAt(i))) i++;
    return i < this.end && isQuote(this.src.charCodeAt(i));
  }

  /** A name, or True/False/None. */
  private name(): T | undefined {
    const start = this.pos;
    if (start >= this.end || !isNameStart(this.src.charCodeAt(start))) return undefined;
    let end = start + 1;
    while (end < this.end && isNameChar(this.src.charCodeAt(end))) end++;
    // A non-ASCII character may continue the name; such names are left to the tree.
    if (end < this.end && this.src.charCodeAt(end) >= 0x80) return undefined;
    if (isOneOf(KEYWORDS_BY_FIRST[this.src.charCodeAt(start)], this.src, start, end)) return undefined;
    this.pos = end;
    return this.build.node(wordType(this.src, start, end), start, end, NO_NAMED, NO_FIELDS);
  }

  /** Decimal digits only: no sign, point, exponent, underscore or suffix. */
  private integer(): T | undefined {
    const start = this.pos;
    let end = start;
    while (end < this.end && isDigit(this.src.charCodeAt(end))) end++;
    const next = this.src.charCodeAt(end);
    if (end < this.end && (next === CH_DOT || next >= 0x80 || isNameChar(next))) return undefined;
    this.pos = end;
    return this.build.node('integer', start, end, NO_NAMED, NO_FIELDS);
  }

  /** One string literal, or several next to each other (a concatenated_string). */
  private strings(): T | undefined {
    const first = this.string();
    if (!first) return undefined;
    const parts = [first];
    for (;;) {
      const before = this.pos;
      this.space();
      if (!this.startsString()) {
        this.pos = before;
        break;
      }
      const next = this.string();
      if (!next) return undefined;
      parts.push(next);
    }
    if (parts.length === 1) return first;
    return this.build.node('concatenated_string', first.startIndex, parts[parts.length - 1].endIndex, parts, NO_FIELDS);
  }

  /** A literal without f-string fields, ended where the scanner ends it. */
  private string(): T | undefined {
    const start = this.pos;
    const end = stringEnd(this.src, start, this.end);
    if (end < 0) return undefined;
    this.pos = end;
    return this.build.opaque('string', start, end);
  }

  /** `name=value` or a positional expression. */
  private argument(depth: number): T | undefined {
    const start = this.pos;
    const name = this.startsString() ? undefined : this.name();
    if (name) {
      this.space();
      if (this.at(CH_EQUALS) && !this.at(CH_EQUALS, 1)) {
        this.pos++;
        this.space();
        const value = name.type === 'identifier' ? this.expression(depth) : undefined;
        return value && this.build.node('keyword_argument', name.startIndex, value.endIndex, [name, value], KEYWORD_FIELDS);
      }
      this.pos = start;
    }
    return this.expression(depth);
  }

  /** `(x)` is a parenthesized_expression; `()`, `(x,)` and `(x, y)` are tuples. */
  private parenthesized(depth: number): T | undefined {
    const start = this.pos;
    const items = this.items(CH_CLOSE_PAREN, 'expressions', depth);
    const type = items?.length === 1 && this.commas === 0 ? 'parenthesized_expression' : 'tuple';
    return items && this.build.node(type, start, this.pos, items, NO_FIELDS);
  }

  /**
   * A list or argument list. When its items are not all simple (a dict, an operator), its brackets can
   * still be stepped over: it is kept with its items left to the tree, and the statement is still read.
   */
  private bracketed(type: string, close: number, kind: Items, depth: number): T | undefined {
    const start = this.pos;
    const brackets = this.brackets;
    const items = this.items(close, kind, depth);
    if (items) return this.build.node(type, start, this.pos, items, NO_FIELDS);
    this.brackets = brackets;
    const end = skipBracketed(this.src, start, this.end);
    if (end < 0) return undefined;
    this.pos = end;
    return this.build.opaque(type, start, end);
  }

  /** Comma-separated items from the opening bracket here through `close`, with an optional trailing comma. */
  private items(close: number, kind: Items, depth: number): T[] | undefined {
    this.pos++;
    this.brackets++;
    const items: T[] = [];
    let commas = 0;
    this.space();
    while (!this.at(close)) {
      const item = kind === 'arguments' ? this.argument(depth + 1) : this.expression(depth + 1);
      if (!item) return undefined;
      items.push(item);
      this.space();
      if (this.at(CH_COMMA)) {
        commas++;
        this.pos++;
        this.space();
      } else if (!this.at(close)) {
        return undefined;
      }
    }
    this.pos++;
    this.brackets--;
    this.commas = commas;
    return items;
  }

  /** Whether the character `ahead` places on is `c`, within the statement. */
  private at(c: number, ahead = 0): boolean {
    return this.pos + ahead < this.end && this.src.charCodeAt(this.pos + ahead) === c;
  }

  /** Spaces and tabs, and newlines inside brackets. Anything else (a comment, a line continuation) is not expected and gives up. */
  private space(): void {
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c !== CH_SPACE && c !== CH_TAB && !(c === CH_NEWLINE && this.brackets > 0)) return;
      this.pos++;
    }
  }
}

/**
 * The single named child of the expression statement spanning [start, end) of `source`, read from the
 * text and made by `build`; undefined when the statement is not simple enough to be sure. Only for
 * trees without errors.
 */
export function simpleStatement<T extends BuiltNode>(source: string, start: number, end: number, build: SyntaxBuilder<T>): T | undefined {
  return new Reader(source, start, end, build).statement();
}
