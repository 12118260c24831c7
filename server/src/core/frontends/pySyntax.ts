import type { Problem } from '../ops';
import type { PyNode } from './pyNode';

/** Syntax errors in a Python migration: reported, and the operations around them are still read. */
export function syntaxProblems(root: PyNode): Problem[] {
  if (!root.hasError) return [];
  const bad = root.descendantsOfType(['ERROR']).slice(0, 5);
  const missing = bad.length > 0 ? [] : collectMissing(root).slice(0, 5);
  return [...bad, ...missing].map((n) => ({
    message: 'Python syntax error: this part of the file could not be read, so operations in it may be missed',
    range: { start: n.startIndex, end: Math.max(n.endIndex, n.startIndex + 1) },
  }));
}

function collectMissing(node: PyNode, out: PyNode[] = []): PyNode[] {
  if (out.length >= 5) return out;
  if (node.isMissing) out.push(node);
  else if (node.hasError) for (const child of node.children) collectMissing(child, out);
  return out;
}
