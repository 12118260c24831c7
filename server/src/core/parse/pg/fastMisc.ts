// Fast-path statements that Alembic migrations send through op.execute() beside their DDL: ANALYZE after a
// data fix, CREATE EXTENSION before a column that needs one. Each is read to exactly the tree libpg-query
// builds (test/unit/pgFastMisc.test.ts), and anything else of the same statement is left to libpg-query.

import type { Node } from 'libpg-query';
import { type Cursor, unsure } from './lex';
import { colId, compact, nameList, rangeVar, sconst, str } from './names';

/** ANALYZE | ANALYSE [VERBOSE] [table [(column, ...)], ...]; the parenthesised option list is declined. */
export function analyze(c: Cursor): Node {
  const options: Node[] = [];
  const verbose = c.peek();
  if (c.eat('verbose') && verbose) options.push({ DefElem: { defname: 'verbose', defaction: 'DEFELEM_UNSPEC', location: verbose.start } });
  if (c.isOp('(')) unsure();
  const rels: Node[] = [];
  if (!c.atEnd()) {
    do {
      const relation = rangeVar(c);
      const columns = c.isOp('(') ? nameList(c) : undefined;
      rels.push({ VacuumRelation: compact({ relation, va_cols: columns }) });
    } while (c.eatOp(','));
  }
  return { VacuumStmt: compact({ options, rels }) };
}

/** CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION 'v'] [CASCADE], after CREATE EXTENSION. */
export function createExtension(c: Cursor): Node {
  const ifNotExists = c.ifNotExists();
  const extname = colId(c).text;
  c.eat('with');
  const options: Node[] = [];
  while (!c.atEnd()) {
    const word = c.next();
    if (word.kind !== 'word') unsure();
    if (word.text === 'schema') options.push(defElem('schema', str(colId(c).text), word.start));
    else if (word.text === 'version') options.push(defElem('new_version', str(sconst(c).text), word.start));
    else if (word.text === 'cascade') options.push(defElem('cascade', { Boolean: { boolval: true } }, word.start));
    else unsure();
  }
  return { CreateExtensionStmt: compact({ extname, if_not_exists: ifNotExists, options }) };
}

function defElem(defname: string, arg: Node, location: number): Node {
  return { DefElem: { defname, arg, defaction: 'DEFELEM_UNSPEC', location } };
}
