import type { Problem } from '../ops';
import type { PyNode } from './node';
import { positionalArgs } from './values';

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

// List methods that add to the list, by how many arguments they take: SQLAlchemy's `table.insert()` and
// `table.update()` take none, so a table bound to a name is not mistaken for a growing list.
const GROWS: Record<string, number> = { append: 1, extend: 1, insert: 2 };
const GROWING_WORDS = /\b(?:append|extend|insert)\b|\+=/;

/**
 * Names whose value a statement of `body` adds to: `.append()`/`.extend()`/`.insert()` on them, or `+=`.
 * Such a name is not what it was first bound to (`values = []` filled in a loop), so it is not read as that.
 */
export function grownNames(body: PyNode): Set<string> {
  const names = new Set<string>();
  // Most bodies name none of these words: one scan of the text spares two walks of the tree (5% of a run).
  if (!GROWING_WORDS.test(body.text)) return names;
  for (const call of body.descendantsOfType('call')) {
    const fn = call.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const takes = GROWS[fn?.childForFieldName('attribute')?.text ?? ''];
    if (object?.type === 'identifier' && takes !== undefined && positionalArgs(call).length === takes) names.add(object.text);
  }
  for (const a of body.descendantsOfType('augmented_assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier') names.add(left.text);
  }
  return names;
}
