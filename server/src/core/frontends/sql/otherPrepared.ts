// MySQL's prepared statements. MySQL has no IF EXISTS for columns and indexes, so migrations (Mattermost's
// among them) choose the statement at run time and run it through a user variable:
//
//   SET @s = (SELECT IF((SELECT COUNT(*) FROM information_schema.columns WHERE ...) > 0,
//                       'ALTER TABLE Threads DROP COLUMN DeleteAt', 'SELECT 1'));
//   PREPARE p FROM @s; EXECUTE p; DEALLOCATE PREPARE p;
//
// Every statement the SET can put in the variable is checked where it is written (it may run), and the
// PREPARE is dynamic SQL only when the variable's text is not fully known from literals.

import type { OpDraft } from './pgStatements';
import type { OtherDialect, OtherFacts } from './other';
import { arr, obj, str, type Ast } from './otherAst';

export type Describe = (sql: string, dialect: OtherDialect) => OtherFacts;

/** A `SET @name = ...`: whether every text it can give the variable is known from the literals. */
export interface Assignment {
  variable: string;
  known: boolean;
}

const DYNAMIC_NAME = '__mg_dynamic__';
const MAX_VALUES = 16;
// Text that reads as a statement rather than a value (a name, a number, a flag).
const STATEMENT = /^\s*(?:alter|drop|delete|update|truncate|create|rename|insert|replace|select|set|call|grant|revoke)\b/i;
const PREPARE = /^prepare\s+(?:`[^`]+`|[\w$]+)\s+from\s+([\s\S]+)$/i;
const VARIABLE = /^@(?:`([^`]+)`|([\w$.]+))$/;
const LITERAL = /^(['"])((?:[^\\]|\\[\s\S])*?)\1$/;

/** The facts of a parsed `SET`: each statement a user variable can be given is checked. */
export function setFacts(ast: Ast, dialect: OtherDialect, describe: Describe): OtherFacts {
  const facts: OtherFacts = { ops: [], copiesFrom: [], assigned: [] };
  for (const assign of arr(ast.expr).map(obj)) {
    const left = obj(assign.left);
    if (assign.type !== 'assign' || left.type !== 'var' || left.prefix !== '@') continue;
    const name = str(left.name);
    if (name === undefined) continue;
    const values = valuesOf(assign.right);
    const known = values !== undefined && values.every((v) => !v.includes(DYNAMIC_NAME));
    facts.assigned?.push({ variable: name.toLowerCase(), known });
    for (const value of values ?? []) revealStatement(value, dialect, describe, facts);
  }
  return facts;
}

/** A `SET @name = ...` the parser rejected: the statement-like literals in it, the variable's text unknown. */
export function unparsedSetFacts(text: string, dialect: OtherDialect, describe: Describe): OtherFacts | undefined {
  const name = /^set\s+@(?:`([^`]+)`|([\w$.]+))\s*:?=/i.exec(text);
  if (!name) return undefined;
  const facts: OtherFacts = { ops: [], copiesFrom: [], assigned: [{ variable: (name[1] ?? name[2]).toLowerCase(), known: false }] };
  for (const literal of text.matchAll(/'((?:[^'\\]|''|\\[\s\S])*)'|"((?:[^"\\]|""|\\[\s\S])*)"/g)) {
    revealStatement(unquoteLiteral(literal[1] ?? literal[2], literal[1] !== undefined ? "'" : '"'), dialect, describe, facts);
  }
  return facts;
}

/** `PREPARE p FROM 'literal'` is that statement; `PREPARE p FROM @v` runs what @v holds. */
export function prepareFacts(text: string, dialect: OtherDialect, describe: Describe): OtherFacts | undefined {
  const source = PREPARE.exec(text)?.[1].trim();
  if (source === undefined) return undefined;
  const literal = LITERAL.exec(source);
  if (literal) return describe(unquoteLiteral(literal[2], literal[1]), dialect);
  const variable = VARIABLE.exec(source);
  if (variable) return { ops: [], copiesFrom: [], prepares: (variable[1] ?? variable[2]).toLowerCase() };
  const reason = 'PREPARE runs SQL built at run time, so what it does cannot be checked';
  return { ops: [{ kind: 'dynamic-sql', details: { reason } }], copiesFrom: [] };
}

/** The dynamic-sql operation for a PREPARE of a variable whose text is not known from literals. */
export function preparedVariable(variable: string): OpDraft {
  return { kind: 'dynamic-sql', details: { reason: `PREPARE runs the SQL held in @${variable}, which is built at run time, so what it does cannot be checked` } };
}

function revealStatement(value: string, dialect: OtherDialect, describe: Describe, into: OtherFacts): void {
  if (!STATEMENT.test(value)) return;
  const dynamic = value.includes(DYNAMIC_NAME);
  const facts = describe(value, dialect);
  if (facts.problem && !dynamic) into.problem = facts.problem;
  for (const op of facts.ops) {
    if (!dynamic) {
      into.ops.push(op);
      continue;
    }
    for (const key of ['schema', 'table', 'column'] as const) {
      if (op[key]?.includes(DYNAMIC_NAME)) delete op[key];
    }
    (into.dynamicOps ??= []).push(op);
  }
  if (!dynamic && facts.redefinitions) (into.redefinitions ??= []).push(...facts.redefinitions);
}

/**
 * The texts an expression can evaluate to, with every part known only at run time as DYNAMIC_NAME:
 * literals, IF/IFNULL/COALESCE/CASE results, a scalar subquery's value and CONCAT are followed.
 */
function valuesOf(node: unknown): string[] | undefined {
  const n = obj(node);
  switch (n.type) {
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
    case 'natural_string':
      return [String(n.value ?? '')];
    case 'number':
    case 'bool':
    case 'null':
      return [String(n.value ?? 'NULL')];
    case 'case':
      return union(arr(n.args).map((a) => obj(a).result));
    case 'function': {
      const name = arr(obj(n.name).name).map((p) => str(obj(p).value) ?? '').join('.').toLowerCase();
      const args = arr(obj(n.args).value);
      if (name === 'if' && args.length === 3) return union(args.slice(1));
      if (name === 'ifnull' || name === 'coalesce') return union(args);
      if (name === 'concat') return concat(args);
      return [DYNAMIC_NAME];
    }
    default: {
      const select = obj(n.ast);
      const columns = arr(select.columns);
      if (select.type === 'select' && columns.length === 1 && select.from == null) return valuesOf(obj(columns[0]).expr);
      return [DYNAMIC_NAME];
    }
  }
}

function union(nodes: unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const node of nodes) out.push(...(valuesOf(node) ?? [DYNAMIC_NAME]));
  return out.length > MAX_VALUES ? undefined : out;
}

function concat(nodes: unknown[]): string[] | undefined {
  let out = [''];
  for (const node of nodes) {
    const values = valuesOf(node) ?? [DYNAMIC_NAME];
    out = out.flatMap((prefix) => values.map((v) => prefix + v));
    if (out.length > MAX_VALUES) return undefined;
  }
  return out;
}

function unquoteLiteral(body: string, quote: string): string {
  return body.split(quote + quote).join(quote).replace(/\\([\s\S])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
}
