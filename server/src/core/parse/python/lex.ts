// The tokens of the part of Python the fast parser reads (python/fast.ts), with the layout tokens tree-sitter-python's
// external scanner makes: NEWLINE at the end of each logical line, INDENT and DEDENT around blocks.
// End-of-line comments are kept aside, each with the token that follows it (whole-line ones were blanked
// before parsing).
//
// Anything whose tokens or layout the scanner might read differently from this lexer makes it give up
// (return undefined): tabs, form feeds and carriage returns, line continuations, non-ASCII outside string
// literals and comments, f-string fields other than dotted names, escapes the grammar reads as a lone
// backslash, dedents to a column no block started at, and numbers other than plain decimal integers and
// `digits.digits` floats.

import { CH_SPACE, CH_NEWLINE, CH_QUOTE, CH_APOSTROPHE, CH_HASH, CH_DOT, isDigit, isNameChar, isNameStart } from './chars';

export const Tok = { Name: 0, Integer: 1, Float: 2, String: 3, Op: 4, Newline: 5, Indent: 6, Dedent: 7, End: 8 } as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

export interface Token {
  readonly kind: Tok;
  /** The name, the operator, or '' for the other kinds. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A string literal's parts: where its quotes end and start, its escapes and its f-string fields. */
  readonly string?: StringParts;
}

export interface StringParts {
  /** The end of string_start: prefix letters and the opening quotes. */
  readonly contentStart: number;
  /** The start of string_end. */
  readonly contentEnd: number;
  /** What string_content holds or what splits it, as [kind, start, end] triples in order. */
  readonly pieces: readonly number[];
}

/** The kinds of StringParts.pieces. */
export const Piece = { Escape: 0, EscapedBrace: 1, Interpolation: 2 } as const;


function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Two-character operators first: the lexer takes the longest. `**=`, `//=` and `...` are not read at all. */
const OPERATORS_2 = new Set(['**', '//', '->', '==', '!=', '<=', '>=']);
const TWO_CHARACTER_STARTS = new Set(['*', '/', '-', '=', '!', '<', '>']);
const OPERATORS_1 = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', '=', '+', '-', '*', '/', '%', '<', '>', '@', '~']);
/** Augmented assignment and the walrus: a one-character operator and `=`. */
const REFUSED_BEFORE_EQUALS = new Set(['+', '-', '*', '/', '%', '@', ':']);

/** The simple one-character escapes: /['"abfrntv\\]/ in the grammar, plus an escaped line break. */
const SIMPLE_ESCAPES = new Set(["'", '"', 'a', 'b', 'f', 'r', 'n', 't', 'v', '\\', '\n']);

class Lexer {
  private pos = 0;
  private depth = 0;
  private readonly indents = [0];
  readonly tokens: Token[] = [];
  /** End-of-line comments as [start, end, index of the token after it] triples. */
  readonly comments: number[] = [];

  constructor(private readonly src: string) {}

  run(): boolean {
    const src = this.src;
    const n = src.length;
    let lineStart = true;
    while (true) {
      if (lineStart) {
        const col = this.indentation();
        if (col < 0) return false;
        if (this.pos >= n) break;
        if (!this.layout(col)) return false;
        lineStart = false;
      }
      let c = src.charCodeAt(this.pos);
      while (c === CH_SPACE) c = src.charCodeAt(++this.pos);
      if (this.pos >= n) break;
      if (c === CH_NEWLINE) {
        if (this.depth > 0) {
          this.pos++;
          // Within brackets the scanner still makes a DEDENT (a syntax error) where a closing bracket
          // cannot come next and the line starts left of the block's indentation: such lines are refused.
          const col = this.indentation();
          if (col < 0 || (this.pos < n && col < this.indents[this.indents.length - 1])) return false;
          continue;
        }
        this.push(Tok.Newline, '', this.pos, this.pos);
        this.pos++;
        lineStart = true;
        continue;
      }
      if (c === CH_HASH) {
        if (!this.comment()) return false;
        continue;
      }
      if (!this.token(c)) return false;
    }
    if (this.depth > 0) return false;
    const last = this.tokens[this.tokens.length - 1];
    if (last === undefined) return false;
    if (last.kind !== Tok.Newline) this.push(Tok.Newline, '', n, n);
    for (let i = this.indents.length - 1; i > 0; i--) this.push(Tok.Dedent, '', n, n);
    this.push(Tok.End, '', n, n);
    return true;
  }

