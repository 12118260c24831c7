// A fast path for parsing Python: a recursive-descent parser for the part of Python migrations are written
// in, building exactly the tree tree-sitter-python builds (same node types, ranges, anonymous tokens and
// field names), or nothing at all.
//
// tree-sitter-python runs in WebAssembly at a few megabytes a second, and every node read crosses into
// wasm; this parser is several times faster and its nodes are plain objects. A wrong tree could hide a
// destructive operation, so it answers only when sure: whatever it does not read exactly the grammar's
// way makes it return undefined, and the text is left to tree-sitter. Left to tree-sitter are, among
// others: lambdas, dict and set comprehensions and generators, conditional expressions, `**` and the
// binary bitwise operators, slice steps, targets other than names, attributes, subscripts and `a, b`,
// augmented assignment, `except*`, one-line blocks, keywords used as names (see python/lex.ts for what
// the tokens leave out). End-of-line comments are placed where tree-sitter places them
// (python/comments.ts). test/unit/pyFast.test.ts checks all of it against tree-sitter on every Python file
// of the repository, on generated migrations and statements, and on thousands of mutations of them.

import { placeComments } from './comments';
import { DECLINE, decline, ExpressionParser } from './fastExpr';
import { tokenize, Tok } from './lex';
import { branch, FastNode, FastTree } from './tree';

const ASSIGNABLE = new Set(['identifier', 'attribute', 'subscript']);
/** What may follow a type annotation here: anything else (`.`, `|`, a second subscript) is left to tree-sitter. */
const AFTER_TYPE = new Set(['=', ',', ']', ')', ':']);

class Parser extends ExpressionParser {
  module(): FastNode {
    const statements: FastNode[] = [];
    while (!this.at(Tok.End)) statements.push(this.statement());
    if (statements.length === 0) decline();
    return new FastNode('module', true, statements[0].startIndex, this.src.length, statements);
  }

  private statement(): FastNode {
    const t = this.tok;
    if (t.kind === Tok.Op && t.text === '@') return this.decorated();
    if (t.kind === Tok.Name) {
      switch (t.text) {
        case 'def':
          return this.functionDefinition();
        case 'class':
          return this.classDefinition();
        case 'if':
          return this.ifStatement();
        case 'for':
          return this.forStatement();
        case 'while':
          return this.whileStatement();
        case 'with':
          return this.withStatement();
        case 'try':
          return this.tryStatement();
        case 'import':
          return this.simple(this.importStatement());
        case 'from':
          return this.simple(this.importFrom());
        case 'return':
          return this.simple(this.keywordAndValue('return_statement'));
        case 'raise':
          return this.simple(this.keywordAndValue('raise_statement'));
        case 'pass':
          return this.simple(branch('pass_statement', [this.token()]));
        case 'break':
          return this.simple(branch('break_statement', [this.token()]));
        case 'continue':
          return this.simple(branch('continue_statement', [this.token()]));
      }
    }
    return this.simple(this.expressionStatement());
  }

  /** A simple statement ends its line: no semicolons, no block on the same line. */
  private simple(statement: FastNode): FastNode {
    this.newline();
    return statement;
  }

  private block(): FastNode {
    this.newline();
    if (this.tok.kind !== Tok.Indent) decline();
    this.i++;
    this.enter();
    const statements: FastNode[] = [];
    while (!this.at(Tok.Dedent)) statements.push(this.statement());
    this.i++;
    this.depth--;
    return branch('block', statements);
  }

  private keywordAndValue(type: string): FastNode {
    const children = [this.token()];
    if (this.tok.kind !== Tok.Newline) children.push(this.expression());
    return branch(type, children);
  }

  private expressionStatement(): FastNode {
    const first = this.expression();
    if (this.isOp(',') && first.type === 'identifier') return branch('expression_statement', [this.assignment(this.namesTarget(first))]);
    if (this.isOp(':')) {
      if (!ASSIGNABLE.has(first.type)) decline();
      const children = [first, this.token(), this.type()];
      const fields = ['left', undefined, 'type'];
      if (this.isOp('=')) {
        children.push(this.token(), this.expression());
        fields.push(undefined, 'right');
      }
      return branch('expression_statement', [branch('assignment', children, fields)]);
    }
    return branch('expression_statement', [this.isOp('=') ? this.assignment(first) : first]);
  }

  /** `a, b` before `=`: names only, no trailing comma. */
  private namesTarget(first: FastNode): FastNode {
    const names = [first];
    while (this.isOp(',')) names.push(this.token(), this.identifier());
    if (!this.isOp('=')) decline();
    return branch('pattern_list', names);
  }

