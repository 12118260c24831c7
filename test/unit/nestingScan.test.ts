// The nesting checks that run on every Python file (parse/nesting.ts) take shortcuts: the bracket scan
// jumps between the characters that matter, and a fast tree's depth is read from the heights its nodes
// keep (parse/python/tree.ts). Both must answer exactly as the plain character-by-character scan and the
// plain walk of every node, which are kept here as the reference.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalyzer } from '../../server/src/core/analyze';
import { checkPythonBrackets, checkPythonDepth, MAX_NESTING, NestingTooDeep, PYTHON_MAX_BRACKETS } from '../../server/src/core/parse/nesting';
import { parsePythonSyntax } from '../../server/src/core/parse/python';
import type { SyntaxNode } from '../../server/src/core/parse/python/tree';
import { Rng } from '../bench/rng';

before(async () => {
  await initAnalyzer();
});

/** The scan as first written: every character in turn. */
function referenceBrackets(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > PYTHON_MAX_BRACKETS) return i;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    } else if (c === '"' || c === "'") {
      const quote = c;
      const triple = text.startsWith(quote.repeat(3), i);
      let j = i + (triple ? 3 : 1);
      for (; j < text.length; j++) {
        const d = text[j];
        if (d === '\\') j++;
        else if (!triple && (d === '\n' || d === '\r')) break;
        else if (d === quote && (!triple || text.startsWith(quote.repeat(3), j))) {
          if (triple) j += 2;
          break;
        }
      }
      i = Math.min(j, text.length);
    }
  }
  return undefined;
}

/** The walk as first written: every node, with its depth. */
function referenceDepth(root: SyntaxNode): number | undefined {
  const stack: [SyntaxNode, number][] = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > MAX_NESTING) return node.startIndex;
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return undefined;
}

function thrownAt(check: () => void): number | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (err instanceof NestingTooDeep) return err.offset;
    throw err;
  }
}

const PIECES = ['(', ')', '[', ']', '{', '}', '#', '"', "'", '\\', '\n', '\r', 'a', ' ', '"""', "'''", 'x = ', '\\"', "\\'"];

test('the bracket scan answers as the character-by-character scan', () => {
  const rng = new Rng(20261207);
  let thrown = 0;
  for (let n = 0; n < 4000; n++) {
    const parts: string[] = [];
    const length = rng.int(0, 120);
    for (let k = 0; k < length; k++) parts.push(rng.int(0, 40) === 0 ? '('.repeat(rng.int(150, 260)) : rng.pick(PIECES));
    const text = parts.join('');
    const expected = referenceBrackets(text);
    if (expected !== undefined) thrown++;
    assert.equal(thrownAt(() => checkPythonBrackets(text)), expected, JSON.stringify(text.slice(0, 200)));
  }
  // Both outcomes were exercised.
  assert.ok(thrown > 100 && thrown < 3900, String(thrown));
});

test('a fast tree too deep is found where the walk of every node finds it, and one deep enough is not', () => {
  const cases: string[] = [];
  for (const n of [10, 500, 997, 998, 999, 1000, 1001, 1002, 1500]) {
    cases.push(`x = ${Array(n).fill('1').join(' + ')}\n`);
    cases.push(`x = ${'not '.repeat(n)}a\n`);
    // Comments are placed into the tree after it is built (FastNode.addExtra).
    cases.push(`def f():\n    # c\n    x = ${Array(n).fill('a').join(' * ')}  # tail\n    # more\n`);
  }
  let fast = 0;
  for (const text of cases) {
    const { tree, fast: isFast } = parsePythonSyntax(text);
    try {
      // A tree-sitter tree is walked with its cursor, as before; only fast trees take the shortcut.
      if (!isFast) continue;
      fast++;
      assert.equal(thrownAt(() => checkPythonDepth(tree.rootNode)), referenceDepth(tree.rootNode), text.slice(0, 80));
    } finally {
      tree.delete();
    }
  }
  assert.ok(fast >= cases.length / 2, `only ${fast} of ${cases.length} took the fast path`);
  // Trees past the limit were among them (checked: the walk finds one).
  assert.ok(cases.some((text) => { const { tree, fast: f } = parsePythonSyntax(text); try { return f && referenceDepth(tree.rootNode) !== undefined; } finally { tree.delete(); } }));
});
