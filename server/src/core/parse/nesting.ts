// An explicit limit on how deeply nested code is read. Parsers and frontends walk syntax trees by
// recursion, so without it the JavaScript stack decided: a 5,000-deep expression came out as a
// parse-error or as a drop-table depending on the thread, the run, and whatever else was on the stack, and
// `--cache` stored whichever it was. Python itself rejects far less (200 nested brackets; chains of a few
// thousand operators exceed its compiler's recursion limit), and PostgreSQL's parser runs out of stack
// too, so no migration that runs nests this deeply.

import type { SyntaxNode } from './pyFastTree';

export const MAX_NESTING = 1000;

const LIMIT = MAX_NESTING.toLocaleString('en-US');

export class NestingTooDeep extends Error {
  constructor(
    readonly offset: number,
    language: 'Python' | 'SQL',
  ) {
    super(
      language === 'Python'
        ? `Python code nested more than ${LIMIT} levels deep (Python itself rejects far less), which Migration Guard does not read`
        : `SQL nested more than ${LIMIT} levels deep, which Migration Guard does not read`,
    );
  }
}

/** Throws NestingTooDeep at the first node deeper than MAX_NESTING. Iterative, so it cannot overflow itself. */
export function checkPythonDepth(root: SyntaxNode): void {
  const stack: [SyntaxNode, number][] = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > MAX_NESTING) throw new NestingTooDeep(node.startIndex, 'Python');
    for (const child of node.children) stack.push([child, depth + 1]);
  }
}

/**
 * Throws NestingTooDeep when a PostgreSQL AST (plain JSON) is deeper than MAX_NESTING nodes. Each level of
 * an expression is two objects (`{ A_Expr: { lexpr: ... } }`), so objects are counted in pairs.
 */
export function checkSqlDepth(ast: unknown): void {
  const stack: [unknown, number][] = [[ast, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (depth > 2 * MAX_NESTING) throw new NestingTooDeep(0, 'SQL');
    if (value === null || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
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
      if (++depth > MAX_NESTING) throw new NestingTooDeep(i, 'SQL');
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
