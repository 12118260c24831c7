// What env.py tells autogenerate: the metadata it compares (target_metadata), the tables it is told to
// leave alone (include_object / include_name), the schemas it looks at and the version table.

import { withPythonTree, type PyNode } from '../python/node';
import { iniValue } from '../ini';
import { literal } from './pyModule';
import type { TableFilter } from './types';

export interface EnvFacts {
  /** The expression assigned to target_metadata; undefined when there is none or it is None. */
  targetMetadata?: string;
  exclusions: TableFilter;
  includeSchemas: boolean;
  versionTable: { schema?: string; name: string };
  notes: string[];
}

const FILTER_HOOKS = ['include_object', 'include_name'] as const;

export function readEnvPy(text: string): EnvFacts {
  return withPythonTree(text, (root) => {
    const facts: EnvFacts = {
      exclusions: { names: [], prefixes: [], suffixes: [], unmappedExcluded: false },
      includeSchemas: false,
      versionTable: { name: 'alembic_version' },
      notes: [],
    };
    const constants = new Map<string, PyNode>();
    const functions = new Map<string, PyNode>();
    for (const stmt of root.namedChildren) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type === 'function_definition') {
        const name = def.childForFieldName('name')?.text;
        if (name) functions.set(name, def);
        continue;
      }
      const assign = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      if (assign?.type !== 'assignment') continue;
      const left = assign.childForFieldName('left')?.text;
      const right = assign.childForFieldName('right');
      if (!left || !right) continue;
      constants.set(left, right);
      if (left === 'target_metadata') facts.targetMetadata = right.type === 'none' ? undefined : right.text;
    }
    const hooks = new Map<string, string>();
    for (const call of root.descendantsOfType('call')) {
      if (!/(?:^|\.)configure$/.test(call.childForFieldName('function')?.text ?? '')) continue;
      for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a.type !== 'keyword_argument') continue;
        const key = a.childForFieldName('name')?.text ?? '';
        const value = a.childForFieldName('value');
        if (!value) continue;
        if (key === 'include_schemas') facts.includeSchemas = value.type === 'true';
        else if (key === 'version_table') facts.versionTable.name = literal(value) ?? facts.versionTable.name;
        else if (key === 'version_table_schema') facts.versionTable.schema = literal(value);
        else if ((FILTER_HOOKS as readonly string[]).includes(key) && value.type === 'identifier') hooks.set(key, value.text);
      }
    }
    for (const [hook, fnName] of hooks) {
      const fn = functions.get(fnName);
      if (!fn) {
        facts.notes.push(`env.py passes ${hook}=${fnName}, which is not defined in env.py, so its exclusions are not applied.`);
        continue;
      }
      const nameParam = fn.childForFieldName('parameters')?.namedChildren.filter((p) => p.type === 'identifier')[hook === 'include_object' ? 1 : 0]?.text ?? 'name';
      const before = JSON.stringify(facts.exclusions);
      readFilter(fn, nameParam, constants, facts.exclusions);
      if (JSON.stringify(facts.exclusions) === before) {
        facts.notes.push(`env.py's ${fnName}() could not be read statically, so the tables it excludes from autogenerate are not known.`);
      }
    }
    return facts;
  });
}

/** `[alembic:exclude] tables = a,b`: the recipe from Alembic's cookbook, read by env.py from alembic.ini. */
export function iniExcludedTables(iniText: string, envText: string): string[] {
  if (!envText.includes('alembic:exclude')) return [];
  const tables = iniValue(iniText, 'alembic:exclude', 'tables');
  return tables ? tables.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * Exclusions from the forms env.py recipes use: `if <cond>: return False`, `return not <cond>`,
 * `return name not in X`; where <cond> tests the name with `in`, `==`, startswith or endswith, or is
 * `reflected and compare_to is None` (leave every table without a model alone).
 */
function readFilter(fn: PyNode, nameParam: string, constants: Map<string, PyNode>, out: TableFilter): void {
  for (const ifStmt of fn.descendantsOfType('if_statement')) {
    const condition = ifStmt.childForFieldName('condition');
    const body = ifStmt.childForFieldName('consequence');
    const ret = body?.namedChildren.find((s) => s.type === 'return_statement');
    if (condition && ret?.namedChildren[0]?.type === 'false') readCondition(condition, nameParam, constants, out, false);
  }
  for (const ret of fn.descendantsOfType('return_statement')) {
    const value = ret.namedChildren[0];
    if (value?.type === 'not_operator') {
      const arg = value.childForFieldName('argument');
      if (arg) readCondition(arg, nameParam, constants, out, false);
    } else if (value) readCondition(value, nameParam, constants, out, true);
  }
}

function readCondition(cond: PyNode, nameParam: string, constants: Map<string, PyNode>, out: TableFilter, negatedOnly: boolean): void {
  const text = cond.text;
  // A test on the object type other than "table" (an index, a column) says nothing about tables.
  const typeTest = /type_?\s*==\s*["'](\w+)["']/.exec(text);
  if (typeTest && typeTest[1] !== 'table') return;
  if (!negatedOnly && /\breflected\b/.test(text) && /\bcompare_to\s+is\s+None\b/.test(text)) out.unmappedExcluded = true;
  for (const cmp of [cond, ...cond.descendantsOfType('comparison_operator')]) {
    if (cmp.type !== 'comparison_operator') continue;
    const [left, right] = cmp.namedChildren;
    if (left?.text !== nameParam || !right) continue;
    const op = cmp.text.slice(left.endIndex - cmp.startIndex, right.startIndex - cmp.startIndex).trim().replace(/\s+/g, ' ');
    const excludes = negatedOnly ? op === 'not in' || op === '!=' : op === 'in' || op === '==';
    if (!excludes) continue;
    if (op === '==' || op === '!=') {
      const v = literal(right);
      if (v) out.names.push(v);
    } else out.names.push(...stringItems(right, constants));
  }
  if (negatedOnly) return;
  for (const call of [cond, ...cond.descendantsOfType('call')]) {
    if (call.type !== 'call') continue;
    const m = /^(\w+)\.(startswith|endswith)$/.exec(call.childForFieldName('function')?.text ?? '');
    if (!m || m[1] !== nameParam) continue;
    const arg = call.childForFieldName('arguments')?.namedChildren[0];
    const values = arg ? (literal(arg) !== undefined ? [literal(arg) as string] : stringItems(arg, constants)) : [];
    (m[2] === 'startswith' ? out.prefixes : out.suffixes).push(...values);
  }
}

function stringItems(node: PyNode, constants: Map<string, PyNode>, depth = 0): string[] {
  if (node.type === 'identifier' && depth < 4) {
    const bound = constants.get(node.text);
    return bound ? stringItems(bound, constants, depth + 1) : [];
  }
  if (node.type === 'call' && /^(?:set|frozenset|tuple|list)$/.test(node.childForFieldName('function')?.text ?? '')) {
    const inner = node.childForFieldName('arguments')?.namedChildren[0];
    return inner ? stringItems(inner, constants, depth + 1) : [];
  }
  if (!['list', 'tuple', 'set'].includes(node.type)) return [];
  return node.namedChildren.map(literal).filter((v): v is string => v !== undefined);
}