  /** A comment after a token, to the end of the line; one holding a control character is refused. */
  private comment(): boolean {
    const src = this.src;
    const start = this.pos;
    let end = start + 1;
    for (let c = src.charCodeAt(end); end < src.length && c !== CH_NEWLINE; c = src.charCodeAt(++end)) if (c < CH_SPACE || c === 0x7f) return false;
    this.comments.push(start, end, this.tokens.length);
    this.pos = end;
    return true;
  }

  /** Skips blank lines; the column of the next line with a token, -1 for what is not read here. */
  private indentation(): number {
    const src = this.src;
    for (;;) {
      let col = 0;
      let c = src.charCodeAt(this.pos);
      while (c === CH_SPACE) {
        col++;
        c = src.charCodeAt(++this.pos);
      }
      if (this.pos >= src.length) return 0;
      if (c !== CH_NEWLINE) return c === CH_HASH || c < CH_SPACE ? -1 : col;
      this.pos++;
    }
  }

  /** INDENT or DEDENTs before the first token of a line. */
  private layout(col: number): boolean {
    const top = this.indents[this.indents.length - 1];
    if (this.tokens.length === 0) return col === 0;
    if (col > top) {
      this.indents.push(col);
      this.push(Tok.Indent, '', this.pos, this.pos);
    } else {
      while (col < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.push(Tok.Dedent, '', this.pos, this.pos);
      }
      if (col !== this.indents[this.indents.length - 1]) return false;
    }
    return true;
  }

  private token(c: number): boolean {
    const src = this.src;
    const start = this.pos;
    if (isNameStart(c)) {
      let end = start + 1;
      while (isNameChar(src.charCodeAt(end))) end++;
      const next = src.charCodeAt(end);
      if (next >= 0x80) return false;
      if (next === CH_QUOTE || next === CH_APOSTROPHE) return this.string(start, end);
      this.pos = end;
      this.push(Tok.Name, src.slice(start, end), start, end);
      return true;
    }
    if (isDigit(c)) return this.number(start);
    if (c === CH_QUOTE || c === CH_APOSTROPHE) return this.string(start, start);
    const one = src[start];
    const next = src[start + 1];
    const two = TWO_CHARACTER_STARTS.has(one) ? one + next : '';
    if (OPERATORS_2.has(two)) {
      if ((two === '**' || two === '//') && src[start + 2] === '=') return false;
      this.pos = start + 2;
      this.push(Tok.Op, two, start, start + 2);
      return true;
    }
    if (!OPERATORS_1.has(one) || (next === '=' && REFUSED_BEFORE_EQUALS.has(one))) return false;
    // Shifts, `<>`, the ellipsis and floats like `.5`.
    if ((one === '<' && (next === '<' || next === '>')) || (one === '>' && next === '>') || (one === '.' && (next === '.' || isDigit(src.charCodeAt(start + 1))))) return false;
    if (one === '(' || one === '[' || one === '{') this.depth++;
    else if (one === ')' || one === ']' || one === '}') {
      if (this.depth === 0) return false;
      this.depth--;
    }
    this.pos = start + 1;
    this.push(Tok.Op, one, start, start + 1);
    return true;
  }

  /** `digits` or `digits.digits`, not followed by anything that would make it another kind of number. */
  private number(start: number): boolean {
    const src = this.src;
    let end = start;
    while (isDigit(src.charCodeAt(end))) end++;
    let kind: Tok = Tok.Integer;
    if (src.charCodeAt(end) === CH_DOT) {
      if (!isDigit(src.charCodeAt(end + 1))) return false;
      end++;
      while (isDigit(src.charCodeAt(end))) end++;
      kind = Tok.Float;
    }
    const next = src.charCodeAt(end);
    if (isNameChar(next) || next === CH_DOT || next >= 0x80) return false;
    this.pos = end;
    this.push(kind, '', start, end);
    return true;
  }

