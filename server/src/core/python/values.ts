import type { PyNode } from './node';
import { isWordLiteral, plainLiteralBounds, plainMemberDot, type LiteralBounds } from './tokens';

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
  /** Filled in or joined from several places (`%`, `.format()`, `.join()`): reported at the call that runs it. */
  assembled?: boolean;
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
    if (p.assembled) out.assembled = true;
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
      if (!bound) return dynamicAt(node, `"${node.text}" is not a string this tool can read statically`);
      return isPyString(bound) ? bound : stringValue(bound, scope, depth + 1);
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = stringValue(node.childForFieldName('left') ?? undefined, scope, depth + 1);
      if (op === '+') {
        const right = stringValue(node.childForFieldName('right') ?? undefined, scope, depth + 1);
        if (left && right) return concat([left, right]);
      }
      if (op === '%' && left) {
        const right = node.childForFieldName('right');
        const known = right && !left.dynamic ? percentFormat(left, right, scope, depth) : undefined;
        return known ?? { ...left, dynamic: 'the SQL is filled in with % formatting at run time' };
      }
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
        const known = base && !base.dynamic ? braceFormat(base, node, scope, depth) : undefined;
        if (base) return known ?? { ...base, dynamic: 'the SQL is filled in with .format() at run time' };
      }
      if (name === 'join' && fn?.type === 'attribute') {
        const joined = joinValue(fn.childForFieldName('object') ?? undefined, node, scope, depth);
        if (joined) return joined;
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

// Formatting with values written out in the migration: `"ALTER TABLE %s ..." % table` in a loop over a
// list of names, `"ck_{}".format(table)`, `"".join(f"DROP TABLE {t};" for t in TABLES)`. The result is as
// readable as a literal; a filled-in character maps to its placeholder in the file.

/** A value filled into a string: a static string, or a number literal as written. */
function filledValue(node: PyNode, scope: Scope, depth: number): string | undefined {
  const target = resolve(node, scope);
  if (target.type === 'integer' || target.type === 'float') return target.text;
  if (target.type === 'true' || target.type === 'false' || target.type === 'none') return target.text;
  const v = stringValue(node, scope, depth + 1);
  return v && !v.dynamic ? v.value : undefined;
}

/** Appends `text` as if written at `offset`. */
function pushFilled(out: PyString, text: string, offset: number): void {
  out.value += text;
  for (let i = 0; i < text.length; i++) out.offsets.push(offset);
}

function percentFormat(left: PyString, right: PyNode, scope: Scope, depth: number): PyString | undefined {
  let target = resolve(right, scope);
  if (target.type === 'parenthesized_expression') target = target.namedChildren.find((c) => c.type !== 'comment') ?? target;
  const nodes = target.type === 'tuple' ? target.namedChildren.filter((c) => c.type !== 'comment') : [right];
  if (nodes.some((n) => n.type === 'list_splat')) return undefined;
  const values: string[] = [];
  for (const n of nodes) {
    const v = filledValue(n, scope, depth);
    if (v === undefined) return undefined;
    values.push(v);
  }
  const out: PyString = { value: '', offsets: [] };
  const src = left.value;
  let used = 0;
  for (let i = 0; i < src.length; i++) {
    if (src[i] !== '%') {
      pushFilled(out, src[i], left.offsets[i]);
      continue;
    }
    const spec = src[i + 1];
    if (spec === '%') pushFilled(out, '%', left.offsets[i]);
    else if ((spec === 's' || spec === 'd' || spec === 'i') && used < values.length) pushFilled(out, values[used++], left.offsets[i]);
    else return undefined;
    i++;
  }
  if (used !== values.length) return undefined;
  out.offsets.push(left.offsets[src.length]);
  return { ...out, assembled: true };
}

function braceFormat(base: PyString, call: PyNode, scope: Scope, depth: number): PyString | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  if (args.namedChildren.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  const { positional, keywordNames: names, keywordValues } = call.callArguments;
  const out: PyString = { value: '', offsets: [] };
  const src = base.value;
  let auto = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if ((c === '{' || c === '}') && src[i + 1] === c) {
      pushFilled(out, c, base.offsets[i]);
      i++;
      continue;
    }
    if (c === '}') return undefined;
    if (c !== '{') {
      pushFilled(out, c, base.offsets[i]);
      continue;
    }
    const close = src.indexOf('}', i);
    if (close < 0) return undefined;
    const field = src.slice(i + 1, close);
    let valueNode: PyNode | undefined;
    if (field === '') valueNode = positional[auto++];
    else if (/^\d+$/.test(field)) valueNode = positional[Number(field)];
    else if (/^[A-Za-z_]\w*$/.test(field)) valueNode = keywordValues[names.indexOf(field)];
    const value = valueNode ? filledValue(valueNode, scope, depth) : undefined;
    if (value === undefined) return undefined;
    pushFilled(out, value, base.offsets[i]);
    i = close;
  }
  out.offsets.push(base.offsets[src.length]);
  return { ...out, assembled: true };
}

/** The elements of a list, tuple or set written out in the file (through names bound to one), comments left out. */
export function writtenElements(node: PyNode, scope: Scope): PyNode[] | undefined {
  const target = resolve(node, scope);
  return ['list', 'tuple', 'set'].includes(target.type) ? target.namedChildren.filter((c) => c.type !== 'comment') : undefined;
}

/** The strings of a written-out list, tuple or set; undefined unless every one is known here. */
export function literalItems(node: PyNode, scope: Scope, depth = 0): PyString[] | undefined {
  const elements = writtenElements(node, scope);
  if (!elements) return undefined;
  const items: PyString[] = [];
  for (const element of elements) {
    const v = stringValue(element, scope, depth + 1);
    if (!v || v.dynamic) return undefined;
    items.push(v);
  }
  return items;
}

/** `sep.join(...)` over written-out strings, or over a comprehension of one name across them. */
function joinValue(sepNode: PyNode | undefined, call: PyNode, scope: Scope, depth: number): PyString | undefined {
  const sep = stringValue(sepNode, scope, depth + 1);
  const args = call.childForFieldName('arguments');
  if (!sep || sep.dynamic || !args) return undefined;
  let source: PyNode | undefined = args;
  if (args.type === 'argument_list') {
    const all = args.namedChildren.filter((c) => c.type !== 'comment');
    source = all.length === 1 ? all[0] : undefined;
  }
  if (!source) return undefined;
  let parts = literalItems(source, scope, depth);
  const generated = resolve(source, scope);
  if (!parts && ['generator_expression', 'list_comprehension', 'set_comprehension'].includes(generated.type)) {
    const body = generated.childForFieldName('body');
    const clauses = generated.namedChildren.filter((c) => c.startIndex !== body?.startIndex && c.type !== 'comment');
    const loop = clauses.length === 1 && clauses[0].type === 'for_in_clause' ? clauses[0] : undefined;
    const name = loop?.childForFieldName('left');
    const over = loop?.childForFieldName('right');
    const items = over ? literalItems(over, scope, depth) : undefined;
    if (!body || name?.type !== 'identifier' || !items) return undefined;
    parts = [];
    for (const item of items) {
      const inner = new Map(scope);
      inner.set(name.text, item);
      const v = stringValue(body, inner, depth + 1);
      if (!v || v.dynamic) return undefined;
      parts.push(v);
    }
  }
  if (!parts) return undefined;
  if (parts.length === 0) return { value: '', offsets: [call.startIndex], assembled: true };
  return { ...concat(parts.flatMap((p, i) => (i === 0 ? [p] : [sep, p]))), assembled: true };
}
