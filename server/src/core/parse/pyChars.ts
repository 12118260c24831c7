// Character classes of Python source by char code, shared by the fast Python lexer (pyFastLex.ts) and the
// statement-text reader (frontends/pyStatementText.ts). They cover ASCII only: letters, digits and `_`.

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}
