// The syntax nodes the fast Python parser builds: plain objects with the part of web-tree-sitter's Node API
// the frontends use, giving the same answers tree-sitter's nodes give for the same tree.

/** What the frontends read of a syntax node; web-tree-sitter's Node and FastNode both have it. */
export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  readonly parent: SyntaxNode | null;
  readonly hasError: boolean;
  readonly isMissing: boolean;
  childForFieldName(name: string): SyntaxNode | null;
  childrenForFieldName(name: string): SyntaxNode[];
  descendantsOfType(types: string | string[]): SyntaxNode[];
  namedDescendantForIndex(start: number, end?: number): SyntaxNode | null;
}

const NO_CHILDREN: readonly FastNode[] = [];
let nextId = 1;

export class FastNode implements SyntaxNode {
  readonly id = nextId++;
  parent: FastNode | null = null;
  private cachedNamed?: readonly FastNode[];
  /** Nodes on the longest path down from this one, itself included: checkPythonDepth reads it instead of walking the tree. */
  height = 1;

  /** `fields` holds the field name of each child, when any child has one. */
  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    public endIndex: number,
    readonly children: readonly FastNode[] = NO_CHILDREN,
    readonly fields?: readonly (string | undefined)[],
  ) {
    for (const child of children) {
      child.parent = this;
      if (child.height >= this.height) this.height = child.height + 1;
    }
  }

  /**
   * Places an extra (a comment) among the children in document order, and stretches this node and its
   * ancestors to it when it lies past their end, as tree-sitter's ranges cover their extras.
   */
  addExtra(extra: FastNode): void {
    const children = this.children as FastNode[];
    let at = children.length;
    while (at > 0 && children[at - 1].startIndex > extra.startIndex) at--;
    children.splice(at, 0, extra);
    (this.fields as (string | undefined)[] | undefined)?.splice(at, 0, undefined);
    extra.parent = this;
    this.cachedNamed = undefined;
    for (let node: FastNode | null = this, height = extra.height + 1; node && node.height < height; node = node.parent, height++) node.height = height;
    for (let node: FastNode | null = this; node && node.type !== 'module' && node.endIndex < extra.endIndex; node = node.parent) node.endIndex = extra.endIndex;
  }

  get hasError(): boolean {
    return false;
  }

  get isMissing(): boolean {
    return false;
  }

  get namedChildren(): readonly FastNode[] {
    return (this.cachedNamed ??= this.children.filter((c) => c.isNamed));
  }

  fieldNameForChild(index: number): string | null {
    return this.fields?.[index] ?? null;
  }

  childForFieldName(name: string): FastNode | null {
    const at = this.fields?.indexOf(name) ?? -1;
    return at < 0 ? null : this.children[at];
  }

  childrenForFieldName(name: string): FastNode[] {
    const found: FastNode[] = [];
    if (this.fields) for (let i = 0; i < this.children.length; i++) if (this.fields[i] === name) found.push(this.children[i]);
    return found;
  }

  /** In document order, this node first when it is of a type asked for: the order tree-sitter's cursor walk gives. */
  descendantsOfType(types: string | string[]): FastNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const found: FastNode[] = [];
    // A stack rather than recursion: a long chain like `a + b + ... + z` makes a tree as deep as it is long.
    const stack: FastNode[] = [this];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (wanted.includes(node.type)) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    return found;
  }

  /**
   * The deepest named node spanning [start, end], as tree-sitter finds it: it steps into the first child
   * that ends at or after `end` (and after `start`) when that child starts at or before `start`.
   */
  namedDescendantForIndex(start: number, end = start): FastNode | null {
    if (start > end) return null;
    let node: FastNode = this;
    let lastNamed: FastNode = this;
    for (let descended = true; descended; ) {
      descended = false;
      for (const child of node.children) {
        if (child.endIndex < end) continue;
        const empty = child.startIndex === child.endIndex;
        if (empty ? child.endIndex < start : child.endIndex <= start) continue;
        if (start < child.startIndex) break;
        node = child;
        if (child.isNamed) lastNamed = child;
        descended = true;
        break;
      }
    }
    return lastNamed;
  }
}

/** A leaf: a token, named (an identifier, a number) or not (punctuation, a keyword, where the type is the text). */
export function leaf(type: string, isNamed: boolean, start: number, end: number): FastNode {
  return new FastNode(type, isNamed, start, end);
}

/** A node over `children`, spanning them; `fields` holds each child's field name when any has one. */
export function branch(type: string, children: readonly FastNode[], fields?: readonly (string | undefined)[]): FastNode {
  return new FastNode(type, true, children[0].startIndex, children[children.length - 1].endIndex, children, fields);
}

/** What withPythonTree frees when done: a tree-sitter tree, or nothing for a fast tree. */
export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  delete(): void;
}

export class FastTree implements SyntaxTree {
  constructor(readonly rootNode: FastNode) {}

  delete(): void {}
}
