import type { PyNode } from './node';
import { resolve, stringValue, type Scope } from './values';

const FROM_TABLE = /\bfrom\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[A-Za-z_][\w$]*))?)/gi;

function unquote(part: string): string {
  const p = part.trim();
  return p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase();
}

/** Tables that the SQL in an `if` condition reads, e.g. `if conn.execute(text("SELECT 1 FROM t LIMIT 1")).first():`. */
export function emptinessGuardTables(condition: PyNode, scope: Scope): string[] {
  const tables = new Set<string>();
  const candidates = [condition, ...condition.descendantsOfType(['string', 'concatenated_string', 'identifier'])];
  // `count = conn.execute(text("SELECT COUNT(*) FROM t")).scalar()` before `if count > 0: raise ...`.
  for (const name of candidates.filter((c) => c.type === 'identifier')) {
    const bound = resolve(name, scope);
    if (bound.type === 'call') candidates.push(...bound.descendantsOfType(['string', 'concatenated_string']));
  }
  for (const node of candidates) {
    if (node.type !== 'string' && node.type !== 'concatenated_string' && node.type !== 'identifier') continue;
    const value = stringValue(node, scope);
    if (!value || !/\bselect\b/i.test(value.value)) continue;
    for (const m of value.value.matchAll(FROM_TABLE)) {
      const parts = m[1].split('.');
      tables.add(unquote(parts[parts.length - 1]));
    }
  }
  return [...tables];
}

export function raisesInBody(block: PyNode): boolean {
  return block.descendantsOfType('raise_statement').length > 0;
}
