import { checkPythonBrackets, checkPythonDepth } from '../parse/nesting';
import { parsePythonSyntax } from '../parse/python';
import type { SyntaxNode } from '../parse/python/tree';
import { simpleStatement, type SyntaxBuilder } from './statementText';
import { leadingName } from './tokens';

/** What the nodes of one tree share. */
interface PyTree {
  /** The text the tree was parsed from (comment lines blanked), which node offsets and texts index into. */
  readonly source: string;
  /** No ERROR or MISSING node anywhere: every node has exactly the shape the grammar gives it. */
  readonly clean: boolean;
  /** Simple expression statements are read from the text (python/statementText.ts) rather than from wasm. */
  readonly statementsFromText: boolean;
  readonly root: SyntaxNode;
  /** Makes the nodes read from the text; made on first use. */
  builder?: SyntaxBuilder<PyNode>;
}

/** A call's arguments: the positional ones, and the keyword ones by name. */
export interface CallArguments {
  positional: PyNode[];
  /** In the order first given; a repeated name keeps its place and takes the later value. */
  keywordNames: string[];
  keywordValues: PyNode[];
}

/**
 * A Python syntax node that reads each of its facts from wasm at most once.
 *
 * Every property of a web-tree-sitter Node crosses into wasm, and its child getters build new Node
 * objects each time, while the frontends read the same nodes over and over (a call's arguments, a
 * literal's quotes, the type of every node a walk passes). A PyNode keeps what it has read, and the
 * nodes reached through it are PyNodes too. It mirrors the subset of the Node API the frontends use,
 * with the same results.
 *
 * A node read from the text comes with its type and range, and mostly with its named children and the
 * field names among them (not a string literal's tokens, nor the items of a list the reader steps over);
 * for anything else it finds its tree node by its range, which in a tree without errors is its own.
 *
 * The tree is tree-sitter's, or the identical one the fast parser (parse/python/fast.ts) builds from plain
 * objects whenever it can read the text.
 */
export class PyNode {
  readonly startIndex: number;
  private cachedType?: string;
  private cachedEnd?: number;
  private cachedText?: string;
  private cachedNamedChildren?: readonly PyNode[];
  private cachedChildren?: readonly PyNode[];
  private cachedFields?: Map<string, PyNode | null>;
  private cachedParent?: PyNode | null;
  private cachedArguments?: CallArguments;

  /** `backing` is undefined for a node read from the text until needed; `fieldIndex` is set when its named children were read from the text too. */
  private constructor(
    private readonly tree: PyTree,
    startIndex: number,
    private backing: SyntaxNode | undefined,
    private readonly fieldIndex?: ReadonlyMap<string, number>,
  ) {
    this.startIndex = startIndex;
  }

  static root(node: SyntaxNode, source: string, statementsFromText: boolean): PyNode {
    return PyNode.fromTree(node, { source, clean: !node.hasError, statementsFromText, root: node });
  }

  private static fromTree(node: SyntaxNode, tree: PyTree): PyNode {
    return new PyNode(tree, node.startIndex, node);
  }

  /** `named` and `fields` are undefined when the node's children are left to the tree. */
  private static fromText(tree: PyTree, type: string, start: number, end: number, named?: readonly PyNode[], fields?: ReadonlyMap<string, number>): PyNode {
    const node = new PyNode(tree, start, undefined, fields);
    node.cachedType = type;
    node.cachedEnd = end;
    node.cachedNamedChildren = named;
    return node;
  }

  private static textBuilder(tree: PyTree): SyntaxBuilder<PyNode> {
    return {
      node: (type, start, end, named, fields) => PyNode.fromText(tree, type, start, end, named, fields),
      opaque: (type, start, end) => PyNode.fromText(tree, type, start, end),
    };
  }

  get id(): number {
    return this.node.id;
  }

  get source(): string {
    return this.tree.source;
  }

  /** True when the whole tree parsed without errors, so its text can stand in for reading its tokens. */
  get clean(): boolean {
    return this.tree.clean;
  }

  get type(): string {
    return (this.cachedType ??= this.node.type);
  }

  get endIndex(): number {
    return (this.cachedEnd ??= this.node.endIndex);
  }

