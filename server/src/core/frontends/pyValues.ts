import type { Node } from '../parse/python';

/**
 * A Python string value read statically, with a map from each character of the value back to its offset
 * in the file, so that findings inside embedded SQL land on the exact words of the literal.
 */
export interface PyString {
  value: string;
  /** offsets[i] is the file offset of value[i]; offsets[value.length] is the end of the last literal piece. */
  offsets: number[];
  /** Set when part of the value is computed at run time (f-string fields, %, .format, unknown names). */
  dynamic?: string;
}

/** Names bound to expressions: module constants, function locals, a helper's parameters, loop variables. */
export type Scope = ReadonlyMap<string, Node | PyString>;

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '',
};

export function isPyString(v: Node | PyString): v is PyString {
  return (v as PyString).offsets !== undefined;
}

/** `{name}` in an f-string, when name is bound to a string this tool can read (a module constant, a loop over literals). */
function staticInterpolation(interp: Node, scope: Scope, depth: number): string | undefined {
  const parts = interp.namedChildren;
  if (parts.length !== 1 || parts[0].type !== 'identifier') return undefined;
  const value = stringValue(parts[0], scope, depth + 1);
  return value && !value.dynamic ? value.value : undefined;
}

function decodeLiteral(node: Node, scope: Scope, depth: number): PyString {
  const start = node.child(0);
  const end = node.child(node.childCount - 1);
  const prefix = (start?.text ?? '"').replace(/["']+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const contentStart = start ? start.endIndex : node.startIndex;
  const contentEnd = end && end.type === 'string_end' ? end.startIndex : node.endIndex;
  const interpolations = node.namedChildren.filter((c) => c.type === 'interpolation');
  const src = node.text;
  const base = node.startIndex;
  let value = '';
  const offsets: number[] = [];
  let i = contentStart;
  let k = 0;
  let unknown = 0;
  while (i < contentEnd) {
    const interp = interpolations[k];
    if (interp && i === interp.startIndex) {
      const known = staticInterpolation(interp, scope, depth);
      // A placeholder keeps the SQL shape readable in messages; the value is marked dynamic below.
      if (known === undefined) unknown++;
      for (const c of known ?? '?') {
        value += c;
        offsets.push(i);
      }
      i = interp.endIndex;
      k++;
      continue;
    }
    const ch = src[i - base];
    if (ch === '\\' && !raw && i + 1 < contentEnd) {
      const next = src[i + 1 - base];
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        for (const c of simple) {
          value += c;
          offsets.push(i);
        }
        i += 2;
        continue;
      }
      value += next;
      offsets.push(i);
      i += 2;
      continue;
    }
    value += ch;
    offsets.push(i);
    i++;
  }
  offsets.push(contentEnd);
  const result: PyString = { value, offsets };
  if (unknown > 0) result.dynamic = 'an f-string fills in values at run time';
  return result;
}

function concat(parts: PyString[]): PyString {
  const out: PyString = { value: '', offsets: [] };
  for (const p of parts) {
    out.value += p.value;
    out.offsets.push(...p.offsets.slice(0, p.value.length));
    if (p.dynamic && !out.dynamic) out.dynamic = p.dynamic;
  }
  const last = parts[parts.length - 1];
  out.offsets.push(last ? last.offsets[last.value.length] : 0);
  return out;
}

function dynamicAt(node: Node, reason: string): PyString {
  return { value: '', offsets: [node.startIndex], dynamic: reason };
}

/** The callee name of a call, e.g. `sa.text` -> "text", `text` -> "text". */
export function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
}

// Every property read on a tree-sitter node crosses into wasm, and rules ask for the same arguments many
// times, so each call's arguments are read once per analysis.
const argCache = new Map<number, CallArgs>();

export function resetArgCache(): void {
  argCache.clear();
}

