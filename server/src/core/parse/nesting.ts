// An explicit limit on how deeply nested code is read. Parsers and frontends walk syntax trees by
// recursion, so without it the JavaScript stack decided: a 5,000-deep expression came out as a
// parse-error or as a drop-table depending on the thread, the run, and whatever else was on the stack, and
// `--cache` stored whichever it was. Python itself rejects far less (200 nested brackets; chains of a few
// thousand operators exceed its compiler's recursion limit), and PostgreSQL's parser runs out of stack
// too, so no migration that runs nests this deeply.

import type { Node } from 'web-tree-sitter';
import type { SyntaxNode } from './python/tree';

export const MAX_NESTING = 1000;

/** CPython's tokenizer stops at this many open brackets ("too many nested parentheses"). */
export const PYTHON_MAX_BRACKETS = 200;

const LIMIT = MAX_NESTING.toLocaleString('en-US');
const MESSAGES = {
  python: `Python code nested more than ${LIMIT} levels deep (Python itself rejects far less), which Migration Guard does not read`,
  'python-brackets': `Brackets nested more than ${PYTHON_MAX_BRACKETS} deep, which Python rejects ("too many nested parentheses")`,
  sql: `SQL nested more than ${LIMIT} levels deep, which Migration Guard does not read`,
};

export class NestingTooDeep extends Error {
  constructor(
    readonly offset: number,
    kind: keyof typeof MESSAGES,
  ) {
    super(MESSAGES[kind]);
  }
}

/**
 * Throws NestingTooDeep past Python's own bracket limit, before any parser runs: tree-sitter's error
 * recovery on thousands of unclosed brackets took longer than reading the rest of the file. Strings and
 * comments are skipped.
 */
export function checkPythonBrackets(text: string): void {
  // The scans jump from one character that matters to the next with regular expressions, which run as
  // compiled code from the first file on, where a loop over every character ran in V8's interpreter until
  // it was warm: this check runs on every Python file before it is parsed.
  const scan = /[()[\]{}#"']/g;
  let depth = 0;
  for (let found = scan.exec(text); found; found = scan.exec(text)) {
    const i = found.index;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > PYTHON_MAX_BRACKETS) throw new NestingTooDeep(i, 'python-brackets');
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (c === '#') {
      scan.lastIndex = indexOfMatch(LINE_END, text, i + 1);
    } else {
      scan.lastIndex = pythonStringEnd(text, i) + 1;
    }
  }
}

const LINE_END = /[\n\r]/g;
const STRING_STOPS = { "'": /['\\\n\r]/g, '"': /["\\\n\r]/g, "'''": /['\\]/g, '"""': /["\\]/g } as const;

/** Where `pattern` (global) next matches in `text` from `from`, or the end of the text. */
function indexOfMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

/** The index of the last character of the string literal opening at `open` (a backslash escapes, as in raw strings too). */
function pythonStringEnd(text: string, open: number): number {
  const quote = text[open] as "'" | '"';
  const triple = text.startsWith(quote.repeat(3), open);
  const stops = STRING_STOPS[triple ? (quote === "'" ? "'''" : '"""') : quote];
  for (let i = indexOfMatch(stops, text, open + (triple ? 3 : 1)); i < text.length; i = indexOfMatch(stops, text, i + 1)) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n' || c === '\r') return i;
    else if (!triple || text.startsWith(quote.repeat(3), i)) return triple ? i + 2 : i;
  }
  return text.length;
}

/** Throws NestingTooDeep at the first node deeper than MAX_NESTING. Iterative, so it cannot overflow itself. */
export function checkPythonDepth(root: SyntaxNode): void {
  if (isTreeSitterNode(root)) return checkTreeSitterDepth(root);
  // A fast tree knows its height (parse/python/tree.ts): only one too deep is walked, to find where.
  const { height } = root as { height?: number };
  if (height !== undefined && height <= MAX_NESTING + 1) return;
  const stack: [SyntaxNode, number][] = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > MAX_NESTING) throw new NestingTooDeep(node.startIndex, 'python');
    for (const child of node.children) stack.push([child, depth + 1]);
  }
}

function isTreeSitterNode(node: SyntaxNode): node is SyntaxNode & Pick<Node, 'walk'> {
  return typeof (node as Partial<Node>).walk === 'function';
}

// Through a cursor: reading `children` of a tree-sitter node copies them out of WebAssembly, which on a
// broken file full of error nodes cost as much as the parse itself.
function checkTreeSitterDepth(root: Pick<Node, 'walk'>): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      if (depth > MAX_NESTING) throw new NestingTooDeep(cursor.startIndex, 'python');
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Throws NestingTooDeep when a PostgreSQL AST (plain JSON) is deeper than MAX_NESTING nodes. Each level of
 * an expression is two objects (`{ A_Expr: { lexpr: ... } }`), so objects are counted in pairs.
 */
export function checkSqlDepth(ast: unknown): void {
  if (ast === null || typeof ast !== 'object') return;
  // Two stacks side by side rather than one of pairs: a statement's tree is walked without a pair per node.
  const nodes: object[] = [ast];
  const depths: number[] = [0];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = (depths.pop() ?? 0) + 1;
    if (depth > 2 * MAX_NESTING + 1) throw new NestingTooDeep(0, 'sql');
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      nodes.push(child);
      depths.push(depth);
    }
  }
}

/**
 * Throws NestingTooDeep when parentheses or brackets in a SQL statement nest more than MAX_NESTING deep,
 * before any parser sees it: the JavaScript fast path would recurse into them as deep as the stack allows
 * (answering on one thread, declining on another), and libpg-query gives up at a depth of its own.
 * Quotes, comments and dollar-quoted bodies are skipped (a body is checked when it is parsed itself).
 */
export function checkSqlParentheses(sql: string): void {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '(' || c === '[') {
      if (++depth > MAX_NESTING) throw new NestingTooDeep(i, 'sql');
    } else if (c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    } else if (c === "'" || c === '"') {
      i = closing(sql, i, c);
    } else if (c === '-' && sql[i + 1] === '-') {
      i = sql.indexOf('\n', i);
      if (i < 0) return;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = sql.indexOf('*/', i + 2);
      if (i < 0) return;
      i++;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end < 0) return;
        i = end + tag[0].length - 1;
      }
    }
  }
}

/** The index of the quote closing the one at `open` (a doubled quote is part of the text); the end when none. */
function closing(sql: string, open: number, quote: string): number {
  for (let i = open + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] !== quote) return i;
    i++;
  }
  return sql.length;
}
