import type { Node, Parser, Tree } from 'web-tree-sitter';
import { assetPath } from '../assets';
import { parserNotReady } from '../notReady';
import { parsePythonFast } from './fast';
import type { SyntaxTree } from './tree';

export type { Node, Tree };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads web-tree-sitter and the Python grammar once; every later call returns the same promise. */
export function initPythonParser(): Promise<void> {
  loading ??= (async () => {
    // Required here, not imported, so that a run the fast parser reads whole never evaluates it.
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    await Parser.init({
      locateFile: () => assetPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
    });
    const language = await Language.load(assetPath('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

// tree-sitter-python slows down quadratically on runs of comment lines (4,000 of them take seconds, 50,000
// hang). Nothing reads comments from the tree (allow comments and autogenerate markers are found in the
// text), so whole-line comments are parsed as spaces of the same length: every offset stays the same.
const COMMENT_LINE = /^[ \t]*#.*$/gm;

// Python reads a lone CR as a line break, as it does CRLF and LF; tree-sitter and the fast path see only
// LF and CRLF, and read `\r    op.drop_table("b")` as part of the line before (a false syntax error and a
// missed drop). A lone CR becomes LF: one character for one, so every offset still points into the text.
const LONE_CR = /\r(?!\n)/g;

function parserText(text: string): string {
  const lines = text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
  return lines.includes('#') ? lines.replace(COMMENT_LINE, (line) => ' '.repeat(line.length)) : lines;
}

/**
 * tree-sitter's tree and the text it was parsed from (lone CRs as LF, comment lines blanked), which node offsets and
 * Node.text index into. Analysis goes through parsePythonSyntax; this is the reference it is tested against.
 */
export function parsePythonSource(text: string): { tree: Tree; source: string } {
  const source = parserText(text);
  return { tree: treeSitterParse(source), source };
}

/**
 * The same tree as parsePythonSource, built by the fast parser (python/fast.ts) when it can read the text and
 * by tree-sitter otherwise; `fast` says which.
 */
export function parsePythonSyntax(text: string): { tree: SyntaxTree; source: string; fast: boolean } {
  const source = parserText(text);
  const fast = parsePythonFast(source);
  return fast ? { tree: fast, source, fast: true } : { tree: treeSitterParse(source), source, fast: false };
}

function treeSitterParse(source: string): Tree {
  if (!parser) throw parserNotReady('python');
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