function callArgs(call: Node): CallArgs {
  const cached = argCache.get(call.id);
  if (cached) return cached;
  const result: CallArgs = { positional: [], keywords: new Map() };
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const type = a.type;
    if (type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value) result.keywords.set(name, value);
    } else if (type !== 'comment' && type !== 'list_splat' && type !== 'dictionary_splat') {
      result.positional.push(a);
    }
  }
  argCache.set(call.id, result);
  return result;
}

export function positionalArgs(call: Node): Node[] {
  return callArgs(call).positional;
}

export function keywordArg(call: Node, name: string): Node | undefined {
  return callArgs(call).keywords.get(name);
}

export function keywordNames(call: Node): string[] {
  return [...callArgs(call).keywords.keys()];
}

/** The n-th positional argument, or the keyword argument of that name. */
export function arg(call: Node, index: number, name: string): Node | undefined {
  return keywordArg(call, name) ?? positionalArgs(call)[index];
}

/**
 * Reads an expression as a string when it can be known without running Python: literals, implicit and
 * `+` concatenation, `text(...)`/`sa.text(...)`, and names bound in scope. Anything else is returned as
 * dynamic with the reason, never silently dropped.
 */
export function stringValue(node: Node | undefined, scope: Scope, depth = 0): PyString | undefined {
  if (!node) return undefined;
  if (depth > 8) return dynamicAt(node, 'the value is built through too many names to follow');
  switch (node.type) {
    case 'string':
      return decodeLiteral(node, scope, depth);
    case 'concatenated_string':
      return concat(node.namedChildren.filter((c) => c.type === 'string').map((c) => decodeLiteral(c, scope, depth)));
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return stringValue(inner, scope, depth + 1);
    }
    case 'identifier': {
      const bound = scope.get(node.text);
      if (!bound) return dynamicAt(node, `\`${node.text}\` is not a string this tool can read statically`);
      return isPyString(bound) ? bound : stringValue(bound, scope, depth + 1);
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = stringValue(node.childForFieldName('left') ?? undefined, scope, depth + 1);
      if (op === '+') {
        const right = stringValue(node.childForFieldName('right') ?? undefined, scope, depth + 1);
        if (left && right) return concat([left, right]);
      }
      if (op === '%' && left) return { ...left, dynamic: 'the SQL is filled in with % formatting at run time' };
      return dynamicAt(node, 'the SQL is computed at run time');
    }
    case 'call': {
      const name = calleeName(node);
      // op.f() / conv() only mark a name as final for naming conventions.
      if (name === 'text' || name === 'literal_column' || name === 'DDL' || name === 'f' || name === 'conv') return stringValue(positionalArgs(node)[0], scope, depth + 1);
      const fn = node.childForFieldName('function');
      // text("...").bindparams(...) / .columns(...) carry the same SQL.
      if ((name === 'bindparams' || name === 'columns' || name === 'execution_options') && fn?.type === 'attribute') {
        return stringValue(fn.childForFieldName('object') ?? undefined, scope, depth + 1);
      }
      if (name === 'format' && fn?.type === 'attribute') {
        const base = stringValue(fn.childForFieldName('object') ?? undefined, scope, depth + 1);
        if (base) return { ...base, dynamic: 'the SQL is filled in with .format() at run time' };
      }
      return dynamicAt(node, 'the SQL is returned by a function call at run time');
    }
    default:
      return dynamicAt(node, 'the SQL is computed at run time');
  }
}

/** A plain string constant (a table or column name): undefined unless it is fully static. */
export function nameValue(node: Node | undefined, scope: Scope): string | undefined {
  const v = stringValue(node, scope);
  if (!v || v.dynamic) return undefined;
  return v.value;
}

export function isTrue(node: Node | undefined): boolean {
  return node?.type === 'true';
}

export function isFalse(node: Node | undefined): boolean {
  return node?.type === 'false';
}

/** Follows names bound in scope to the expression they stand for. */
export function resolve(node: Node, scope: Scope, depth = 0): Node {
  if (node.type !== 'identifier' || depth > 8) return node;
  const bound = scope.get(node.text);
  if (!bound || isPyString(bound)) return node;
  return resolve(bound, scope, depth + 1);
}
