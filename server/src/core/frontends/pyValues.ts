import type { PyNode } from './pyNode';
import { isWordLiteral, plainLiteralBounds, plainMemberDot, type LiteralBounds } from './pyTokens';

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
export type Scope = ReadonlyMap<string, PyNode | PyString>;

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '',
};

export function isPyString(v: PyNode | PyString): v is PyString {
  return (v as PyString).offsets !== undefined;
}

/** `{name}` in an f-string, when name is bound to a string this tool can read (a module constant, a loop over literals). */
function staticInterpolation(interp: PyNode, scope: Scope, depth: number): string | undefined {
  const parts = interp.namedChildren;
  if (parts.length !== 1 || parts[0].type !== 'identifier') return undefined;
  const value = stringValue(parts[0], scope, depth + 1);
  return value && !value.dynamic ? value.value : undefined;
}

const NO_NODES: readonly PyNode[] = [];

/** Where a literal's content lies, read from its first and last tokens. */
function treeLiteralBounds(node: PyNode): LiteralBounds {
  const children = node.children;
  const start = children[0];
  const end = children[children.length - 1];
  const prefix = (start?.text ?? '"').replace(/["']+$/, '').toLowerCase();
  return {
    raw: prefix.includes('r'),
    contentStart: start ? start.endIndex : node.startIndex,
    contentEnd: end && end.type === 'string_end' ? end.startIndex : node.endIndex,
  };
}

function decodeLiteral(node: PyNode, scope: Scope, depth: number): PyString {
  const plain = plainLiteralBounds(node);
  const { raw, contentStart, contentEnd } = plain ?? treeLiteralBounds(node);
  // Only named nodes are called interpolation, so this is the named children's list.
  const interpolations = plain ? NO_NODES : node.children.filter((c) => c.type === 'interpolation');
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
    if (src[i - base] === '\\' && !raw && i + 1 < contentEnd) {
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
    // Plain characters stand for themselves up to the next backslash or field, taken as one run.
    const stop = plainRunEnd(src, base, i, contentEnd, raw, interp);
    value += src.slice(i - base, stop - base);
    for (; i < stop; i++) offsets.push(i);
  }
  offsets.push(contentEnd);
  const result: PyString = { value, offsets };
  if (unknown > 0) result.dynamic = 'an f-string fills in values at run time';
  return result;
}

/** The end of the run of plain characters at `i` (which is itself plain): a later backslash, the next field, or the content's end. */
function plainRunEnd(src: string, base: number, i: number, contentEnd: number, raw: boolean, interp: PyNode | undefined): number {
  let stop = contentEnd;
  if (!raw) {
    const backslash = src.indexOf('\\', i + 1 - base);
    if (backslash >= 0) stop = Math.min(stop, backslash + base);
  }
  // A field that starts behind `i` was stepped over by an escape: it is never reached, so it ends nothing.
  if (interp && interp.startIndex > i) stop = Math.min(stop, interp.startIndex);
  return stop;
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

function dynamicAt(node: PyNode, reason: string): PyString {
  return { value: '', offsets: [node.startIndex], dynamic: reason };
}

/** The callee name of a call, e.g. `sa.text` -> "text", `text` -> "text". */
export function calleeName(call: PyNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return attributeName(fn);
  return undefined;
}

/** `b` in the attribute `a.b`. */
export function attributeName(attribute: PyNode): string | undefined {
  const dot = plainMemberDot(attribute);
  return dot >= 0 ? attribute.text.slice(dot + 1) : attribute.childForFieldName('attribute')?.text;
}

/** `a` in the attribute `a.b`, when the object is a plain name. */
export function objectName(attribute: PyNode): string | undefined {
  const dot = plainMemberDot(attribute);
  if (dot >= 0) {
    const name = attribute.text.slice(0, dot);
    return isWordLiteral(name) ? undefined : name;
  }
  const object = attribute.childForFieldName('object');
  return object?.type === 'identifier' ? object.text : undefined;
}

export function positionalArgs(call: PyNode): PyNode[] {
  return call.callArguments.positional;
}

export function keywordArg(call: PyNode, name: string): PyNode | undefined {
  const args = call.callArguments;
  const at = args.keywordNames.indexOf(name);
  return at >= 0 ? args.keywordValues[at] : undefined;
}

export function keywordNames(call: PyNode): string[] {
  return [...call.callArguments.keywordNames];
}

/** The n-th positional argument, or the keyword argument of that name. */
export function arg(call: PyNode, index: number, name: string): PyNode | undefined {
  return keywordArg(call, name) ?? positionalArgs(call)[index];
}

/**
 * Reads an expression as a string when it can be known without running Python: literals, implicit and
 * `+` concatenation, `text(...)`/`sa.text(...)`, and names bound in scope. Anything else is returned as
 * dynamic with the reason, never silently dropped.
 */
export function stringValue(node: PyNode | undefined, scope: Scope, depth = 0): PyString | undefined {
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
export function nameValue(node: PyNode | undefined, scope: Scope): string | undefined {
  const plain = node?.type === 'string' ? plainLiteralBounds(node) : undefined;
  const content = plain && node?.source.slice(plain.contentStart, plain.contentEnd);
  // Without a backslash a literal's value is its content as written, and a name needs no offsets.
  if (content !== undefined && !content.includes('\\')) return content;
  const v = stringValue(node, scope);
  if (!v || v.dynamic) return undefined;
  return v.value;
}

export function isTrue(node: PyNode | undefined): boolean {
  return node?.type === 'true';
}

export function isFalse(node: PyNode | undefined): boolean {
  return node?.type === 'false';
}

/** Follows names bound in scope to the expression they stand for. */
export function resolve(node: PyNode, scope: Scope, depth = 0): PyNode {
  if (node.type !== 'identifier' || depth > 8) return node;
  const bound = scope.get(node.text);
  if (!bound || isPyString(bound)) return node;
  return resolve(bound, scope, depth + 1);
}
