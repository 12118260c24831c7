// Facts about a node read from the text instead of from wasm. Only for a tree that parsed without
// errors: there every node has the shape the grammar gives it, starts with its first token and ends with
// its last (leading and trailing comments are left to the parent), and each token is what the scanner
// made of the text. Each function answers "unsure" (undefined, -1) whenever the text alone does not
// settle the answer, and the caller reads the tree instead.

import type { PyNode } from './node';

const CH_QUOTE = 34;
const CH_APOSTROPHE = 39;
const CH_DOT = 46;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** The end of the ASCII name at `start` of `text`, or -1 when none starts there. */
function asciiNameEnd(text: string, start: number): number {
  if (!isNameStart(text.charCodeAt(start))) return -1;
  let end = start + 1;
  for (let c = text.charCodeAt(end); isNameStart(c) || (c >= 48 && c <= 57); c = text.charCodeAt(++end));
  return end;
}

/**
 * The name a keyword argument starts with (`nullable` in `nullable=True`). An identifier token runs as far
 * as name characters go, so an ASCII name followed by an ASCII character that is not a name character is
 * the whole token.
 */
export function leadingName(node: PyNode): string | undefined {
  if (!node.clean) return undefined;
  const end = asciiNameEnd(node.source, node.startIndex);
  return end >= 0 && node.source.charCodeAt(end) < 0x80 ? node.source.slice(node.startIndex, end) : undefined;
}

/**
 * In an attribute written as two plain names with nothing between them but the dot (`op.add_column`), the
 * offset of the dot in its text; -1 otherwise.
 */
export function plainMemberDot(node: PyNode): number {
  if (!node.clean) return -1;
  const text = node.text;
  const dot = asciiNameEnd(text, 0);
  return dot >= 0 && text.charCodeAt(dot) === CH_DOT && asciiNameEnd(text, dot + 1) === text.length ? dot : -1;
}

// The only one-word expressions that are not names (keywords like `print` and `match` are names there).
const WORD_LITERALS = new Set(['True', 'False', 'None']);

export function isWordLiteral(word: string): boolean {
  return WORD_LITERALS.has(word);
}

export interface LiteralBounds {
  /** An r prefix: backslashes are kept as written. */
  raw: boolean;
  contentStart: number;
  contentEnd: number;
}

/**
 * The content of a string literal that cannot hold f-string fields. Its first token, string_start, is any
 * run of the prefix letters r, b, u, f and t and then one quote or three; without an f or t the scanner
 * ends the content only at the same quotes, which are its last token, string_end.
 */
export function plainLiteralBounds(node: PyNode): LiteralBounds | undefined {
  if (!node.clean) return undefined;
  const src = node.source;
  let i = node.startIndex;
  let raw = false;
  for (let c = src.charCodeAt(i); c !== CH_QUOTE && c !== CH_APOSTROPHE; c = src.charCodeAt(++i)) {
    const letter = c | 0x20;
    if (letter === 114) raw = true;
    else if (letter !== 98 && letter !== 117) return undefined;
  }
  const quote = src.charCodeAt(i);
  const quotes = src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote ? 3 : 1;
  const contentStart = i + quotes;
  const contentEnd = node.endIndex - quotes;
  if (contentEnd < contentStart) return undefined;
  for (let k = 0; k < quotes; k++) if (src.charCodeAt(contentEnd + k) !== quote) return undefined;
  return { raw, contentStart, contentEnd };
}
