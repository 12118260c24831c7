// What every fix builder needs to know about the file, computed once per analysis and only when asked.

import type { TextEdit } from '../findings';
import type { Operation, Range } from '../ops';
import { splitStatements } from '../parse/sqlSplit';
import { opIndex } from '../rules/opIndex';
import type { RuleContext } from '../rules/types';
import { scanPython, statementAt, stringAt, type PyLayout, type PyStatement } from './pyLayout';
import { readImports, type ImportFacts } from './pyText';
import { dateStamp } from './sqlText';

export class FixContext {
  readonly text: string;
  /** The file's own line break, so inserted lines match it. */
  readonly eol: string;
  /** yyyymmdd, for archive and backup names. */
  readonly stamp: string;
  private layout?: PyLayout;
  private importFacts?: ImportFacts;
  private sqlStarts?: Set<number>;
  /** Statement starts of each SQL string literal in Python, by the literal's start: split once, not per operation. */
  private readonly literalSqlStarts = new Map<number, Set<number>>();

  constructor(readonly rule: RuleContext, today: Date) {
    this.text = rule.text;
    this.eol = rule.text.includes('\r\n') ? '\r\n' : '\n';
    this.stamp = dateStamp(today);
  }

  get framework() {
    return this.rule.result.framework;
  }

  get postgres(): boolean {
    return this.rule.options.dialect === 'postgres';
  }

  python(): PyLayout {
    this.layout ??= scanPython(this.text);
    return this.layout;
  }

  imports(): ImportFacts {
    this.importFacts ??= readImports(this);
    return this.importFacts;
  }

  /** Leading whitespace of the line holding `offset`. */
  indentAt(offset: number): string {
    const line = this.rule.index.position(offset).line;
    return /^[ \t]*/.exec(this.rule.index.lineText(line))?.[0] ?? '';
  }

  /** One level deeper than `indent`, in the file's own style. */
  deeper(indent: string): string {
    return `${indent}${indent.includes('\t') ? '\t' : '    '}`;
  }

  /** Whole lines inserted above the line holding `offset`, each indented like it. */
  linesAbove(offset: number, lines: string[]): TextEdit {
    const at = this.rule.index.lineStart(this.rule.index.position(offset).line);
    const indent = this.indentAt(offset);
    return { range: { start: at, end: at }, newText: lines.map((l) => (l ? indent + l : l) + this.eol).join('') };
  }

  /** Whole lines before a SQL statement; when it shares its line with an earlier statement, it moves down. */
  linesBeforeSql(start: number, lines: string[]): TextEdit {
    const line = this.rule.index.position(start).line;
    if (this.text.slice(this.rule.index.lineStart(line), start).trim() === '') return this.linesAbove(start, lines);
    const indent = this.indentAt(start);
    return { range: { start, end: start }, newText: `${this.eol}${lines.map((l) => indent + l).join(this.eol)}${this.eol}${indent}` };
  }

  /** The frontend unrolled this call from a loop or from a helper called more than once: it runs for several tables. */
  unrolled(op: Operation): boolean {
    return opIndex(this.rule.result).sharesStartWithOtherTable(op);
  }

  /**
   * The Python statement that runs `op`, when the operation is that statement's own call (`op.drop_table(...)`,
   * `op.execute("...")`), so code inserted before it runs right before the operation, and only for it.
   */
  pythonStatementOf(op: Operation): PyStatement | undefined {
    if (this.unrolled(op)) return undefined;
    const stmt = statementAt(this.python(), op.range.start);
    if (!stmt) return undefined;
    if (op.origin === 'python-call') return stmt.start === op.range.start ? stmt : undefined;
    return /^[A-Za-z_][\w.]*\s*\(/.test(this.text.slice(stmt.start, stmt.end)) ? stmt : undefined;
  }

  /**
   * The statement `op` is, when it is a statement of its own at the top level of a .sql file or of a SQL
   * string in Python (not one inside a DO block). The range ends before the terminating semicolon.
   */
  sqlStatementOf(op: Operation): Range | undefined {
    if (!this.topLevelSqlStarts(op).has(op.range.start)) return undefined;
    if (opIndex(this.rule.result).sharesStartWithOtherOp(op)) return undefined;
    const end = this.text[op.range.end - 1] === ';' ? op.range.end - 1 : op.range.end;
    return { start: op.range.start, end };
  }

  private topLevelSqlStarts(op: Operation): Set<number> {
    if (this.framework === 'sql') {
      this.sqlStarts ??= new Set(splitStatements(this.text).map((s) => s.start));
      return this.sqlStarts;
    }
    if (op.origin !== 'embedded-sql') return new Set();
    const literal = stringAt(this.python(), op.range.start);
    if (!literal) return new Set();
    let starts = this.literalSqlStarts.get(literal.start);
    if (!starts) {
      const quote = this.text.startsWith(this.text[literal.start].repeat(3), literal.start) ? 3 : 1;
      const contentStart = literal.start + quote;
      const content = this.text.slice(contentStart, literal.end - quote);
      starts = new Set(splitStatements(content).map((s) => s.start + contentStart));
      this.literalSqlStarts.set(literal.start, starts);
    }
    return starts;
  }
}