  /** `left = right`, where right may be another assignment: `a = b = 1`. */
  private assignment(left: FastNode): FastNode {
    if (!ASSIGNABLE.has(left.type) && left.type !== 'pattern_list') decline();
    const equals = this.token();
    const value = this.expression();
    const right = this.isOp('=') ? this.assignment(value) : value;
    return branch('assignment', [left, equals, right], ['left', undefined, 'right']);
  }

  private importStatement(): FastNode {
    const children = [this.token(), this.importName()];
    const fields = [undefined, 'name'];
    while (this.isOp(',')) {
      children.push(this.token(), this.importName());
      fields.push(undefined, 'name');
    }
    return branch('import_statement', children, fields);
  }

  /** `from a.b import c, d as e` or with the names in parentheses; not relative, `*` or `__future__` imports. */
  private importFrom(): FastNode {
    const children = [this.token()];
    const fields: (string | undefined)[] = [undefined];
    const module = this.dottedName();
    if (module.children.length === 1 && this.src.slice(module.startIndex, module.endIndex) === '__future__') decline();
    children.push(module, this.word('import'));
    fields.push('module_name', undefined);
    const parenthesized = this.isOp('(');
    if (parenthesized) {
      children.push(this.token());
      fields.push(undefined);
    }
    children.push(this.importName());
    fields.push('name');
    while (this.isOp(',')) {
      children.push(this.token());
      fields.push(undefined);
      if (parenthesized && this.isOp(')')) break;
      children.push(this.importName());
      fields.push('name');
    }
    if (parenthesized) {
      children.push(this.op(')'));
      fields.push(undefined);
    }
    return branch('import_from_statement', children, fields);
  }

  /** A dotted_name, or an aliased_import of one. */
  private importName(): FastNode {
    const name = this.dottedName();
    if (!this.isWord('as')) return name;
    return branch('aliased_import', [name, this.token(), this.identifier()], ['name', undefined, 'alias']);
  }

  private dottedName(): FastNode {
    const children = [this.identifier()];
    while (this.isOp('.')) children.push(this.token(), this.identifier());
    return branch('dotted_name', children);
  }

  private decorated(): FastNode {
    const children: FastNode[] = [];
    const fields: (string | undefined)[] = [];
    while (this.isOp('@')) {
      children.push(branch('decorator', [this.token(), this.expression()]));
      fields.push(undefined);
      this.newline();
    }
    if (this.isWord('def')) children.push(this.functionDefinition());
    else if (this.isWord('class')) children.push(this.classDefinition());
    else decline();
    fields.push('definition');
    return branch('decorated_definition', children, fields);
  }

  private functionDefinition(): FastNode {
    const children = [this.token(), this.identifier(), this.parameters()];
    const fields = [undefined, 'name', 'parameters'];
    if (this.isOp('->')) {
      children.push(this.token(), this.type());
      fields.push(undefined, 'return_type');
    }
    children.push(this.op(':'), this.block());
    fields.push(undefined, 'body');
    return branch('function_definition', children, fields);
  }

  private classDefinition(): FastNode {
    const children = [this.token(), this.identifier()];
    const fields = [undefined, 'name'];
    if (this.isOp('(')) {
      children.push(this.argumentList());
      fields.push('superclasses');
    }
    children.push(this.op(':'), this.block());
    fields.push(undefined, 'body');
    return branch('class_definition', children, fields);
  }

  private ifStatement(): FastNode {
    const children = [this.token(), this.expression(), this.op(':'), this.block()];
    const fields = [undefined, 'condition', undefined, 'consequence'];
    while (this.isWord('elif')) {
      const clause = [this.token(), this.expression(), this.op(':'), this.block()];
      children.push(branch('elif_clause', clause, [undefined, 'condition', undefined, 'consequence']));
      fields.push('alternative');
    }
    if (this.isWord('else')) {
      const clause = [this.token(), this.op(':'), this.block()];
      children.push(branch('else_clause', clause, [undefined, undefined, 'body']));
      fields.push('alternative');
    }
    return branch('if_statement', children, fields);
  }

  /** `for name in expression:` or `for a, b in expression:`, without an else clause. */
  private forStatement(): FastNode {
    const children = [this.token(), this.loopTarget(), this.word('in'), this.expression(), this.op(':'), this.block()];
    if (this.isWord('else')) decline();
    return branch('for_statement', children, [undefined, 'left', undefined, 'right', undefined, 'body']);
  }

