// Where tree-sitter-python puts end-of-line comments in the trees the fast parser builds (python/fast.ts).
//
// tree-sitter parses a comment as an extra, attached where the parser stands when it reads it, and moves
// extras that end a node out of it when the node is reduced. That places a comment:
// - inside brackets, in the smallest node holding the tokens on both sides of it;
// - after the colon of a block's header, in the compound statement, before the block;
// - after a decorator, in the decorator, which then ends with it;
// - after any other statement, in the block or module holding the statement, which then ends with it
//   (and so do the statements whose block it ends).
// Anything else is left to tree-sitter.

import { Tok, type Token } from './lex';
import { leaf, type FastNode } from './tree';

/** The statements a block follows, after a colon. */
const HEADERS = new Set([
  'function_definition', 'class_definition', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'with_statement',
  'try_statement', 'except_clause', 'finally_clause',
]);

/**
 * Adds each comment ([start, end, index of the token after it] triples) to the tree; false when one is
 * somewhere these rules do not cover. `nodes` holds the node made for each token.
 */
export function placeComments(nodes: readonly (FastNode | undefined)[], tokens: readonly Token[], comments: readonly number[]): boolean {
  for (let k = 0; k < comments.length; k += 3) {
    const next = comments[k + 2];
    const before = nodes[next - 1];
    const after = nodes[next];
    if (!before) return false;
    const container = tokens[next].kind === Tok.Newline ? lineEnd(before) : after && commonAncestor(before, after);
    if (!container || !container.isNamed || container.children.length === 0) return false;
    container.addExtra(leaf('comment', true, comments[k], comments[k + 1]));
  }
  return true;
}

/** Where a comment ending the line of `before` goes. */
function lineEnd(before: FastNode): FastNode | undefined {
  if (before.type === ':' && !before.isNamed && before.parent && HEADERS.has(before.parent.type)) return before.parent;
  for (let node = before; node.parent; node = node.parent) {
    const type = node.parent.type;
    if (type === 'decorator' || type === 'block' || type === 'module') return node.parent;
  }
  return undefined;
}

function commonAncestor(a: FastNode, b: FastNode): FastNode | undefined {
  const ancestors = new Set<FastNode>();
  for (let node: FastNode | null = a; node; node = node.parent) ancestors.add(node);
  for (let node: FastNode | null = b; node; node = node.parent) if (ancestors.has(node)) return node;
  return undefined;
}
