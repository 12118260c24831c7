// Tokens and expressions for the fast Python parser (python/fast.ts, which adds the statements): each method
// reads one construct the way tree-sitter-python's grammar does and builds its node, or gives up.

import { Piece, Tok, type Token } from './lex';
import { branch, FastNode, leaf } from './tree';

/** Thrown to give up; caught once, in parsePythonFast. */
export const DECLINE = new Error('outside the fast Python subset');

export function decline(): never {
  throw DECLINE;
}

// Keywords, soft keywords and the names the grammar also reads as keywords: never read as names here.
export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match', 'nonlocal', 'not',
  'or', 'pass', 'print', 'raise', 'return', 'try', 'type', 'while', 'with', 'yield',
]);
const WORD_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'none' };
const COMPARISONS = new Set(['<', '>', '==', '!=', '<=', '>=']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/', '//', '%']);
const MAX_DEPTH = 100;

export class ExpressionParser {
  protected i = 0;
  /** Nested expressions, types and blocks: deeper is left to tree-sitter rather than risk the call stack. */
  protected depth = 0;

  /** The node made for each token, by token index. */
  readonly nodes: (FastNode | undefined)[] = [];

  constructor(
    protected readonly src: string,
    protected readonly toks: readonly Token[],
  ) {}

  /** Steps into a nested construct; whoever calls it steps out with `this.depth--` (a decline abandons the parse). */
  protected enter(): void {
    if (++this.depth > MAX_DEPTH) decline();
  }

  protected get tok(): Token {
    return this.toks[this.i];
  }

  protected at(kind: Tok): boolean {
    return this.toks[this.i].kind === kind;
  }

  protected isOp(text: string, ahead = 0): boolean {
    const t = this.toks[this.i + ahead];
    return t !== undefined && t.kind === Tok.Op && t.text === text;
  }

  protected isWord(word: string, ahead = 0): boolean {
    const t = this.toks[this.i + ahead];
    return t !== undefined && t.kind === Tok.Name && t.text === word;
  }

  /** The current token as an anonymous node (punctuation or a keyword). */
  protected token(): FastNode {
    return this.take(this.tok.text, false);
  }

  /** The current token as a leaf of `type`, kept as the node of that token for placing comments (see python/comments.ts). */
  protected take(type: string, isNamed: boolean): FastNode {
    const t = this.tok;
    const node = leaf(type, isNamed, t.start, t.end);
    this.nodes[this.i++] = node;
    return node;
  }

  protected op(text: string): FastNode {
    if (!this.isOp(text)) decline();
    return this.token();
  }

  protected word(word: string): FastNode {
    if (!this.isWord(word)) decline();
    return this.token();
  }

  protected identifier(): FastNode {
    const t = this.tok;
    if (t.kind !== Tok.Name || KEYWORDS.has(t.text)) decline();
    return this.take('identifier', true);
  }

  protected newline(): void {
    if (this.tok.kind !== Tok.Newline) decline();
    this.i++;
  }

  /** Boolean operators, `not`, comparisons and arithmetic over primaries; no conditional expressions or lambdas. */
  protected expression(): FastNode {
    this.enter();
    let left = this.conjunction();
    while (this.isWord('or')) left = branch('boolean_operator', [left, this.token(), this.conjunction()], ['left', 'operator', 'right']);
    this.depth--;
    return left;
  }

  protected conjunction(): FastNode {
    let left = this.negation();
    while (this.isWord('and')) left = branch('boolean_operator', [left, this.token(), this.negation()], ['left', 'operator', 'right']);
    return left;
  }

  protected negation(): FastNode {
    if (!this.isWord('not')) return this.comparison();
    this.enter();
    const node = branch('not_operator', [this.token(), this.negation()], [undefined, 'argument']);
    this.depth--;
    return node;
  }

  protected comparison(): FastNode {
    const first = this.sum();
    if (!this.atComparison()) return first;
    const children = [first];
    const fields: (string | undefined)[] = [undefined];
    while (this.atComparison()) {
      children.push(this.comparisonOperator(), this.sum());
      fields.push('operators', undefined);
    }
    return branch('comparison_operator', children, fields);
  }

  protected atComparison(): boolean {
    const t = this.tok;
    if (t.kind === Tok.Op) return COMPARISONS.has(t.text);
    return t.kind === Tok.Name && (t.text === 'in' || t.text === 'is' || (t.text === 'not' && this.isWord('in', 1)));
  }

  /** `is not` and `not in` are one anonymous node over their two keywords. */
  protected comparisonOperator(): FastNode {
    const first = this.token();
    const pair = first.type === 'is' ? this.isWord('not') : first.type === 'not';
    if (!pair) return first;
    const second = this.token();
    return new FastNode(`${first.type} ${second.type}`, false, first.startIndex, second.endIndex, [first, second]);
  }

  protected sum(): FastNode {
    let left = this.product();
    while (this.tok.kind === Tok.Op && ADDITIVE.has(this.tok.text)) left = this.binary(left, this.product.bind(this));
    return left;
  }

  protected product(): FastNode {
    let left = this.unary();
    while (this.tok.kind === Tok.Op && MULTIPLICATIVE.has(this.tok.text)) left = this.binary(left, this.unary.bind(this));
    return left;
  }

  protected binary(left: FastNode, operand: () => FastNode): FastNode {
    const operator = this.token();
    return branch('binary_operator', [left, operator, operand()], ['left', 'operator', 'right']);
  }

  protected unary(): FastNode {
    if (!this.isOp('-') && !this.isOp('+') && !this.isOp('~')) return this.primary();
    this.enter();
    const node = branch('unary_operator', [this.token(), this.unary()], ['operator', 'argument']);
    this.depth--;
    return node;
  }

  /** An atom followed by attribute accesses, calls and subscripts. */
  protected primary(): FastNode {
    let value = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        value = branch('attribute', [value, this.token(), this.identifier()], ['object', undefined, 'attribute']);
      } else if (this.isOp('(')) {
        value = branch('call', [value, this.argumentList()], ['function', 'arguments']);
      } else if (this.isOp('[')) {
        const children = [value, this.token(), this.subscriptItem()];
        const fields = ['value', undefined, 'subscript'];
        while (this.isOp(',')) {
          children.push(this.token(), this.subscriptItem());
          fields.push(undefined, 'subscript');
        }
        children.push(this.op(']'));
        fields.push(undefined);
        value = branch('subscript', children, fields);
      } else {
        return value;
      }
    }
  }

  /** An index, or a slice without a step: `a:b`, `:b`, `a:`, `:`. */
  protected subscriptItem(): FastNode {
    const children: FastNode[] = [];
    if (!this.isOp(':')) {
      const index = this.expression();
      if (!this.isOp(':')) return index;
      children.push(index);
    }
    children.push(this.token());
    if (!this.isOp(']') && !this.isOp(',')) children.push(this.expression());
    if (!this.isOp(']') && !this.isOp(',')) decline();
    return branch('slice', children);
  }

  protected atom(): FastNode {
    const t = this.tok;
    switch (t.kind) {
      case Tok.Name: {
        const literal = WORD_LITERALS[t.text];
        return literal === undefined ? this.identifier() : this.take(literal, true);
      }
      case Tok.Integer:
      case Tok.Float:
        return this.take(t.kind === Tok.Integer ? 'integer' : 'float', true);
      case Tok.String:
        return this.strings();
      case Tok.Op:
        if (t.text === '(') return this.parenthesized();
        if (t.text === '[') return this.list();
        if (t.text === '{') return this.braced();
    }
    return decline();
  }

  protected strings(): FastNode {
    const first = this.string();
    if (this.tok.kind !== Tok.String) return first;
    const parts = [first];
    while (this.tok.kind === Tok.String) parts.push(this.string());
    return branch('concatenated_string', parts);
  }

  /** string_start, then string_content (holding escapes) split by f-string fields, then string_end. */
  protected string(): FastNode {
    const t = this.tok;
    const parts = t.string;
    if (!parts) return decline();
    const index = this.i++;
    const children = [leaf('string_start', true, t.start, parts.contentStart)];
    const { pieces } = parts;
    let contentStart = parts.contentStart;
    let inContent: FastNode[] = [];
    const endContent = (end: number): void => {
      if (end > contentStart) children.push(new FastNode('string_content', true, contentStart, end, inContent));
      inContent = [];
    };
    for (let k = 0; k < pieces.length; k += 3) {
      const [kind, start, end] = [pieces[k], pieces[k + 1], pieces[k + 2]];
      if (kind === Piece.Interpolation) {
        endContent(start);
        children.push(this.interpolation(start, end));
        contentStart = end;
      } else {
        inContent.push(leaf(kind === Piece.Escape ? 'escape_sequence' : 'escape_interpolation', true, start, end));
      }
    }
    endContent(parts.contentEnd);
    children.push(leaf('string_end', true, parts.contentEnd, t.end));
    return (this.nodes[index] = branch('string', children));
  }

  /** `{name}` or `{a.b.c}` (all the lexer lets through) spanning [start, end). */
  protected interpolation(start: number, end: number): FastNode {
    let expression: FastNode | undefined;
    let at = start + 1;
    for (const name of this.src.slice(start + 1, end - 1).split('.')) {
      if (KEYWORDS.has(name)) decline();
      const identifier = leaf('identifier', true, at, at + name.length);
      expression = expression ? branch('attribute', [expression, leaf('.', false, at - 1, at), identifier], ['object', undefined, 'attribute']) : identifier;
      at += name.length + 1;
    }
    if (!expression) return decline();
    return branch('interpolation', [leaf('{', false, start, start + 1), expression, leaf('}', false, end - 1, end)], [undefined, 'expression', undefined]);
  }

  /** `(x)` is a parenthesized_expression; `()`, `(x,)` and `(x, y)` are tuples. */
  protected parenthesized(): FastNode {
    const open = this.token();
    if (this.isOp(')')) return branch('tuple', [open, this.token()]);
    const first = this.expression();
    if (this.isOp(')')) return branch('parenthesized_expression', [open, first, this.token()]);
    const children = [open, first];
    while (this.isOp(',')) {
      children.push(this.token());
      if (this.isOp(')')) break;
      children.push(this.expression());
    }
    children.push(this.op(')'));
    return branch('tuple', children);
  }

  /** A list, or a list comprehension with `for` and `if` clauses. */
  protected list(): FastNode {
    const children = [this.token()];
    while (!this.isOp(']')) {
      children.push(this.isOp('*') ? this.splat('list_splat', ']') : this.expression());
      if (children.length === 2 && this.isWord('for')) return this.listComprehension(children[0], children[1]);
      if (!this.isOp(',')) break;
      children.push(this.token());
    }
    children.push(this.op(']'));
    return branch('list', children);
  }

  private listComprehension(open: FastNode, body: FastNode): FastNode {
    if (body.type === 'list_splat') decline();
    const children = [open, body];
    const fields = [undefined, 'body'];
    while (!this.isOp(']')) {
      if (this.isWord('for')) {
        const clause = [this.token(), this.loopTarget(), this.word('in'), this.expression()];
        children.push(branch('for_in_clause', clause, [undefined, 'left', undefined, 'right']));
      } else {
        children.push(branch('if_clause', [this.word('if'), this.expression()]));
      }
      fields.push(undefined);
    }
    children.push(this.token());
    fields.push(undefined);
    return branch('list_comprehension', children, fields);
  }

  /** What a `for` binds: a name, or names separated by commas (a pattern_list). */
  protected loopTarget(): FastNode {
    const first = this.identifier();
    if (!this.isOp(',')) return first;
    const names = [first];
    while (this.isOp(',')) names.push(this.token(), this.identifier());
    return branch('pattern_list', names);
  }

  /** A dictionary (pairs and `**` splats) or a set (plain expressions). */
  protected braced(): FastNode {
    const children = [this.token()];
    if (this.isOp('}')) {
      children.push(this.token());
      return branch('dictionary', children);
    }
    let isSet: boolean | undefined;
    while (!this.isOp('}')) {
      if (this.isOp('**')) {
        if (isSet) decline();
        isSet = false;
        children.push(this.splat('dictionary_splat', '}'));
      } else {
        const key = this.expression();
        if (this.isOp(':')) {
          if (isSet) decline();
          isSet = false;
          children.push(branch('pair', [key, this.token(), this.expression()], ['key', undefined, 'value']));
        } else {
          if (isSet === false) decline();
          isSet = true;
          children.push(key);
        }
      }
      if (!this.isOp(',')) break;
      children.push(this.token());
    }
    children.push(this.op('}'));
    return branch(isSet ? 'set' : 'dictionary', children);
  }

  protected argumentList(): FastNode {
    const children = [this.token()];
    while (!this.isOp(')')) {
      children.push(this.argument());
      if (!this.isOp(',')) break;
      children.push(this.token());
    }
    children.push(this.op(')'));
    return branch('argument_list', children);
  }

  protected argument(): FastNode {
    if (this.isOp('*')) return this.splat('list_splat', ')');
    if (this.isOp('**')) return this.splat('dictionary_splat', ')');
    if (this.tok.kind === Tok.Name && this.isOp('=', 1)) {
      const name = this.identifier();
      return branch('keyword_argument', [name, this.token(), this.expression()], ['name', undefined, 'value']);
    }
    return this.expression();
  }

  /**
   * `*name` or `**name`, directly followed by a comma or the closing bracket. Not over anything longer:
   * tree-sitter reads `[*a(b)]` as a call of `*a`.
   */
  protected splat(type: string, close: string): FastNode {
    const node = branch(type, [this.token(), this.identifier()]);
    if (!this.isOp(',') && !this.isOp(close)) decline();
    return node;
  }
}
