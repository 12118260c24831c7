// Character classes of Python source by char code, shared by the fast Python lexer (python/lex.ts) and the
// statement-text reader (python/statementText.ts). They cover ASCII only: letters, digits and `_`,
// and the punctuation both read by code.

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

export const CH_TAB = 9;
export const CH_NEWLINE = 10;
export const CH_RETURN = 13;
export const CH_SPACE = 32;
export const CH_QUOTE = 34;
export const CH_HASH = 35;
export const CH_APOSTROPHE = 39;
export const CH_OPEN_PAREN = 40;
export const CH_CLOSE_PAREN = 41;
export const CH_COMMA = 44;
export const CH_DOT = 46;
export const CH_EQUALS = 61;
export const CH_OPEN_BRACKET = 91;
export const CH_BACKSLASH = 92;
export const CH_CLOSE_BRACKET = 93;
export const CH_F = 102;
export const CH_OPEN_BRACE = 123;
export const CH_CLOSE_BRACE = 125;