  /**
   * A literal whose prefix letters are [start, quote): r, b and u, each at most once, or an f alone. In an
   * f-string, each field is a dotted name and nothing else: no spaces, conversions or format specs.
   */
  private string(start: number, quote: number): boolean {
    const src = this.src;
    let raw = false;
    let bytes = false;
    let unicode = false;
    let format = false;
    for (let i = start; i < quote; i++) {
      const letter = src.charCodeAt(i) | 0x20;
      if (letter === 114 && !raw) raw = true;
      else if (letter === 98 && !bytes) bytes = true;
      else if (letter === 117 && !unicode) unicode = true;
      else if (letter === 102 && !format) format = true;
      else return false;
    }
    if ((unicode || format) && quote - start > 1) return false;
    const q = src[quote];
    const triple = src.startsWith(q + q + q, quote);
    const contentStart = quote + (triple ? 3 : 1);
    const pieces: number[] = [];
    let i = contentStart;
    for (;;) {
      if (i >= src.length) return false;
      const ch = src[i];
      if (ch === q) {
        if (!triple) break;
        if (src.startsWith(q + q + q, i)) break;
        i++;
      } else if (ch === '\\') {
        if (raw) {
          const next = src[i + 1];
          if (next === '\r') return false;
          i += next === q || next === '\\' || next === '\n' ? 2 : 1;
        } else {
          const end = escapeEnd(src, i, bytes);
          if (end < 0) return false;
          pieces.push(Piece.Escape, i, end);
          i = end;
        }
      } else if (format && (ch === '{' || ch === '}')) {
        if (src[i + 1] === ch) {
          pieces.push(Piece.EscapedBrace, i, i + 2);
          i += 2;
        } else {
          const end = ch === '{' ? fieldEnd(src, i) : -1;
          if (end < 0) return false;
          pieces.push(Piece.Interpolation, i, end);
          i = end;
        }
      } else if (ch === '\n') {
        if (!triple) return false;
        i++;
      } else if (ch === '\r' || ch === '\0') {
        return false;
      } else {
        i++;
      }
    }
    const end = i + (triple ? 3 : 1);
    this.pos = end;
    this.push(Tok.String, '', start, end, { contentStart, contentEnd: i, pieces });
    return true;
  }

  private push(kind: Tok, text: string, start: number, end: number, string?: StringParts): void {
    this.tokens.push({ kind, text, start, end, string });
  }
}

/** The end of the escape sequence whose backslash is at `at`, as the grammar's escape_sequence token reads it; -1 for any other. */
function escapeEnd(src: string, at: number, bytes: boolean): number {
  const c = src[at + 1];
  if (c === undefined) return -1;
  if (SIMPLE_ESCAPES.has(c)) return at + 2;
  const code = src.charCodeAt(at + 1);
  if (isDigit(code)) {
    let end = at + 2;
    while (end < at + 4 && isDigit(src.charCodeAt(end))) end++;
    return end;
  }
  // In a bytes literal the scanner reads \u, \U and \N as plain content.
  if (bytes) return c === 'x' ? hexEscape(src, at, 2) : -1;
  if (c === 'x') return hexEscape(src, at, 2);
  if (c === 'u') return hexEscape(src, at, 4);
  if (c === 'U') return hexEscape(src, at, 8);
  if (c === 'N' && src[at + 2] === '{') {
    let end = at + 3;
    while (/[A-Za-z0-9 -]/.test(src[end] ?? '')) end++;
    return end > at + 3 && src[end] === '}' ? end + 1 : -1;
  }
  return -1;
}

/** Just past the `}` of the f-string field `{a.b}` whose `{` is at `at`; -1 for any other field. */
function fieldEnd(src: string, at: number): number {
  let i = at + 1;
  for (;;) {
    if (!isNameStart(src.charCodeAt(i))) return -1;
    while (isNameChar(src.charCodeAt(i))) i++;
    const c = src[i];
    if (c === '}') return i + 1;
    if (c !== '.') return -1;
    i++;
  }
}

function hexEscape(src: string, at: number, digits: number): number {
  for (let i = at + 2; i < at + 2 + digits; i++) if (!isHex(src.charCodeAt(i))) return -1;
  return at + 2 + digits;
}

/** The tokens of `src`, or undefined when it holds anything this lexer does not read the scanner's way. */
export function tokenize(src: string): { tokens: Token[]; comments: number[] } | undefined {
  const lexer = new Lexer(src);
  return lexer.run() ? { tokens: lexer.tokens, comments: lexer.comments } : undefined;
}