  /** try, then except clauses (and an else clause), a finally clause, or both. */
  private tryStatement(): FastNode {
    const children = [this.token(), this.op(':'), this.block()];
    const fields: (string | undefined)[] = [undefined, undefined, 'body'];
    while (this.isWord('except')) {
      const clause = [this.token()];
      const clauseFields: (string | undefined)[] = [undefined];
      if (!this.isOp(':')) {
        let value = this.expression();
        if (this.isWord('as')) value = branch('as_pattern', [value, this.token(), branch('as_pattern_target', [this.identifier()])], [undefined, undefined, 'alias']);
        clause.push(value);
        clauseFields.push('value');
      }
      clause.push(this.op(':'), this.block());
      clauseFields.push(undefined, undefined);
      children.push(branch('except_clause', clause, clauseFields));
      fields.push(undefined);
    }
    const excepts = children.length > 3;
    if (excepts && this.isWord('else')) {
      children.push(branch('else_clause', [this.token(), this.op(':'), this.block()], [undefined, undefined, 'body']));
      fields.push(undefined);
    }
    if (this.isWord('finally')) {
      children.push(branch('finally_clause', [this.token(), this.op(':'), this.block()]));
      fields.push(undefined);
    } else if (!excepts) {
      decline();
    }
    return branch('try_statement', children, fields);
  }

  private whileStatement(): FastNode {
    const children = [this.token(), this.expression(), this.op(':'), this.block()];
    if (this.isWord('else')) decline();
    return branch('while_statement', children, [undefined, 'condition', undefined, 'body']);
  }

  /** `with a as b, c:`; not the parenthesized forms. */
  private withStatement(): FastNode {
    const keyword = this.token();
    const items = [this.withItem()];
    while (this.isOp(',')) items.push(this.token(), this.withItem());
    const children = [keyword, branch('with_clause', items), this.op(':'), this.block()];
    return branch('with_statement', children, [undefined, undefined, undefined, 'body']);
  }

  private withItem(): FastNode {
    if (this.isOp('(')) decline();
    let value = this.expression();
    if (this.isWord('as')) {
      const as = this.token();
      const target = branch('as_pattern_target', [this.identifier()]);
      if (!this.isOp(',') && !this.isOp(':')) decline();
      value = branch('as_pattern', [value, as, target], [undefined, undefined, 'alias']);
    }
    return branch('with_item', [value], ['value']);
  }

  /** A name, None, or a name subscripted with types (`Union[str, None]`). */
  private type(): FastNode {
    this.enter();
    let inner: FastNode;
    if (this.isWord('None')) {
      inner = this.take('none', true);
    } else {
      inner = this.identifier();
      if (this.isOp('[')) {
        const parameter = [this.token(), this.type()];
        while (this.isOp(',')) parameter.push(this.token(), this.type());
        parameter.push(this.op(']'));
        inner = branch('generic_type', [inner, branch('type_parameter', parameter)]);
      }
    }
    const next = this.tok;
    if (next.kind !== Tok.Newline && !(next.kind === Tok.Op && AFTER_TYPE.has(next.text))) decline();
    this.depth--;
    return branch('type', [inner]);
  }

  private parameters(): FastNode {
    const children = [this.op('(')];
    while (!this.isOp(')')) {
      children.push(this.parameter());
      if (!this.isOp(',')) break;
      children.push(this.token());
    }
    children.push(this.op(')'));
    return branch('parameters', children);
  }

  private parameter(): FastNode {
    if (this.isOp('*') || this.isOp('**')) {
      const star = this.token();
      return branch(star.type === '*' ? 'list_splat_pattern' : 'dictionary_splat_pattern', [star, this.identifier()]);
    }
    const name = this.identifier();
    if (this.isOp(':')) {
      const colon = this.token();
      const type = this.type();
      if (!this.isOp('=')) return branch('typed_parameter', [name, colon, type], [undefined, undefined, 'type']);
      return branch('typed_default_parameter', [name, colon, type, this.token(), this.expression()], ['name', undefined, 'type', undefined, 'value']);
    }
    if (this.isOp('=')) return branch('default_parameter', [name, this.token(), this.expression()], ['name', undefined, 'value']);
    return name;
  }
}

/**
 * The tree tree-sitter-python would build for `source` (comment lines already blanked), or undefined
 * when the text is not in the part of Python this parser reads exactly as tree-sitter does.
 */
export function parsePythonFast(source: string): FastTree | undefined {
  const lexed = tokenize(source);
  if (!lexed) return undefined;
  try {
    const parser = new Parser(source, lexed.tokens);
    const root = parser.module();
    return placeComments(parser.nodes, lexed.tokens, lexed.comments) ? new FastTree(root) : undefined;
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}
