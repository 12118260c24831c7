// Where Python statements, strings and comments are, from one linear scan of the text.
//
// Fixes need only this much of Python's structure (where a statement starts, whether a line is inside a
// string, where an argument list really ends), and a second tree-sitter parse would cost as much as the
// whole analysis of a file, so a small tokenizer does it instead.

import type { Range } from '../ops';

export interface PyStatement {
  /** The first character of the logical line (after its indentation). */
  start: number;
  /** The end of the logical line's last physical line, before the line break. */
  end: number;
}

export interface PyLayout {
  statements: PyStatement[];
  /** String literals, from the opening quote (after any prefix) to just past the closing quote. */
  strings: Range[];
  comments: Range[];
}

const QUOTES = new Set(['"', "'"]);

export function scanPython(text: string): PyLayout {
  const statements: PyStatement[] = [];
  const strings: Range[] = [];
  const comments: Range[] = [];
  let depth = 0;
  let open: number | undefined;
  let lastTokenEnd = 0;
  let lineStart = true;
  let i = 0;
  const close = () => {
    if (open !== undefined) statements.push({ start: open, end: lineEndAt(text, lastTokenEnd) });
    open = undefined;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (depth === 0) {
        close();
        lineStart = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      const end = lineEndAt(text, i);
      comments.push({ start: i, end });
      i = end;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      // An explicit line continuation: the next physical line belongs to this logical line.
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (lineStart) {
      open = i;
      lineStart = false;
    }
    if (QUOTES.has(c)) {
      const end = skipString(text, i);
      strings.push({ start: i, end });
      i = end;
    } else {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      i++;
    }
    lastTokenEnd = i;
  }
  close();
  return { statements, strings, comments };
}

/** Past the closing quote; an unterminated string runs to the end of its line (or of the text, if triple-quoted). */
function skipString(text: string, start: number): number {
  const q = text[start];
  const triple = text.startsWith(q.repeat(3), start);
  const delimiter = triple ? q.repeat(3) : q;
  let i = start + delimiter.length;
  while (i < text.length) {
    const c = text[i];
    // Even in raw strings a backslash keeps the next quote from closing the string.
    if (c === '\\') i += 2;
    else if (text.startsWith(delimiter, i)) return i + delimiter.length;
    else if (!triple && (c === '\n' || c === '\r')) return i;
    else i++;
  }
  return text.length;
}

function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The logical line that contains `offset`, if any. */
export function statementAt(layout: PyLayout, offset: number): PyStatement | undefined {
  const found = lastAtOrBefore(layout.statements, offset);
  return found && offset <= found.end ? found : undefined;
}

/** Whether `offset` lies inside a string literal (after its opening quote). */
export function inString(layout: PyLayout, offset: number): boolean {
  const s = lastAtOrBefore(layout.strings, offset);
  return s !== undefined && s.start < offset && offset < s.end;
}

export function stringAt(layout: PyLayout, offset: number): Range | undefined {
  const s = lastAtOrBefore(layout.strings, offset);
  return s && s.start < offset && offset < s.end ? s : undefined;
}

export function inComment(layout: PyLayout, offset: number): boolean {
  const c = lastAtOrBefore(layout.comments, offset);
  return c !== undefined && offset < c.end;
}

function lastAtOrBefore<T extends { start: number }>(items: T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = items[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