  /** Node.text slices the parsed text the same way, but crosses into wasm for the end offset each time. */
  get text(): string {
    return (this.cachedText ??= this.tree.source.slice(this.startIndex, this.endIndex));
  }

  get children(): readonly PyNode[] {
    return (this.cachedChildren ??= this.wrap(this.node.children));
  }

  get namedChildren(): readonly PyNode[] {
    return (this.cachedNamedChildren ??= this.readNamedChildren());
  }

  get childCount(): number {
    return this.children.length;
  }

  /** The same node as Node.child(index), read from the children fetched in one call. */
  child(index: number): PyNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): PyNode | null {
    if (this.fieldIndex) {
      const index = this.fieldIndex.get(name);
      return index === undefined ? null : this.namedChildren[index];
    }
    this.cachedFields ??= new Map();
    let field = this.cachedFields.get(name);
    if (field === undefined) {
      const child = this.node.childForFieldName(name);
      field = child ? PyNode.fromTree(child, this.tree) : null;
      this.cachedFields.set(name, field);
    }
    return field;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.wrap(this.node.childrenForFieldName(name));
  }

  /** Found in wasm in one call. */
  descendantsOfType(types: string | string[]): PyNode[] {
    return this.wrap(this.node.descendantsOfType(types));
  }

  /** A call's arguments, split once: rules ask for each keyword and the n-th positional many times. */
  get callArguments(): CallArguments {
    return (this.cachedArguments ??= this.readCallArguments());
  }

  get parent(): PyNode | null {
    if (this.cachedParent === undefined) {
      const parent = this.node.parent;
      this.cachedParent = parent ? PyNode.fromTree(parent, this.tree) : null;
    }
    return this.cachedParent;
  }

  get hasError(): boolean {
    return this.node.hasError;
  }

  get isMissing(): boolean {
    return this.node.isMissing;
  }

  private get node(): SyntaxNode {
    if (!this.backing) {
      const found = this.tree.root.namedDescendantForIndex(this.startIndex, this.endIndex);
      if (!found) throw new Error(`no syntax node at ${this.startIndex}-${this.endIndex}`);
      this.backing = found;
    }
    return this.backing;
  }

  private readNamedChildren(): readonly PyNode[] {
    if (this.tree.statementsFromText && this.tree.clean && this.type === 'expression_statement') {
      this.tree.builder ??= PyNode.textBuilder(this.tree);
      const expression = simpleStatement(this.tree.source, this.startIndex, this.endIndex, this.tree.builder);
      if (expression) return [expression];
    }
    return this.wrap(this.node.namedChildren);
  }

  private readCallArguments(): CallArguments {
    const args: CallArguments = { positional: [], keywordNames: [], keywordValues: [] };
    for (const a of this.childForFieldName('arguments')?.namedChildren ?? []) {
      const type = a.type;
      if (type === 'keyword_argument') {
        const name = leadingName(a) ?? a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value) setKeyword(args, name, value);
      } else if (type !== 'comment' && type !== 'list_splat' && type !== 'dictionary_splat') {
        args.positional.push(a);
      }
    }
    return args;
  }

  private wrap(nodes: readonly SyntaxNode[]): PyNode[] {
    return nodes.map((n) => PyNode.fromTree(n, this.tree));
  }
}

function setKeyword(args: CallArguments, name: string, value: PyNode): void {
  const at = args.keywordNames.indexOf(name);
  if (at >= 0) {
    args.keywordValues[at] = value;
  } else {
    args.keywordNames.push(name);
    args.keywordValues.push(value);
  }
}

/**
 * Parses Python and hands the root to `read`; the tree is freed when `read` returns, so no PyNode may
 * outlive the call. `statementsFromText` is for a walk that reads nearly every statement (see
 * python/statementText.ts).
 */
export function withPythonTree<T>(text: string, read: (root: PyNode) => T, statementsFromText = false): T {
  checkPythonBrackets(text);
  const { tree, source, fast } = parsePythonSyntax(text);
  try {
    checkPythonDepth(tree.rootNode);
    // A fast tree's nodes are plain objects: reading them costs less than reading the statements again.
    return read(PyNode.root(tree.rootNode, source, statementsFromText && !fast));
  } finally {
    tree.delete();
  }
}
